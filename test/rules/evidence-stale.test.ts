/**
 * evidence-stale: a ticked box's proof (a run or log) older than the last
 * commit to the files the box covers, named in the item, in its task's
 * `Files:` list, or by the `governs` of its packet's mini-spec. Real git
 * repositories with commits at fixed dates.
 */
import { describe, expect, it } from 'vitest';
import { checkRepo, findingsOf, lines, manifest, markdown, packetFrontmatter, places, ruleFindings } from '../helpers/check-repo.js';
import { SPEC, commitFiles, committedRepo, miniSpec, short } from '../helpers/git-fixtures.js';

const RULE = 'evidence-stale';
const LIST = 'tasks/tasks-0001.md';
const RUN = '.runs/1/manifest.json';
const CODE = 'src/importer.ts';
const run = (overrides: Record<string, unknown> = {}): Record<string, unknown> => manifest({ task_id: '0001', ...overrides });
/** The run citation is on line 3, column 46. */
const TICKED = lines('# Tasks', '', '- [x] 1.0 Importer reads `src/importer.ts` — `.runs/1/`');

describe('evidence-stale', () => {
  it('warns when a file the item names changed in a commit after the one that added its run, naming both', async () => {
    const { root, sha: proof } = committedRepo({ [LIST]: TICKED, [CODE]: 'export const a = 1;\n', [RUN]: run() }, '2026-10-01T10:00:00Z', 'importer: done, with run 1');
    const change = commitFiles(root, { [CODE]: 'export const a = 2;\n' }, 'importer: tweak', '2026-10-03T10:00:00Z');
    const findings = await ruleFindings(RULE, root);
    expect(places(findings)).toEqual([[LIST, 3, 46]]);
    expect(findings[0]!.severity).toBe('warning');
    expect(findings[0]!.message).toBe(
      `Proof \`.runs/1\` (committed in \`${short(proof)}\`) is older than \`${CODE}\`, changed in \`${short(change)}\` (2026-10-03) after it: the box claims code the run never saw. Re-run and cite the new run.`,
    );
  });

  it('accepts a run recorded after the last change to the code', async () => {
    const { root } = committedRepo({ [LIST]: lines('# Tasks', '', '- [ ] 1.0 Importer reads `src/importer.ts`'), [CODE]: 'export const a = 1;\n' }, '2026-10-01T10:00:00Z', 'importer: plan');
    commitFiles(root, { [CODE]: 'export const a = 2;\n' }, 'importer: tweak', '2026-10-02T10:00:00Z');
    commitFiles(root, { [LIST]: TICKED, [RUN]: run() }, 'importer: done, with run 1', '2026-10-03T10:00:00Z');
    expect(await ruleFindings(RULE, root)).toEqual([]);
  });

  it("dates a run by its manifest's commit, not by when the manifest was committed", async () => {
    const { root, sha: ranAt } = committedRepo({ [LIST]: lines('# Tasks', '', '- [ ] 1.0 Importer reads `src/importer.ts`'), [CODE]: 'export const a = 1;\n' }, '2026-10-01T10:00:00Z', 'importer: code');
    const change = commitFiles(root, { [CODE]: 'export const a = 2;\n' }, 'importer: tweak', '2026-10-02T10:00:00Z');
    // The run ran at the first commit; its manifest and the tick land after the change.
    commitFiles(root, { [LIST]: TICKED, [RUN]: run({ commit: short(ranAt) }) }, 'importer: done, with run 1', '2026-10-03T10:00:00Z');
    const findings = await ruleFindings(RULE, root);
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining(`Proof \`.runs/1\` (ran at \`${short(ranAt)}\`) is older than \`${CODE}\`, changed in \`${short(change)}\``)]);

    // A run at the change itself is fresh, although its manifest was committed with the first commit's date order.
    commitFiles(root, { [RUN]: run({ commit: change }) }, 'runs: re-run at the tweak', '2026-10-04T10:00:00Z');
    expect(await ruleFindings(RULE, root)).toEqual([]);
  });

  it("reads the files a box covers from its task's Files: list, as seed 004 writes it", async () => {
    const list = lines('# Tasks', '', '1. Importer', '   - Files: `src/importer.ts`, `src/ledger/`', '   - [x] Importer reads the ledger — `.runs/1/`');
    const { root } = committedRepo({ [LIST]: list, [CODE]: 'export {};\n', 'src/ledger/parse.ts': 'export {};\n', [RUN]: run() }, '2026-10-01T10:00:00Z', 'importer: done');
    const change = commitFiles(root, { 'src/ledger/parse.ts': 'export const strict = true;\n' }, 'ledger: strict parse', '2026-10-02T10:00:00Z');
    const findings = await ruleFindings(RULE, root);
    expect(places(findings)).toEqual([[LIST, 5, 38]]);
    expect(findings[0]!.message).toContain(`older than \`src/ledger/parse.ts\`, changed in \`${short(change)}\``);
  });

  it("reads them from the governs of the mini-spec a task packet's spec names", async () => {
    const packet = markdown([...packetFrontmatter(460), `spec: ${SPEC}`], '## Objective', '', 'Import.', '', '## Constraints', '', 'None.', '', '## Acceptance criteria', '', '- [x] The importer passes its tests — `.runs/1/`');
    const { root } = committedRepo({ 'state/packets/0001.md': packet, [SPEC]: miniSpec({ governs: ['src/**'] }), [CODE]: 'export {};\n', [RUN]: run({ task_id: '460' }) }, '2026-10-01T10:00:00Z', 'importer: done');
    commitFiles(root, { 'README.md': '# Docs only\n' }, 'docs', '2026-10-02T10:00:00Z');
    expect(await ruleFindings(RULE, root)).toEqual([]);
    commitFiles(root, { 'src/other.ts': 'export {};\n' }, 'core: other', '2026-10-03T10:00:00Z');
    expect((await ruleFindings(RULE, root)).map((f) => f.message)).toEqual([expect.stringContaining('older than `src/other.ts`')]);
  });

  it('says nothing of a box that names no covered file', async () => {
    const { root } = committedRepo({ [LIST]: lines('# Tasks', '', '- [x] 1.0 Importer done — `.runs/1/`'), [CODE]: 'export {};\n', [RUN]: run() }, '2026-10-01T10:00:00Z', 'importer: done');
    commitFiles(root, { [CODE]: 'export const a = 2;\n' }, 'importer: tweak', '2026-10-03T10:00:00Z');
    expect(await ruleFindings(RULE, root)).toEqual([]);
  });

  it('notes, without failing, that it could not check outside git', async () => {
    const report = await checkRepo({ [LIST]: TICKED, [CODE]: 'export {};\n', [RUN]: run() });
    expect(findingsOf(report, RULE)).toEqual([]);
    expect(report.notes).toContain('evidence-backdated, evidence-stale and evidence-tampered were not checked: no git history here.');
  });
});
