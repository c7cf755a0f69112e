import { describe, expect, it } from 'vitest';
import { checkRepo, findingsOf, lines, places, ruleFindings } from '../helpers/check-repo.js';
import { commitAll, git, gitInit, tempRepo, writeFiles } from '../helpers/temp-repo.js';

const RULE = 'evidence-external';
const LIST = 'tasks/tasks-0001.md';

const EXTERNAL = {
  [LIST]: lines(
    '- [x] fixed in #636', //                                      1
    '- [x] fixed in owner/repo#12', //                             2
    '- [x] see https://example.com/pr/1', //                       3
    '- [x] see [the PR](https://forgejo.example/o/r/pulls/3)', //  4
    '- [x] see `https://example.com/x`', //                        5
  ),
};

describe('evidence-external', () => {
  it('warns about issue references and URLs, at each citation', async () => {
    const report = await checkRepo(EXTERNAL);
    const findings = findingsOf(report, RULE);
    expect(places(findings)).toEqual([
      [LIST, 1, 16],
      [LIST, 2, 16],
      [LIST, 3, 11],
      [LIST, 4, 11],
      [LIST, 5, 11],
    ]);
    expect(findings.every((f) => f.severity === 'warning')).toBe(true);
    expect(findings[0]!.message).toBe('`#636` is an issue or pull-request reference, which cannot be checked offline.');
    expect(findings[1]!.message).toBe('`owner/repo#12` is an issue or pull-request reference, which cannot be checked offline.');
    expect(findings[2]!.message).toBe('`https://example.com/pr/1` is a URL, which cannot be checked offline.');
    expect(findings[3]!.message).toBe('`https://forgejo.example/o/r/pulls/3` is a URL, which cannot be checked offline.');
    // They count as evidence, so they are warnings only: the run has no errors.
    expect(report.summary).toEqual({ files: 1, errors: 0, warnings: 5 });
  });

  it('warns about a commit where there is no git repository to check it in', async () => {
    const findings = await ruleFindings(RULE, { [LIST]: lines('- [x] fixed in 3f9c2ab') });
    expect(places(findings)).toEqual([[LIST, 1, 16]]);
    expect(findings[0]!.message).toBe('Commit `3f9c2ab` cannot be checked: this is not a git repository.');
  });

  it("warns about a commit that a shallow clone's history does not reach", async () => {
    const upstream = tempRepo({ 'README.md': '# Repo\n' });
    gitInit(upstream);
    const old = commitAll(upstream, 'first', '2026-11-01T10:00:00Z');
    writeFiles(upstream, { 'CHANGES.md': '# Changes\n' });
    const head = commitAll(upstream, 'second', '2026-11-02T10:00:00Z');
    const clone = tempRepo();
    git(clone, ['clone', '-q', '--depth', '1', `file://${upstream}`, '.']);
    writeFiles(clone, { [LIST]: lines(`- [x] first in ${old}`, `- [x] second in ${head}`) });
    const report = await checkRepo(clone);
    const findings = findingsOf(report, RULE);
    expect(places(findings)).toEqual([[LIST, 1, 16]]);
    expect(findings[0]!.message).toBe(`Commit \`${old}\` is not in this shallow clone's history; fetch more history to check it.`);
    expect(findingsOf(report, 'evidence-missing')).toEqual([]);
  });

  it("is silenced by rules: {'evidence-external': 'off'}", async () => {
    expect(findingsOf(await checkRepo(EXTERNAL, { config: { rules: { 'evidence-external': 'warning' } } }), RULE)).toHaveLength(5);
    const report = await checkRepo(EXTERNAL, { config: { rules: { 'evidence-external': 'off' } } });
    expect(findingsOf(report, RULE)).toEqual([]);
    expect(report.summary.warnings).toBe(0);
  });

  it("becomes an error with rules: {'evidence-external': 'error'}", async () => {
    const report = await checkRepo(EXTERNAL, { config: { rules: { 'evidence-external': 'error' } } });
    const findings = findingsOf(report, RULE);
    expect(findings).toHaveLength(5);
    expect(findings.every((f) => f.severity === 'error')).toBe(true);
    expect(report.summary.errors).toBe(5);
  });

  it('reads its severity from specguard.config.yaml', async () => {
    const off = await checkRepo({ ...EXTERNAL, 'specguard.config.yaml': lines('rules:', '  evidence-external: off') });
    expect(findingsOf(off, RULE)).toEqual([]);
    const error = await checkRepo({ ...EXTERNAL, 'specguard.config.yaml': lines('rules:', '  evidence-external: error') });
    expect(findingsOf(error, RULE).map((f) => f.severity)).toEqual(['error', 'error', 'error', 'error', 'error']);
  });

  it('says nothing about local evidence, unticked items, anchors or mail links', async () => {
    const findings = await ruleFindings(RULE, {
      'README.md': '# Repo\n',
      [LIST]: lines(
        '- [x] see `README.md`',
        '- [ ] see #12 and https://example.com',
        '- [x] see [above](#tasks) `README.md`',
        '- [x] ask [me](mailto:me@example.com) `README.md`',
        '- [x] issue 636 of 2026 `README.md`',
        '- [x] but #636 is a reference',
      ),
    });
    expect(places(findings)).toEqual([[LIST, 6, 11]]);
  });
});
