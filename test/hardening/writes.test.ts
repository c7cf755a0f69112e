/**
 * Writes: `checkpoint create` run as a real process (the build, `dist/`) and
 * killed mid-write leaves no file or a complete valid one; concurrent creates
 * never share a name; an existing file (or a symlink) is never overwritten;
 * an unwritable folder gives one clear line.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check/check.js';
import { validPacket } from '../helpers/check-repo.js';
import { committedRepo, expectOneLine } from '../helpers/git-fixtures.js';
import { runCli } from '../helpers/run-cli.js';
import { tempRepo } from '../helpers/temp-repo.js';
import { CLI, ensureBuilt } from './harness.js';

const NOW = '2026-06-02T10:00:00Z';
const FOLDER = 'state/checkpoints/460';
const CREATE = ['checkpoint', 'create', '--task', '460', '--kind', 'progress', '--agent', 'codex', '--summary', 'Half done.', '--now', NOW];

interface Child {
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  kill(): void;
}

/** Runs the built CLI in a child process. */
function spawnCli(args: string[], cwd: string, env: Record<string, string> = {}): Child {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  return {
    exited: new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))),
    kill: () => child.kill('SIGKILL'),
  };
}

function repo(): string {
  return committedRepo({ 'state/packets/460/packet.md': validPacket(460) }, '2026-06-01T10:00:00Z').root;
}

/** The folder's entries: checkpoints (`*.md`) and anything else. */
function entries(root: string): { md: string[]; other: string[] } {
  const dir = path.join(root, FOLDER);
  const names = existsSync(dir) ? readdirSync(dir) : [];
  return { md: names.filter((n) => n.endsWith('.md')).sort(), other: names.filter((n) => !n.endsWith('.md')) };
}

async function findings(root: string): Promise<unknown[]> {
  return (await check({ root, now: NOW, env: {} })).findings;
}

describe('writes', () => {
  beforeAll(() => ensureBuilt(), 180_000);

  it('a kill between writing the temporary file and linking it leaves no checkpoint, only a hidden .tmp that check ignores and a later create removes', async () => {
    const root = repo();
    const marker = path.join(tempRepo(), 'held');
    const child = spawnCli(CREATE, root, { SPECGUARD_TEST_HOLD_BEFORE_LINK: marker });
    const deadline = Date.now() + 30_000;
    while (!existsSync(marker) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(marker)).toBe(true);
    child.kill();
    expect((await child.exited).signal).toBe('SIGKILL');
    const after = entries(root);
    expect(after.md).toEqual([]);
    expect(after.other).toHaveLength(1);
    expect(after.other[0]).toMatch(/^\.2026-06-02T10-00-00Z-progress\.\d+\.[0-9a-f]{12}\.tmp$/);
    // The temporary file is complete (the kill came after it was flushed), but no glob takes it.
    expect(readFileSync(path.join(root, FOLDER, after.other[0]!), 'utf8')).toContain('task: "460"');
    const report = await check({ root, now: NOW, env: {} });
    expect(report.findings).toEqual([]);
    expect(report.summary.files).toBe(1); // the packet only
    // Once old, the dead writer's temporary file is removed by the next create.
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(path.join(root, FOLDER, after.other[0]!), old, old);
    const next = await runCli(CREATE, root);
    expect(next.code, next.stderr).toBe(0);
    expect(entries(root)).toEqual({ md: ['2026-06-02T10-00-00Z-progress.md'], other: [] });
  }, 60_000);

  it('kills at random moments leave only complete, valid checkpoints', async () => {
    const root = repo();
    // Delays spread over a create's whole life (start-up, config, git, template, write), fixed for repeatability.
    const delays = [40, 90, 140, 180, 220, 260, 300, 340, 380, 420, 480, 560];
    for (const delay of delays) {
      const child = spawnCli(CREATE, root);
      await new Promise((r) => setTimeout(r, delay));
      child.kill();
      await child.exited;
      const { md, other } = entries(root);
      for (const name of other) expect(name).toMatch(/^\..+\.\d+\.[0-9a-f]{12}\.tmp$/);
      for (const name of md) expect(readFileSync(path.join(root, FOLDER, name), 'utf8')).toMatch(/^---\n[\s\S]*\n## Next steps\n/);
      expect(await findings(root)).toEqual([]);
    }
  }, 120_000);

  it('20 concurrent creates (separate processes) give 20 distinct, valid files', async () => {
    const root = repo();
    const children = Array.from({ length: 20 }, (_, i) => spawnCli([...CREATE, '--summary', `Writer ${i} was here.`], root));
    const results = await Promise.all(children.map((c) => c.exited));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const written = results.map((r) => r.stdout.trim());
    expect(new Set(written).size).toBe(20);
    const { md, other } = entries(root);
    expect(md).toHaveLength(20);
    expect(other).toEqual([]);
    const summaries = md.map((name) => /summary: "(Writer \d+) was here\."/.exec(readFileSync(path.join(root, FOLDER, name), 'utf8'))?.[1]);
    expect(new Set(summaries).size).toBe(20);
    expect(await findings(root)).toEqual([]);
  }, 120_000);

  it('never overwrites an existing file, nor writes through a symlink at the target name', async () => {
    const root = repo();
    const outside = path.join(tempRepo(), 'victim.txt');
    writeFileSync(outside, 'do not touch\n');
    mkdirSync(path.join(root, FOLDER), { recursive: true });
    const existing = path.join(root, FOLDER, '2026-06-02T10-00-00Z-progress.md');
    writeFileSync(existing, 'a user file\n');
    symlinkSync(outside, path.join(root, FOLDER, '2026-06-02T10-00-00Z-progress-2.md'));
    const run = await runCli(CREATE, root);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`${FOLDER}/2026-06-02T10-00-00Z-progress-3.md\n`);
    expect(readFileSync(existing, 'utf8')).toBe('a user file\n');
    expect(readFileSync(outside, 'utf8')).toBe('do not touch\n');
  });

  it('a folder that cannot be written: exit 2, one clear line, nothing written', async () => {
    const root = repo();
    // A file where the task's folder should be (fails even as root).
    mkdirSync(path.join(root, 'state/checkpoints'), { recursive: true });
    writeFileSync(path.join(root, FOLDER), 'not a folder\n');
    const run = await runCli(CREATE, root);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expectOneLine(run.stderr);
    expect(run.stderr).toMatch(/^specguard: cannot write a new file in .*460 \((EEXIST|ENOTDIR)\)\n$/);
    rmSync(path.join(root, FOLDER));
    if (process.getuid?.() === 0) return; // root writes through permissions
    chmodSync(path.join(root, 'state/checkpoints'), 0o555);
    try {
      const readOnly = await runCli(CREATE, root);
      expect(readOnly.code).toBe(2);
      expectOneLine(readOnly.stderr);
      expect(readOnly.stderr).toContain('permission denied');
    } finally {
      chmodSync(path.join(root, 'state/checkpoints'), 0o755);
    }
  });
});
