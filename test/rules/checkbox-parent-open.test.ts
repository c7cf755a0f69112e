import { describe, expect, it } from 'vitest';
import { lines, places, ruleFindings } from '../helpers/check-repo.js';

const RULE = 'checkbox-parent-open';
const LIST = 'tasks/tasks-0001.md';
const README = '# Repo\n';

describe('checkbox-parent-open', () => {
  it('reports a ticked parent with an open child, at the parent checkbox, naming the child line', async () => {
    const findings = await ruleFindings(RULE, {
      'README.md': README,
      [LIST]: lines('# Tasks', '', '- [x] parent `README.md`', '  - [x] done `README.md`', '  - [ ] still open'),
    });
    expect(places(findings)).toEqual([[LIST, 3, 3]]);
    expect(findings[0]!.severity).toBe('error');
    expect(findings[0]!.message).toBe('Ticked box has an open item below it (line 5); finish it or untick this one.');
  });

  it('counts every open item below, however deep', async () => {
    const findings = await ruleFindings(RULE, {
      'README.md': README,
      [LIST]: lines('- [X] parent `README.md`', '  - [ ] open one', '    - [ ] open grandchild', '  - [ ] open two'),
    });
    expect(places(findings)).toEqual([[LIST, 1, 3]]);
    expect(findings[0]!.message).toContain('(line 2 and 2 more)');
  });

  it('reports a ticked child whose grandchild is open, as well as the ticked parent', async () => {
    const findings = await ruleFindings(RULE, {
      'README.md': README,
      [LIST]: lines('- [x] parent `README.md`', '  - [x] child `README.md`', '    - [ ] grandchild'),
    });
    expect(places(findings)).toEqual([
      [LIST, 1, 3],
      [LIST, 2, 5],
    ]);
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('(line 3)'), expect.stringContaining('(line 3)')]);
  });

  it('accepts a ticked parent whose items are all ticked, and an open parent with open items', async () => {
    const findings = await ruleFindings(RULE, {
      'README.md': README,
      [LIST]: lines(
        '- [x] parent `README.md`',
        '  - [x] done `README.md`',
        '  - plain bullet, not a task',
        '- [ ] open parent',
        '  - [ ] open child',
        '- [ ] open parent with a ticked child',
        '  - [x] done `README.md`',
        '- [x] the control `README.md`',
        '  - [ ] open below a ticked box',
      ),
    });
    expect(places(findings)).toEqual([[LIST, 8, 3]]);
  });
});
