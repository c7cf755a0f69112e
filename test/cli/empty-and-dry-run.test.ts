/**
 * A run that matches no file says so on stderr (the globs it tried and the folder it looked in) and exits 0;
 * `check --dry-run` reports every finding, says so in its summary, and exits 0.
 */
import { describe, expect, it } from 'vitest';
import { lines } from '../helpers/check-repo.js';
import { runCli } from '../helpers/run-cli.js';
import { gitInit, tempRepo, writeFiles } from '../helpers/temp-repo.js';
import path from 'node:path';
import { mkdirSync } from 'node:fs';

describe('a run that matches no file', () => {
  it('prints one stderr line naming the globs and the folder, and exits 0 (a repository right after init)', async () => {
    const root = tempRepo({ 'README.md': '# Repo\n' });
    gitInit(root);
    const run = await runCli(['check'], root);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No problems (0 files checked)');
    expect(run.stderr).toBe(
      "specguard: no file matched the kinds' globs (tasks/specs/*.md, tasks/tasks-*.md, state/packets/**/*.md, state/checkpoints/*/*.md, .runs/**/manifest.json, tasks/index.json) under this folder; see `specguard kinds`\n",
    );
  });

  it('says the same for `check PATH` when PATH is a folder none of whose files match, naming the folder', async () => {
    const root = tempRepo({ 'docs/notes.md': '# Notes\n' });
    gitInit(root);
    const run = await runCli(['check', 'docs', '--format', 'json'], root);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).summary.files).toBe(0);
    expect(run.stderr).toMatch(/^specguard: no file matched the kinds' globs \(.*tasks\/tasks-\*\.md.*\) under docs\/; see `specguard kinds`\n$/);
  });

  it('says nothing when a file matched', async () => {
    const root = tempRepo({ 'tasks/tasks-0001.md': lines('- [ ] open') });
    const run = await runCli(['check'], root);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('shows control characters in a folder name as escapes', async () => {
    const root = tempRepo();
    const odd = path.join(root, 'a\x1b[31mb');
    mkdirSync(odd);
    writeFiles(odd, { 'x.md': '# x\n' });
    const run = await runCli(['check', odd], root);
    expect(run.stderr).toContain('a\\u001b[31mb/');
    expect(run.stderr).not.toContain('\x1b');
  });
});

describe('check --dry-run', () => {
  const repo = (): string => tempRepo({ 'tasks/tasks-0001.md': lines('- [x] shipped', '- [x] fixed in #12') });

  it('reports every finding, says it is a dry run in the summary, and exits 0', async () => {
    const root = repo();
    const real = await runCli(['check', '--now', '2026-11-21'], root);
    expect(real.code).toBe(1);
    const dry = await runCli(['check', '--dry-run', '--now', '2026-11-21'], root);
    expect(dry.code).toBe(0);
    expect(dry.stdout.startsWith(real.stdout.trimEnd())).toBe(true);
    expect(dry.stdout).toContain('Dry run: exit 0 whatever was found; without --dry-run this run exits 1.');
    const json = JSON.parse((await runCli(['check', '--dry-run', '--format', 'json', '--now', '2026-11-21'], root)).stdout) as { summary: { errors: number; dryRun?: boolean } };
    expect(json.summary).toMatchObject({ errors: 1, dryRun: true });
  });

  it('exits 0 over --max-warnings too', async () => {
    const run = await runCli(['check', '--dry-run', '--max-warnings', '0', '--now', '2026-11-21'], repo());
    expect(run.code).toBe(0);
  });
});
