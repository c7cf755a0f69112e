/**
 * spec-drift: commits after a mini-spec's `last_review` day that touch files
 * it governs. Real git repositories with commits at fixed dates, and shallow
 * clones of them.
 */
import { describe, expect, it } from 'vitest';
import { checkRepo, findingsOf, NOW, places, ruleFindings } from '../helpers/check-repo.js';
import { branch, checkout, commitFiles, committedRepo, miniSpec, shallowClone, short, SPEC, type SpecOptions } from '../helpers/git-fixtures.js';
import { runCli } from '../helpers/run-cli.js';
import { gitInit, tempRepo } from '../helpers/temp-repo.js';

const RULE = 'spec-drift';
const REVIEW = '2026-11-01';
const SHALLOW_NOTE =
  'spec-drift: this is a shallow clone whose history starts after some reviews; counts of drifting commits are lower bounds (fetch more history for exact counts).';
const NO_GIT_NOTE = 'spec-drift was not checked: no git history here.';

/** A repository whose first commit (2026-10-01, before the review) holds the spec and the code. */
function specRepo(spec: SpecOptions = {}): { root: string; first: string } {
  const { root, sha } = committedRepo(
    { [SPEC]: miniSpec({ lastReview: REVIEW, ...spec }), 'src/a.ts': '1\n', 'src/b.ts': '1\n', 'docs/x.md': '# x\n' },
    '2026-10-01T09:00:00Z',
  );
  return { root, first: sha };
}

describe('spec-drift', () => {
  it('warns once, at last_review, with the count and the newest commit, leaving out the review day and ungoverned files', async () => {
    const { root } = specRepo();
    commitFiles(root, { 'src/a.ts': '2\n' }, 'feat: late on the review day', '2026-11-01T23:30:00Z');
    commitFiles(root, { 'src/a.ts': '3\n' }, 'feat: a grows', '2026-11-05T10:00:00Z');
    commitFiles(root, { 'docs/x.md': '# x\n\nMore.\n' }, 'docs: not governed', '2026-11-10T10:00:00Z');
    const newest = commitFiles(root, { 'src/b.ts': '2\n' }, 'fix: b edge case', '2026-11-12T10:00:00Z');
    commitFiles(root, { 'docs/x.md': '# x\n\nEven more.\n' }, 'docs: newer but not governed', '2026-11-14T10:00:00Z');

    const findings = await ruleFindings(RULE, root);
    expect(places(findings)).toEqual([[SPEC, 5, 14]]);
    expect(findings[0]!.severity).toBe('warning');
    expect(findings[0]!.message).toBe(
      `2 commits changed files this spec governs after its last review (2026-11-01); newest: \`${short(newest)}\` 2026-11-12 "fix: b edge case". Review the spec against 2 files and update \`last_review\`.`,
    );
    expect(findings[0]!.related).toEqual(['src/a.ts', 'src/b.ts']);
  });

  it('does not count a commit on the review day itself; the next day counts', async () => {
    const { root } = specRepo();
    commitFiles(root, { 'src/a.ts': '2\n' }, 'feat: on the review day', '2026-11-01T23:59:00Z');
    expect(await ruleFindings(RULE, root)).toEqual([]);

    const next = commitFiles(root, { 'src/a.ts': '3\n' }, 'feat: the day after', '2026-11-02T00:00:00Z');
    const findings = await ruleFindings(RULE, root);
    expect(places(findings)).toEqual([[SPEC, 5, 14]]);
    expect(findings[0]!.message).toBe(
      `1 commit changed files this spec governs after its last review (2026-11-01); newest: \`${short(next)}\` 2026-11-02 "feat: the day after". Review the spec against \`src/a.ts\` and update \`last_review\`.`,
    );
  });

  it('does not count commits before the review', async () => {
    const { root } = specRepo();
    commitFiles(root, { 'src/a.ts': '2\n' }, 'feat: before the review', '2026-10-20T10:00:00Z');
    expect(await ruleFindings(RULE, root)).toEqual([]);
  });

  it('does not count commits to files the spec does not govern', async () => {
    const { root } = specRepo();
    commitFiles(root, { 'docs/x.md': '# x\n\nMore.\n', 'README.md': '# Repo\n' }, 'docs: more', '2026-11-05T10:00:00Z');
    commitFiles(root, { 'lib/src/a.ts': '1\n' }, 'feat: src elsewhere', '2026-11-06T10:00:00Z');
    expect(await ruleFindings(RULE, root)).toEqual([]);
  });

  it('does not count commits on other branches than HEAD', async () => {
    const { root } = specRepo();
    branch(root, 'experiment');
    commitFiles(root, { 'src/a.ts': '2\n' }, 'feat: not merged', '2026-11-05T10:00:00Z');
    checkout(root, 'main');
    expect(await ruleFindings(RULE, root)).toEqual([]);
  });

  it('gives nothing for a superseded spec, or a spec without governs', async () => {
    for (const spec of [{ status: 'superseded', extra: ['superseded_by: 0002-core'] }, { governs: null }] satisfies SpecOptions[]) {
      const { root } = specRepo(spec);
      commitFiles(root, { 'src/a.ts': '2\n' }, 'feat: a grows', '2026-11-05T10:00:00Z');
      expect(await ruleFindings(RULE, root)).toEqual([]);
    }
  });

  it('does not fail in a shallow clone whose history starts after the review, and says the count is a lower bound', async () => {
    const { root } = specRepo();
    commitFiles(root, { 'src/a.ts': '2\n' }, 'feat: a grows', '2026-11-05T10:00:00Z');
    const newest = commitFiles(root, { 'src/a.ts': '3\n' }, 'feat: a grows more', '2026-11-10T10:00:00Z');
    // The full history counts both.
    expect((await ruleFindings(RULE, root))[0]!.message).toMatch(/^2 commits changed/);

    const clone = shallowClone(root, 1);
    const report = await checkRepo(clone);
    expect(report.notes).toContain(SHALLOW_NOTE);
    const findings = findingsOf(report, RULE);
    expect(places(findings)).toEqual([[SPEC, 5, 14]]);
    expect(findings[0]!.message).toMatch(new RegExp(`^at least 1 commit changed files this spec governs after its last review \\(2026-11-01\\); newest: \`${short(newest)}\``));

    const run = await runCli(['check', '--now', NOW], clone);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`note: ${SHALLOW_NOTE}`);
  });

  it('gives exact counts and no note in a shallow clone whose history reaches back before the review', async () => {
    const { root } = committedRepo({ 'README.md': '# Repo\n' }, '2026-09-01T09:00:00Z');
    commitFiles(root, { [SPEC]: miniSpec({ lastReview: REVIEW }), 'src/a.ts': '1\n' }, 'docs: the spec', '2026-10-01T09:00:00Z');
    commitFiles(root, { 'src/a.ts': '2\n' }, 'feat: a grows', '2026-11-05T10:00:00Z');
    commitFiles(root, { 'src/a.ts': '3\n' }, 'feat: a grows more', '2026-11-10T10:00:00Z');

    const clone = shallowClone(root, 3);
    const report = await checkRepo(clone);
    expect(report.notes ?? []).not.toContain(SHALLOW_NOTE);
    expect(findingsOf(report, RULE)[0]!.message).toMatch(/^2 commits changed/);
  });

  it('notes, without failing, that it could not check a folder outside git, or a repository without commits', async () => {
    const files = { [SPEC]: miniSpec({ lastReview: REVIEW }), 'src/a.ts': '1\n' };
    const outside = await checkRepo(files);
    expect(findingsOf(outside, RULE)).toEqual([]);
    expect(outside.notes).toContain(NO_GIT_NOTE);

    const empty = tempRepo(files);
    gitInit(empty);
    const report = await checkRepo(empty);
    expect(findingsOf(report, RULE)).toEqual([]);
    expect(report.notes).toContain(NO_GIT_NOTE);

    const run = await runCli(['check', '--now', NOW], empty);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });
});
