/**
 * Files a pull request can place where specguard reads its own settings and state. A config found in the tree
 * is read only as a regular file inside the repository: a symlink out of it, a device or a FIFO stops the run
 * with exit 2 and one line naming the file and why, never its content, and never hangs on a read. A cache path
 * that holds a FIFO is neither read nor replaced: a note, and a cold run. A file planted where the cache's
 * temporary file would go never blocks its write.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOneLine } from '../helpers/git-fixtures.js';
import { runCli } from '../helpers/run-cli.js';
import { tempRepo } from '../helpers/temp-repo.js';

const NOW = ['--now', '2026-11-21'];
const LIST = { 'tasks/tasks-0001.md': '- [ ] open\n' };

describe('bounds on a config found in the tree', () => {
  it('a symlink to a file outside the repository: exit 2, the file named, its content never shown', async () => {
    const outside = path.join(mkdtempSync(path.join(os.tmpdir(), 'specguard-outside-')), 'secret.yaml');
    writeFileSync(outside, 'rules: SECRET-TOKEN-42\n');
    const root = tempRepo(LIST);
    symlinkSync(outside, path.join(root, 'specguard.config.yaml'));
    const run = await runCli(['check', '.', ...NOW], root);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain('specguard.config.yaml');
    expect(run.stderr).toContain('outside the repository');
    expect(run.stderr + run.stdout).not.toContain('SECRET-TOKEN-42');
  });

  it('a symlink to a device: exit 2 without reading it', async () => {
    const root = tempRepo(LIST);
    symlinkSync('/dev/zero', path.join(root, 'specguard.config.yaml'));
    const run = await runCli(['check', '.', ...NOW], root);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain('specguard.config.yaml');
  });

  it('a FIFO: exit 2 with "not a regular file", no read that would block', async () => {
    const root = tempRepo(LIST);
    execFileSync('mkfifo', [path.join(root, 'specguard.config.yml')]);
    const run = await runCli(['check', '.', ...NOW], root);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain('specguard.config.yml');
    expect(run.stderr).toContain('not a regular file');
  });

  it('a symlink to a config inside the repository is read', async () => {
    const root = tempRepo({ ...LIST, 'config/shared.yaml': 'rules:\n  checkbox-evidence: off\n', 'tasks/tasks-0002.md': '- [x] done\n' });
    symlinkSync('config/shared.yaml', path.join(root, 'specguard.config.yaml'));
    const run = await runCli(['check', '.', '--format', 'json', ...NOW], root);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string }> };
    expect(report.findings.map((f) => f.ruleId)).not.toContain('checkbox-evidence');
  });

  it('a FIFO at the cache path: a note, a cold run, the FIFO left in place', async () => {
    const root = tempRepo(LIST);
    execFileSync('mkfifo', [path.join(root, '.specguard-cache')]);
    const run = await runCli(['check', '.', '--cache', '--format', 'json', ...NOW], root);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { notes: string[]; summary: { files: number } };
    expect(report.summary.files).toBe(1);
    expect(report.notes).toContain('.specguard-cache is not a regular file; it was neither used nor overwritten (give --cache-location another path).');
    expect(lstatSync(path.join(root, '.specguard-cache')).isFIFO()).toBe(true);
  });

  it('a file committed at the old, predictable temporary name (pid-based) does not block writing the cache', async () => {
    const root = tempRepo({ ...LIST, [`..specguard-cache.${process.pid}.tmp`]: 'planted\n' });
    const run = await runCli(['check', '.', '--cache', '--format', 'json', ...NOW], root);
    const report = JSON.parse(run.stdout) as { notes?: string[] };
    expect((report.notes ?? []).filter((note) => note.includes('could not be written'))).toEqual([]);
    expect(readFileSync(path.join(root, '.specguard-cache'), 'utf8')).toMatch(/^\{"format":/);
    expect(readFileSync(path.join(root, `..specguard-cache.${process.pid}.tmp`), 'utf8')).toBe('planted\n');
  });
});
