/**
 * `specguard check --cache` and `--cache-location` through the command line:
 * the same output as without the cache, cold and warm, and the cache where
 * the flags say.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lines } from '../helpers/check-repo.js';
import { runCli } from '../helpers/run-cli.js';
import { git, gitInit, commitAll, tempRepo } from '../helpers/temp-repo.js';
import { CACHE, gitRepo, LIST, NOW, SEED_004_NOW, seed004Copy, specsRepo } from './cache-fixtures.js';

describe('specguard check --cache', () => {
  it.each(['stylish', 'json', 'sarif'])('prints the same %s report as without the cache, cold and warm', async (format) => {
    const root = seed004Copy();
    const args = ['check', root, '--now', SEED_004_NOW, '--format', format];
    const plain = await runCli(args, process.cwd());
    expect(plain.code).toBe(1);
    expect(plain.stdout.length).toBeGreaterThan(0);
    const cold = await runCli([...args, '--cache'], process.cwd());
    expect(existsSync(path.join(root, CACHE))).toBe(true);
    const warm = await runCli([...args, '--cache'], process.cwd());
    for (const run of [cold, warm]) {
      expect(run.code).toBe(plain.code);
      expect(run.stderr).toBe(plain.stderr);
      expect(run.stdout).toBe(plain.stdout);
    }
  });

  it('prints the same report in a git repository, and after an edit', async () => {
    const { root } = gitRepo();
    const args = ['check', '.', '--now', NOW, '--format', 'json'];
    const plain = await runCli(args, root);
    expect((await runCli([...args, '--cache'], root)).stdout).toBe(plain.stdout);
    expect((await runCli([...args, '--cache'], root)).stdout).toBe(plain.stdout);
    writeFileSync(path.join(root, LIST), lines('# Tasks', '', '- [x] no evidence at all'));
    const edited = await runCli(args, root);
    expect(edited.stdout).not.toBe(plain.stdout);
    expect((await runCli([...args, '--cache'], root)).stdout).toBe(edited.stdout);
  });

  it('--cache-location is relative to the working directory and implies --cache', async () => {
    const root = specsRepo();
    const cwd = tempRepo();
    mkdirSync(path.join(cwd, 'out'));
    const args = ['check', root, '--now', NOW, '--format', 'json'];
    const plain = await runCli(args, cwd);
    const cold = await runCli([...args, '--cache-location', 'out/sg-cache'], cwd);
    expect(cold.stdout).toBe(plain.stdout);
    expect(readFileSync(path.join(cwd, 'out/sg-cache'), 'utf8').startsWith('{"format":"specguard-cache"')).toBe(true);
    expect(existsSync(path.join(root, CACHE))).toBe(false);
    expect(existsSync(path.join(root, 'out/sg-cache'))).toBe(false);
    expect((await runCli([...args, '--cache-location', 'out/sg-cache'], cwd)).stdout).toBe(plain.stdout);
  });

  it('--cache puts the cache at the root of the checked folder, not in the working directory', async () => {
    const root = specsRepo();
    const cwd = tempRepo();
    await runCli(['check', root, '--now', NOW, '--cache'], cwd);
    expect(existsSync(path.join(root, CACHE))).toBe(true);
    expect(existsSync(path.join(cwd, CACHE))).toBe(false);
  });

  it('shows the note about a foreign cache file in the report, and leaves the file alone', async () => {
    const root = specsRepo();
    writeFileSync(path.join(root, CACHE), 'not ours\n');
    const run = await runCli(['check', root, '--now', NOW, '--format', 'json', '--cache'], process.cwd());
    const report = JSON.parse(run.stdout) as { notes: string[] };
    expect(report.notes).toContain(`${CACHE} is not a specguard cache; it was neither used nor overwritten (give --cache-location another path).`);
    expect(readFileSync(path.join(root, CACHE), 'utf8')).toBe('not ours\n');
  });

  // Known bug: the untracked cache file written by the cold run counts as a changed file of the warm run
  // (check.ts resolves the change set from `git ls-files --others` before the cache is opened).
  it('--changed-since with --cache: the untracked cache file is not part of the change', async () => {
    const root = tempRepo({ [LIST]: lines('# Tasks', '', '- [ ] a'), 'README.md': '# Repo\n' });
    gitInit(root);
    commitAll(root, 'chore: start', '2026-11-01T10:00:00Z');
    git(root, ['checkout', '-q', '-b', 'feature']);
    writeFileSync(path.join(root, LIST), lines('# Tasks', '', '- [x] a'));
    const args = ['check', '.', '--now', NOW, '--format', 'json', '--changed-since', 'main'];
    const plain = await runCli(args, root);
    expect((await runCli([...args, '--cache'], root)).stdout).toBe(plain.stdout);
    expect((await runCli([...args, '--cache'], root)).stdout).toBe(plain.stdout);
  });
});
