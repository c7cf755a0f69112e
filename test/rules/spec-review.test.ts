/**
 * A spec's review is a claim too: `specguard spec review` anchors it to HEAD (`reviewed_commit`), after which
 * spec-drift counts exactly the commits after that one; a commit that adds a spec with the code it governs is not
 * drift; a `reviewed_commit` that is not in history is reported; a superseded spec names a spec in force. Real git
 * repositories with commits at fixed dates.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingsOf, checkRepo, ruleFindings } from '../helpers/check-repo.js';
import { commitFiles, committedRepo, miniSpec, short, SPEC } from '../helpers/git-fixtures.js';
import { runCli } from '../helpers/run-cli.js';

const REVIEW = '2026-11-01';

describe('specguard spec review', () => {
  it("sets last_review to today and reviewed_commit to HEAD, keeping the rest of the file and its comments", async () => {
    const { root } = committedRepo({ [SPEC]: miniSpec({ lastReview: REVIEW, extra: ['# kept comment'] }), 'src/a.ts': '1\n' }, '2026-10-01T09:00:00Z');
    const head = commitFiles(root, { 'src/a.ts': '2\n' }, 'feat: a grows', '2026-11-05T10:00:00Z');
    const before = readFileSync(path.join(root, SPEC), 'utf8');
    const run = await runCli(['spec', 'review', SPEC, '--now', '2026-11-20'], root);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`${SPEC}: last_review 2026-11-20, reviewed_commit ${short(head)}\n`);
    const after = readFileSync(path.join(root, SPEC), 'utf8');
    expect(after).toContain('last_review: 2026-11-20\n');
    expect(after).toContain(`reviewed_commit: ${head}\n`);
    expect(after).toContain('# kept comment');
    // Everything but those two lines is as it was.
    const strip = (text: string): string => text.split('\n').filter((l) => !/^(last_review|reviewed_commit):/.test(l)).join('\n');
    expect(strip(after)).toBe(strip(before));
  });

  it('refuses a file that is not a mini-spec, or outside the repository', async () => {
    const { root } = committedRepo({ [SPEC]: miniSpec(), 'docs/x.md': '---\ntitle: x\n---\n' }, '2026-10-01T09:00:00Z');
    expect((await runCli(['spec', 'review', 'docs/x.md'], root)).stderr).toMatch(/^specguard: docs\/x\.md: not a mini-spec/);
    expect((await runCli(['spec', 'review', '../elsewhere.md'], root)).code).toBe(2);
  });
});

describe('spec-drift with reviewed_commit', () => {
  it('counts exactly the commits after the reviewed commit, whatever their dates say', async () => {
    const { root, sha: first } = committedRepo({ [SPEC]: miniSpec({ lastReview: REVIEW }), 'src/a.ts': '1\n' }, '2026-10-01T09:00:00Z');
    // Reviewed on 2026-11-01 at a commit dated 2026-11-03 (a rebase or a clock off): by date this one drifts.
    const reviewed = commitFiles(root, { 'src/a.ts': '2\n' }, 'feat: reviewed code', '2026-11-03T10:00:00Z');
    commitFiles(root, { [SPEC]: miniSpec({ lastReview: REVIEW, extra: [`reviewed_commit: ${reviewed}`] }) }, 'docs: anchor the review', '2026-11-03T11:00:00Z');
    expect(await ruleFindings('spec-drift', root)).toEqual([]);
    const after = commitFiles(root, { 'src/a.ts': '3\n' }, 'feat: after the review', '2026-11-04T10:00:00Z');
    const findings = await ruleFindings('spec-drift', root);
    expect(findings.map((f) => f.message)).toEqual([
      `1 commit changed files this spec governs after its last review (2026-11-01, at commit \`${short(reviewed)}\`); newest: \`${short(after)}\` 2026-11-04 "feat: after the review". Review the spec against \`src/a.ts\` and update \`last_review\`.`,
    ]);
    expect(first).not.toBe(reviewed);
  });

  it('reports a reviewed_commit that is not in history', async () => {
    const { root } = committedRepo({ [SPEC]: miniSpec({ extra: ['reviewed_commit: 0123456789ab'] }), 'src/a.ts': '1\n' }, '2026-10-01T09:00:00Z');
    const findings = await ruleFindings('spec-drift', root);
    expect(findings.map((f) => f.message)).toEqual(['`reviewed_commit` 0123456789ab is not a commit of this history; review the spec again (specguard spec review).']);
  });
});

describe('spec-drift and a spec added with its code', () => {
  it('does not count the commit that adds the spec together with the code it governs', async () => {
    const { root } = committedRepo({ 'README.md': '# Repo\n' }, '2026-10-01T09:00:00Z');
    // Written on 2026-10-28 as reviewed, committed with the code a week later.
    commitFiles(root, { [SPEC]: miniSpec({ lastReview: '2026-10-28' }), 'src/a.ts': '1\n' }, 'feat: core and its spec', '2026-11-04T10:00:00Z');
    expect(await ruleFindings('spec-drift', root)).toEqual([]);
    commitFiles(root, { 'src/a.ts': '2\n' }, 'feat: later', '2026-11-06T10:00:00Z');
    expect((await ruleFindings('spec-drift', root)).map((f) => f.message)).toEqual([expect.stringMatching(/^1 commit changed files/)]);
  });
});

describe('spec-superseded', () => {
  const superseded = (by?: string): string => miniSpec({ id: '0001-core', status: 'superseded', approvals: false, extra: by ? [`superseded_by: ${by}`] : [] });

  it('reports a superseded spec that names no successor, a missing one, or a superseded one', async () => {
    const { root } = committedRepo(
      {
        [SPEC]: superseded(),
        'tasks/specs/0002-next.md': miniSpec({ id: '0002-next', status: 'superseded', approvals: false, extra: ['superseded_by: 0003-none'] }),
        'tasks/specs/0004-old.md': miniSpec({ id: '0004-old', status: 'superseded', approvals: false, extra: ['superseded_by: 0002-next'] }),
      },
      '2026-10-01T09:00:00Z',
    );
    const report = await checkRepo(root);
    expect(findingsOf(report, 'spec-superseded').map((f) => [f.file, f.message])).toEqual([
      [SPEC, 'Superseded, but `superseded_by` does not say which spec replaces it; add the id of the spec in force.'],
      ['tasks/specs/0002-next.md', '`superseded_by` names `0003-none`, but no mini-spec has that id; name the spec that replaces this one.'],
      ['tasks/specs/0004-old.md', '`superseded_by` names `0002-next` (`tasks/specs/0002-next.md`), which is itself superseded by `0003-none`; name the spec in force.'],
    ]);
  });

  it('accepts a successor in force', async () => {
    const { root } = committedRepo({ [SPEC]: superseded('0002-next'), 'tasks/specs/0002-next.md': miniSpec({ id: '0002-next' }) }, '2026-10-01T09:00:00Z');
    expect(await ruleFindings('spec-superseded', root)).toEqual([]);
  });
});
