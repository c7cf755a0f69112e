/**
 * Git and arguments: task ids and refs that read as options, ranges, paths or
 * shell are rejected before any git call (a recording `git` on PATH proves
 * it); git missing from PATH, a repository with no commits, a detached HEAD
 * and a shallow clone all give results or one clear line, never a crash.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lines, manifest, validPacket } from '../helpers/check-repo.js';
import { committedRepo, expectOneLine, shallowClone, commitFiles } from '../helpers/git-fixtures.js';
import { runCli } from '../helpers/run-cli.js';
import { git, gitInit, tempRepo } from '../helpers/temp-repo.js';

const NOW = '2026-11-21T10:00:00Z';
const REAL_GIT = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();

const FILES = {
  'state/packets/460/packet.md': validPacket(460, ['- [x] the tests pass `.runs/1/manifest.json`']),
  '.runs/1/manifest.json': manifest(),
  'tasks/tasks-0001.md': lines('# Tasks', '', '- [ ] open'),
};

/** Ids and refs that must never reach git. */
const HOSTILE = ['--output=x', '-c core.pager=touch /tmp/pwned', '-ccore.pager=sh', 'a..b', '../../etc', 'a b', 'a"b', "a'b", 'a\nb', 'a;rm -rf /', '$(touch x)', '`id`', 'a|b', 'a&b', 'a>b', 'HEAD@{-1}..HEAD'];

describe('git and arguments', () => {
  let savedPath: string | undefined;
  let bin: string;
  let log: string;
  beforeEach(() => {
    savedPath = process.env.PATH;
    bin = tempRepo();
    log = path.join(bin, 'calls.log');
    writeFileSync(path.join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${REAL_GIT}' "$@"\n`);
    chmodSync(path.join(bin, 'git'), 0o755);
  });
  afterEach(() => {
    process.env.PATH = savedPath;
  });

  /** The git calls made since the last look. */
  function gitCalls(): string[] {
    if (!existsSync(log)) return [];
    const calls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    writeFileSync(log, '');
    return calls;
  }

  it('hostile task ids and refs: exit 2, one line, and not a single git call', async () => {
    const { root } = committedRepo(FILES, '2026-11-20T10:00:00Z');
    process.env.PATH = `${bin}${path.delimiter}${savedPath ?? ''}`;
    // The recording git works: a good call is seen.
    expect((await runCli(['brief', '--task', '460', '--now', NOW], root)).code).toBe(0);
    expect(gitCalls().length).toBeGreaterThan(0);
    for (const bad of HOSTILE) {
      for (const argv of [
        ['brief', '--task', bad, '--now', NOW],
        ['checkpoint', 'create', '--task', bad, '--kind', 'progress', '--agent', 'x', '--now', NOW],
        ['check', '--changed-since', bad, '--now', NOW],
        [`--changed-since=${bad}`, 'check', '--now', NOW].slice(1).concat([`--changed-since=${bad}`]),
      ]) {
        const run = await runCli(argv, root);
        expect(run.code, `${argv.join(' ')}: ${run.stderr}`).toBe(2);
        expect(run.stdout).toBe('');
        expectOneLine(run.stderr);
        expect(run.stderr).toMatch(/not a task id|not a revision/);
        expect(gitCalls(), argv.join(' ')).toEqual([]);
      }
    }
    expect(existsSync(path.join(root, 'x'))).toBe(false);
    expect(existsSync('/tmp/pwned')).toBe(false);
    expect(git(root, ['status', '--porcelain'])).toBe('');
  });

  it('git missing from PATH: check and brief work from the files, checkpoint create writes, --changed-since says why in one line', async () => {
    const { root } = committedRepo(FILES, '2026-11-20T10:00:00Z');
    process.env.PATH = tempRepo(); // an empty folder: no git anywhere
    const checked = await runCli(['check', '--now', NOW, '--format', 'json'], root, { PATH: process.env.PATH });
    expect(checked.code, checked.stderr).toBe(0);
    expect(JSON.parse(checked.stdout).summary.files).toBe(3);
    const briefed = await runCli(['brief', '--task', '460', '--now', NOW, '--format', 'json'], root, { PATH: process.env.PATH });
    expect(briefed.code, briefed.stderr).toBe(0);
    expect(JSON.parse(briefed.stdout).history.available).toBe(false);
    const created = await runCli(['checkpoint', 'create', '--task', '460', '--kind', 'progress', '--agent', 'codex', '--summary', 'Tests pass.', '--now', NOW], root, { PATH: process.env.PATH });
    expect(created.code, created.stderr).toBe(0);
    const since = await runCli(['check', '--changed-since', 'main', '--now', NOW], root, { PATH: process.env.PATH });
    expect(since.code).toBe(2);
    expectOneLine(since.stderr);
    expect(since.stderr).toContain('needs a git repository (and git on PATH)');
  });

  it('a repository with no commits: check, brief and checkpoint create work', async () => {
    const root = tempRepo(FILES);
    gitInit(root);
    const checked = await runCli(['check', '--now', NOW], root);
    expect(checked.code, checked.stderr).toBe(0);
    const briefed = await runCli(['brief', '--task', '460', '--now', NOW, '--format', 'json'], root);
    expect(briefed.code, briefed.stderr).toBe(0);
    const created = await runCli(['checkpoint', 'create', '--task', '460', '--kind', 'start', '--agent', 'codex', '--summary', 'Started.', '--from-git', '--now', NOW], root);
    expect(created.code, created.stderr).toBe(0);
    expect(readFileSync(path.join(root, created.stdout.trim()), 'utf8')).toContain('no commits yet');
    const since = await runCli(['check', '--changed-since', 'main', '--now', NOW], root);
    expect(since.code).toBe(2);
    expectOneLine(since.stderr);
  });

  it('a detached HEAD: check, brief and checkpoint create work; the checkpoint records the head and no branch', async () => {
    const { root, sha } = committedRepo(FILES, '2026-11-20T10:00:00Z');
    commitFiles(root, { 'README.md': '# r\n' }, 'docs: readme\n\nTask: 460', '2026-11-20T11:00:00Z');
    git(root, ['checkout', '-q', '--detach', sha]);
    expect((await runCli(['check', '--now', NOW], root)).code).toBe(0);
    const briefed = await runCli(['brief', '--task', '460', '--now', NOW, '--format', 'json'], root);
    expect(briefed.code, briefed.stderr).toBe(0);
    const created = await runCli(['checkpoint', 'create', '--task', '460', '--kind', 'progress', '--agent', 'codex', '--summary', 'Tests pass.', '--now', NOW], root);
    expect(created.code, created.stderr).toBe(0);
    const text = readFileSync(path.join(root, created.stdout.trim()), 'utf8');
    expect(text).toContain(`head: "${sha}"`);
    expect(text).not.toMatch(/^branch: \S/m);
    expect((await runCli(['check', '--changed-since', 'main', '--now', NOW], root)).code).toBe(0);
  });

  it('a shallow clone: check, brief and --changed-since work or say how to fetch more', async () => {
    const { root: origin } = committedRepo(FILES, '2026-11-20T10:00:00Z');
    commitFiles(origin, { 'README.md': '# r\n' }, 'docs: readme', '2026-11-20T11:00:00Z');
    const clone = shallowClone(origin, 1);
    expect((await runCli(['check', '--now', NOW], clone)).code).toBe(0);
    const briefed = await runCli(['brief', '--task', '460', '--now', NOW, '--format', 'json'], clone);
    expect(briefed.code, briefed.stderr).toBe(0);
    expect(JSON.parse(briefed.stdout).history.shallow).toBe(true);
    const since = await runCli(['check', '--changed-since', 'HEAD~1', '--now', NOW], clone);
    expect(since.code).toBe(2);
    expectOneLine(since.stderr);
    expect(since.stderr).toContain('shallow clone');
  });
});
