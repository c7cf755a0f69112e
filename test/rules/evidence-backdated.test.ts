/**
 * evidence-backdated: a ticked box whose cited evidence was first committed
 * after the commit that ticked it. Real git repositories with commits at
 * fixed dates, and a shallow clone.
 */
import { describe, expect, it } from 'vitest';
import { checkRepo, findingsOf, lines, manifest, places, ruleFindings } from '../helpers/check-repo.js';
import { commitFiles, committedRepo, shallowClone, short } from '../helpers/git-fixtures.js';

const RULE = 'evidence-backdated';
const LIST = 'tasks/tasks-0001.md';
const RUN = '.runs/1/manifest.json';
/** The citation is on line 3, at column 14. */
const TICKED = lines('# Tasks', '', '- [x] done — `.runs/1/manifest.json`');
const OPEN = lines('# Tasks', '', '- [ ] done');
const BOUNDARY_NOTE = 'evidence-backdated: in this shallow clone, evidence first seen at the clone boundary was not judged (fetch more history to judge it).';

describe('evidence-backdated', () => {
  it('warns at the citation when the evidence was committed after the box was ticked, naming both commits', async () => {
    const { root, sha: tick } = committedRepo({ [LIST]: TICKED, 'README.md': '# Repo\n' }, '2026-11-01T10:00:00Z', 'tasks: done');
    const evidence = commitFiles(root, { [RUN]: manifest() }, 'runs: record run 1', '2026-11-03T10:00:00Z');

    const findings = await ruleFindings(RULE, root);
    expect(places(findings)).toEqual([[LIST, 3, 14]]);
    expect(findings[0]!.severity).toBe('warning');
    expect(findings[0]!.message).toBe(
      `Evidence \`${RUN}\` was first committed in \`${short(evidence)}\` (2026-11-03 10:00 UTC), after this box was ticked in \`${short(tick)}\` (2026-11-01 10:00 UTC): the proof came after the claim.`,
    );
  });

  it('names the commit that ticked the box, not the one that created the file', async () => {
    const { root } = committedRepo({ [LIST]: OPEN }, '2026-10-30T10:00:00Z', 'tasks: plan');
    const tick = commitFiles(root, { [LIST]: TICKED }, 'tasks: done', '2026-11-01T10:00:00Z');
    const evidence = commitFiles(root, { [RUN]: manifest() }, 'runs: record run 1', '2026-11-03T10:00:00Z');

    const findings = await ruleFindings(RULE, root);
    expect(places(findings)).toEqual([[LIST, 3, 14]]);
    expect(findings[0]!.message).toContain(`first committed in \`${short(evidence)}\``);
    expect(findings[0]!.message).toContain(`ticked in \`${short(tick)}\``);
  });

  it('follows a cited run folder to its manifest', async () => {
    const { root } = committedRepo({ [LIST]: lines('# Tasks', '', '- [x] done — `.runs/1/`') }, '2026-11-01T10:00:00Z', 'tasks: done');
    commitFiles(root, { [RUN]: manifest() }, 'runs: record run 1', '2026-11-03T10:00:00Z');
    const findings = await ruleFindings(RULE, root);
    expect(places(findings)).toEqual([[LIST, 3, 14]]);
    expect(findings[0]!.message).toMatch(/^Evidence `\.runs\/1\/manifest\.json` was first committed in/);
  });

  it('accepts evidence committed first, then the tick', async () => {
    const { root } = committedRepo({ [LIST]: OPEN }, '2026-10-30T10:00:00Z', 'tasks: plan');
    commitFiles(root, { [RUN]: manifest() }, 'runs: record run 1', '2026-11-01T10:00:00Z');
    commitFiles(root, { [LIST]: TICKED }, 'tasks: done', '2026-11-03T10:00:00Z');
    expect(await ruleFindings(RULE, root)).toEqual([]);
  });

  it('accepts evidence and tick in the same commit', async () => {
    const { root } = committedRepo({ [LIST]: OPEN }, '2026-10-30T10:00:00Z', 'tasks: plan');
    commitFiles(root, { [RUN]: manifest(), [LIST]: TICKED }, 'tasks: done, with its run', '2026-11-01T10:00:00Z');
    expect(await ruleFindings(RULE, root)).toEqual([]);
  });

  it('does not judge evidence first seen at a shallow clone boundary, and says so', async () => {
    const { root } = committedRepo({ [LIST]: TICKED }, '2026-11-01T10:00:00Z', 'tasks: done');
    commitFiles(root, { [RUN]: manifest() }, 'runs: record run 1', '2026-11-03T10:00:00Z');
    // The full history has the finding; the clone cannot see it.
    expect(await ruleFindings(RULE, root)).toHaveLength(1);

    const report = await checkRepo(shallowClone(root, 1));
    expect(findingsOf(report, RULE)).toEqual([]);
    expect(report.notes).toContain(BOUNDARY_NOTE);
  });

  it('notes, without failing, that it could not check a folder outside git', async () => {
    const report = await checkRepo({ [LIST]: TICKED, [RUN]: manifest() });
    expect(findingsOf(report, RULE)).toEqual([]);
    expect(report.notes).toContain('evidence-backdated and evidence-tampered were not checked: no git history here.');
  });
});
