/**
 * checkbox-evidence on parents (issue 13, item 3): a ticked parent whose own text cites nothing is proven when
 * every child (nested by indentation, or by numbering as Kiro writes `2.` then `2.1` unindented) is ticked and
 * proven; otherwise it is reported, and the message names the first child that is not proven and why.
 */
import { describe, expect, it } from 'vitest';
import { lines, manifest, ruleFindings } from '../helpers/check-repo.js';

const RULE = 'checkbox-evidence';
const LIST = 'tasks/tasks-0001.md';
const REPO = { 'README.md': '# Repo\n', '.runs/1/manifest.json': manifest() };

/** `[line, message]` of each checkbox-evidence finding of a task list. */
async function findings(...items: string[]): Promise<Array<[number, string]>> {
  return (await ruleFindings(RULE, { ...REPO, [LIST]: lines(...items) })).map((f) => [f.line, f.message]);
}

describe('checkbox-evidence on a ticked parent that cites nothing', () => {
  it('says nothing when every child is ticked and proven (nested by indentation)', async () => {
    expect(await findings('- [x] Parser', '  - [x] Grammar `README.md`', '  - [x] Tests `.runs/1/`')).toEqual([]);
  });

  it('says nothing when every child is ticked and proven (nested by numbering, unindented)', async () => {
    expect(await findings('- [x] 2. Save', '- [x] 2.1 Handler `README.md`', '- [x] 2.2 Tests `.runs/1/`')).toEqual([]);
  });

  it('is proven through a child that is itself a parent proven by its children', async () => {
    expect(await findings('- [x] Release', '  - [x] Parser', '    - [x] Grammar `README.md`', '  - [x] Tests `.runs/1/`')).toEqual([]);
  });

  it('reports the parent when a child is open, naming it', async () => {
    expect(await findings('- [x] Parser', '  - [x] Grammar `README.md`', '  - [ ] Tests')).toEqual([
      [1, 'Ticked box is unproven: it cites no evidence, and its item on line 3 is not ticked; prove every item below it, cite what proves this one, or untick it.'],
    ]);
  });

  it('reports the parent when a child cites nothing (and the child too)', async () => {
    expect(await findings('- [x] 2. Save', '- [x] 2.1 Handler `README.md`', '- [x] 2.2 Tests')).toEqual([
      [1, 'Ticked box is unproven: it cites no evidence, and its item on line 3 is not proven (it cites nothing that can be checked); prove every item below it, cite what proves this one, or untick it.'],
      [3, 'Ticked box is unproven: it cites no evidence; cite the run manifest, log, file or commit that proves it (as `path` or a link), or untick it.'],
    ]);
  });

  it('reports the parent when a child cites evidence that is missing', async () => {
    expect(await findings('- [x] Parser', '  - [x] Grammar, see `docs/missing.md`', '  - [x] Tests `.runs/1/`')).toEqual([
      [1, 'Ticked box is unproven: it cites no evidence, and its item on line 2 cites evidence that is missing or failed; prove every item below it, cite what proves this one, or untick it.'],
    ]);
  });

  it('reports the parent when a child cites only what cannot be checked offline', async () => {
    expect(await findings('- [x] Parser', '  - [x] Grammar, see #12')).toEqual([
      [1, 'Ticked box is unproven: it cites no evidence, and its item on line 2 is not proven (it cites nothing that can be checked); prove every item below it, cite what proves this one, or untick it.'],
    ]);
  });

  it('judges a parent that cites something by its own evidence, whatever its children', async () => {
    expect(await findings('- [x] Parser `README.md`', '  - [ ] Tests')).toEqual([]);
  });

  it('reports a ticked item without children as before', async () => {
    expect(await findings('- [x] Parser', '- [x] Tests `README.md`')).toEqual([
      [1, 'Ticked box is unproven: it cites no evidence; cite the run manifest, log, file or commit that proves it (as `path` or a link), or untick it.'],
    ]);
  });
});
