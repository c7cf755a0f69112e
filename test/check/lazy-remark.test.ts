/**
 * The built package never loads remark in its main thread for markdown the fast body scan reads: a resolve hook
 * (`module.register`) in a child process reports every import of `remark-parse` while `check` runs.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempRepo } from '../helpers/temp-repo.js';

const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

const CHILD = `
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent('export async function resolve(s, c, n) { if (s.includes("remark-parse")) process.stderr.write("loaded remark-parse\\\\n"); return n(s, c); }'));
const { main } = await import(process.argv[1]);
const io = { stdout: { write: () => true, isTTY: false }, stderr: { write: (s) => process.stderr.write(s), isTTY: false }, cwd: process.argv[2], env: {} };
process.stderr.write('exit ' + (await main(['check', process.argv[2], '--format', 'json'], io)) + '\\n');
`;

function checkInChild(root: string): string {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, MAIN, root], { encoding: 'utf8' });
  return run.stderr;
}

describe('remark in the main thread', () => {
  it('is not loaded when the fast body scan reads every document', () => {
    const root = tempRepo({ 'tasks/tasks-0001-import.md': '---\ntitle: Import\n---\n# Tasks\n\n- [x] Parse the *ledger* — see [the log](logs/a.txt)\n  - [ ] Retry `3` times\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n' });
    const stderr = checkInChild(root);
    expect(stderr).toMatch(/exit [01]\n/);
    expect(stderr).not.toContain('loaded remark-parse');
  });
});
