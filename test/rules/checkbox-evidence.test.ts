import { describe, expect, it } from 'vitest';
import { checkRepo, findingsOf, lines, places, ruleFindings, validPacket } from '../helpers/check-repo.js';

const RULE = 'checkbox-evidence';
const LIST = 'tasks/tasks-0001.md';

describe('checkbox-evidence', () => {
  it('reports [x] and [X] items that cite nothing, at the checkbox', async () => {
    const findings = await ruleFindings(RULE, {
      'README.md': '# Repo\n',
      [LIST]: lines(
        '# Tasks', //                         1
        '', //                                2
        '- [x] shipped without proof', //     3
        '- [X] also shipped', //              4
        '- [x] shipped, see `README.md`', //  5
        '* [x] star bullet', //               6
        '1. [x] ordered item', //             7
        '  2. [X] second ordered item', //    8
      ),
    });
    expect(places(findings)).toEqual([
      [LIST, 3, 3],
      [LIST, 4, 3],
      [LIST, 6, 3],
      [LIST, 7, 4],
      [LIST, 8, 6],
    ]);
    expect(findings.every((f) => f.severity === 'error')).toBe(true);
    expect(findings[0]!.message).toContain('Ticked box is unproven: it cites no evidence');
  });

  it('ignores unticked items', async () => {
    const findings = await ruleFindings(RULE, { [LIST]: lines('# Tasks', '', '- [ ] open', '  - [ ] nested open', '1. [ ] ordered open', '2. [x] ticked') });
    expect(places(findings)).toEqual([[LIST, 6, 4]]);
  });

  it('does not take [x] in a code span, fenced code, indented code or prose for a checkbox', async () => {
    const findings = await ruleFindings(RULE, {
      [LIST]: lines(
        '# Tasks',
        '',
        'Tick items as `- [x] done` once proven.',
        '',
        '- `[x]` is how a box is ticked',
        '- see [x] later',
        '',
        '```md',
        '- [x] fenced example',
        '```',
        '',
        '~~~',
        '- [X] tilde fenced example',
        '~~~',
        '',
        'Prose with [x] in it.',
        '',
        '    - [x] indented code',
        '',
        '- [x] the one real checkbox',
      ),
    });
    expect(places(findings)).toEqual([[LIST, 20, 3]]);
  });

  it("counts only the item's own text: evidence in a nested item does not cover its parent", async () => {
    const findings = await ruleFindings(RULE, {
      'README.md': '# Repo\n',
      [LIST]: lines('# Tasks', '', '- [x] parent without proof', '  - [x] child with proof `README.md`', '  - [x] child without proof'),
    });
    expect(places(findings)).toEqual([
      [LIST, 3, 3],
      [LIST, 5, 5],
    ]);
  });

  it('does not take a command or a word in a code span for evidence', async () => {
    const findings = await ruleFindings(RULE, { [LIST]: lines('- [x] ran `npm test` and `make`, and it works') });
    expect(places(findings)).toEqual([[LIST, 1, 3]]);
  });

  it('accepts any citation, whatever it proves (the evidence rules judge it)', async () => {
    const report = await checkRepo({
      'README.md': '# Repo\n',
      [LIST]: lines(
        '- [x] file `README.md`',
        '- [x] link [readme](../README.md)',
        '- [x] missing, see `docs/nope.md`',
        '- [x] issue #636',
        '- [x] url <https://example.com/run/1>',
        '- [x] commit 3f9c2ab',
        '- [x] run folder `.runs/460/a/`',
        '- [x] and this one cites nothing',
      ),
    });
    expect(places(findingsOf(report, RULE))).toEqual([[LIST, 8, 3]]);
    // The missing file is still reported, by its own rule.
    expect(places(findingsOf(report, 'evidence-missing'))).toEqual([
      [LIST, 3, 20],
      [LIST, 7, 18],
    ]);
  });

  it('accepts a link to a file whose name has a percent-encoded space', async () => {
    const findings = await ruleFindings(RULE, {
      'tasks/my notes.md': '# Notes\n',
      [LIST]: lines('- [x] see [notes](my%20notes.md)', '- [x] see nothing'),
    });
    expect(places(findings)).toEqual([[LIST, 2, 3]]);
  });

  it('accepts a link to a file whose name has a space, written as an <angle-bracket> destination', async () => {
    const findings = await ruleFindings(RULE, {
      'tasks/my notes.md': '# Notes\n',
      [LIST]: lines('- [x] see [notes](<my notes.md>)', '- [x] see nothing'),
    });
    expect(places(findings)).toEqual([[LIST, 2, 3]]);
  });

  it('checks the acceptance criteria of packets and the items of checkpoints too', async () => {
    const findings = await ruleFindings(RULE, {
      'state/packets/460.md': validPacket(460, ['- [x] the tests pass']),
      'state/checkpoints/460/01.md': lines('---', 'task: 460', 'checkpoint_kind: done', 'created: 2026-05-24T10:15:00Z', 'agent: codex', 'summary: Done.', '---', '- [x] migrated'),
    });
    expect(places(findings)).toEqual([
      ['state/checkpoints/460/01.md', 8, 3],
      ['state/packets/460.md', 17, 3],
    ]);
  });
});
