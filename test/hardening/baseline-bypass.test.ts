/**
 * A box ticked in a pull request is never waved through by a baseline the pull request brings, whatever hides it
 * from `git diff`: `.gitattributes` with `*.md -diff` (no hunks), a content line that reads as a diff header
 * (`++ b/decoy.md`), or removing the fence around an item that was ticked inside a code block. "Ticked in this
 * change" is decided from the items' content at the merge base and now. Real git repositories.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { commitAll, git, gitInit, tempRepo, writeFiles } from '../helpers/temp-repo.js';

const LIST = 'tasks/tasks-0001.md';

/** A repository on main with `base`, then a branch whose change is `change` plus a baseline written on it. */
async function attack(base: Record<string, string>, change: Record<string, string>): Promise<{ code: number; stdout: string }> {
  const root = tempRepo(base);
  gitInit(root);
  commitAll(root, 'Base', '2026-11-01T10:00:00Z');
  git(root, ['checkout', '-q', '-b', 'feature']);
  writeFiles(root, change);
  // The attacker records today's findings, the new tick's included, as "known", and commits that too.
  expect((await runCli(['check', '--write-baseline', 'known.json', '--now', '2026-11-21'], root)).code).toBe(0);
  commitAll(root, 'Tick it', '2026-11-02T10:00:00Z');
  const run = await runCli(['check', '--changed-since', 'main', '--baseline', 'known.json', '--now', '2026-11-21', '--format', 'json'], root);
  return { code: run.code, stdout: run.stdout };
}

const ticked = (report: string): string[] => (JSON.parse(report) as { findings: Array<{ ruleId: string; line: number }> }).findings.filter((f) => f.ruleId === 'checkbox-evidence').map((f) => `${f.ruleId}:${f.line}`);

describe('a baseline never waves through a box ticked in the change', () => {
  it('with *.md -diff in .gitattributes (no hunks)', async () => {
    const run = await attack({ [LIST]: '# Tasks\n\n- [ ] Ship it\n' }, { '.gitattributes': '*.md -diff\n', [LIST]: '# Tasks\n\n- [x] Ship it\n' });
    expect(ticked(run.stdout)).toEqual(['checkbox-evidence:3']);
    expect(run.code).toBe(1);
  });

  it('with an added line that reads as a diff header', async () => {
    const run = await attack({ [LIST]: '# Tasks\n\n- [ ] Ship it\n' }, { [LIST]: '# Tasks\n\n++ b/decoy.md\n- [x] Ship it\n' });
    expect(ticked(run.stdout)).toEqual(['checkbox-evidence:4']);
  });

  it('by removing the fence around an item ticked inside a code block', async () => {
    const run = await attack({ [LIST]: '# Tasks\n\n```\n- [x] Ship it\n```\n' }, { [LIST]: '# Tasks\n\n- [x] Ship it\n' });
    expect(ticked(run.stdout)).toEqual(['checkbox-evidence:3']);
  });

  it('and still holds back a box ticked at the base that the change only moved', async () => {
    const run = await attack({ [LIST]: '# Tasks\n\n- [x] Shipped long ago\n' }, { [LIST]: '# Tasks\n\nIntro.\n\n- [x] Shipped long ago\n' });
    expect(ticked(run.stdout)).toEqual([]);
    expect(run.code).toBe(0);
  });
});
