/**
 * Pull-request mode reports the findings a change introduces: in a changed
 * file, those its version at the merge base does not have (counted with
 * multiplicity); findings a changed `related` file brings in; every finding
 * of a file the change adds; a box ticked in the change, always.
 * `--changed-files-all` brings back every finding of a changed file. Real git
 * repositories with commits at fixed dates.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import * as addFormatsModule from 'ajv-formats';
import type { FormatsPlugin } from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { baselineOf } from '../../src/baseline/baseline.js';
import { check, type CheckOptions } from '../../src/check/check.js';
import { SpecguardError } from '../../src/errors.js';
import type { Report } from '../../src/findings/finding.js';
import { lines, manifest, NOW, places, validSpec } from '../helpers/check-repo.js';
import { branch, commitFiles, committedRepo, expectOneLine, stage } from '../helpers/git-fixtures.js';
import { runCli } from '../helpers/run-cli.js';
import { writeFiles, type FileTree } from '../helpers/temp-repo.js';

const LIST = 'tasks/tasks-0001.md';
const OTHER = 'tasks/tasks-0002.md';
const INDEX = 'tasks/index.json';
/** When `main` got its files. */
const BASE_DATE = '2026-01-02T09:00:00Z';
/** When the feature branch's commits land. */
const CHANGE_DATE = '2026-11-20T09:00:00Z';

const NO_EVIDENCE = 'Ticked box is unproven: it cites no evidence; cite the run manifest, log, file or commit that proves it (as `path` or a link), or untick it.';

/** A task list with two old findings (lines 3 and 4) and a line the tests edit (line 5). */
const OLD_LIST = lines('# Tasks', '', '- [x] shipped the parser', '- [x] wrote the docs `docs/missing.log`', '- [ ] write the release notes');

/**
 * `main` with these files in one commit, then a checked-out `feature` branch.
 * @returns the root
 */
function featureBranch(files: FileTree): string {
  const { root } = committedRepo(files, BASE_DATE);
  branch(root);
  return root;
}

/** Checks the change since `main` at {@link NOW}. */
function checkChange(root: string, options: Omit<CheckOptions, 'root'> = {}): Promise<Report> {
  return check({ root, now: NOW, env: {}, changedSince: 'main', ...options });
}

/** `[file, line, column, ruleId]` of every finding. */
function all(report: Report): Array<[string, number, number, string]> {
  return report.findings.map((f) => [f.file, f.line, f.column, f.ruleId]);
}

const addFormats = ((addFormatsModule as unknown as { default: { default?: FormatsPlugin } & FormatsPlugin }).default.default ??
  (addFormatsModule as unknown as { default: FormatsPlugin }).default) as FormatsPlugin;
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
const validReport = ajv.compile(JSON.parse(readFileSync(path.resolve('schemas/report.schema.json'), 'utf8')) as object);

/** Runs `specguard check --now NOW --changed-since main --format json …` and parses the report (which must follow the schema). */
async function cliJson(root: string, ...more: string[]): Promise<{ code: number; report: Report }> {
  const run = await runCli(['check', '--now', NOW, '--changed-since', 'main', '--format', 'json', ...more], root);
  expect(run.stderr).toBe('');
  const report: unknown = JSON.parse(run.stdout);
  expect(validReport(report), JSON.stringify(validReport.errors)).toBe(true);
  return { code: run.code, report: report as Report };
}

describe('--changed-since reports what the change introduces', () => {
  /** The one-line change: line 5 now links to a file that does not exist. */
  const EDITED = lines('# Tasks', '', '- [x] shipped the parser', '- [x] wrote the docs `docs/missing.log`', '- [ ] write the release notes, see [notes](../docs/notes.md)');

  it('reports the finding on the line the change edited, not the old ones on untouched lines, and counts those as left out', async () => {
    const root = featureBranch({ [LIST]: OLD_LIST, 'README.md': '# Repo\n' });
    // On main, the list already has two findings.
    expect(all(await check({ root, now: NOW, env: {} }))).toEqual([
      [LIST, 3, 3, 'checkbox-evidence'],
      [LIST, 4, 22, 'evidence-missing'],
    ]);
    commitFiles(root, { [LIST]: EDITED }, 'tasks: link the notes', CHANGE_DATE);

    const report = await checkChange(root);
    expect(all(report)).toEqual([[LIST, 5, 36, 'link-broken']]);
    expect(report.findings[0]!.message).toBe('Link target `../docs/notes.md` does not exist (looked for `docs/notes.md`).');
    expect(report.changedSince?.files).toBe(1);
    expect(report.changedSince?.preexisting).toBe(2);
    expect(report.summary).toEqual({ files: 1, errors: 1, warnings: 0 });

    const { code, report: json } = await cliJson(root);
    expect(code).toBe(1);
    expect(json.findings.map((f) => f.ruleId)).toEqual(['link-broken']);
    expect(json.changedSince?.preexisting).toBe(2);
    const stylish = await runCli(['check', '--now', NOW, '--changed-since', 'main'], root);
    expect(stylish.stdout).toContain('Left out 2 findings in changed files that the merge base has too (--changed-files-all shows them).');
  });

  it('--changed-files-all (and changedFilesAll) reports every finding of the changed file again', async () => {
    const root = featureBranch({ [LIST]: OLD_LIST });
    commitFiles(root, { [LIST]: EDITED }, 'tasks: link the notes', CHANGE_DATE);
    const every: Array<[string, number, number, string]> = [
      [LIST, 3, 3, 'checkbox-evidence'],
      [LIST, 4, 22, 'evidence-missing'],
      [LIST, 5, 36, 'link-broken'],
    ];

    // By default, only the change's own finding.
    expect(all(await checkChange(root))).toEqual([[LIST, 5, 36, 'link-broken']]);
    const report = await checkChange(root, { changedFilesAll: true });
    expect(all(report)).toEqual(every);
    expect(report.changedSince?.preexisting).toBe(0);

    const { code, report: json } = await cliJson(root, '--changed-files-all');
    expect(code).toBe(1);
    expect(all(json)).toEqual(every);
    expect(json.changedSince?.preexisting).toBe(0);
    const stylish = await runCli(['check', '--now', NOW, '--changed-since', 'main', '--changed-files-all'], root);
    expect(stylish.stdout).not.toContain('Left out');
  });

  it('--changed-files-all without --changed-since is a usage error', async () => {
    const root = featureBranch({ [LIST]: OLD_LIST });
    const run = await runCli(['check', '--now', NOW, '--changed-files-all'], root);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain('--changed-files-all needs --changed-since');
    const error: unknown = await check({ root, now: NOW, env: {}, changedFilesAll: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecguardError);
    expect((error as SpecguardError).code).toBe('USAGE');
  });

  it('reports a finding on an untouched line when a related file the change touches brings it in', async () => {
    const root = featureBranch({
      '.runs/1/manifest.json': manifest(),
      [LIST]: lines('# Tasks', '', '- [x] tests pass `.runs/1/manifest.json`', '- [x] shipped the parser', '- [ ] write the release notes'),
    });
    commitFiles(
      root,
      { '.runs/1/manifest.json': manifest({ status: 'failed' }), [LIST]: lines('# Tasks', '', '- [x] tests pass `.runs/1/manifest.json`', '- [x] shipped the parser', '- [ ] write the notes') },
      'runs: it failed after all; tasks: shorter',
      CHANGE_DATE,
    );

    const report = await checkChange(root);
    // Line 3 is untouched, and the list at the merge base would fail the same way against today's manifest;
    // the changed manifest brings it in, and was edited after the box was ticked (evidence-tampered). The old
    // finding on line 4 stays out.
    expect(all(report)).toEqual([
      [LIST, 3, 18, 'evidence-failed'],
      [LIST, 3, 18, 'evidence-tampered'],
    ]);
    expect(report.findings[0]!.related).toContain('.runs/1/manifest.json');
    expect(report.changedSince?.preexisting).toBe(1);
  });

  it.each([
    ['committed', (root: string, files: FileTree) => commitFiles(root, files, 'tasks: a new list', CHANGE_DATE)],
    [
      'staged',
      (root: string, files: FileTree) => {
        writeFiles(root, files);
        stage(root, ...Object.keys(files));
      },
    ],
    ['untracked', (root: string, files: FileTree) => writeFiles(root, files)],
  ])('reports every finding of a file the change adds (%s), and still leaves out the old ones of an edited file', async (_kind, add) => {
    const root = featureBranch({ [LIST]: OLD_LIST });
    commitFiles(root, { [LIST]: OLD_LIST.replace('release notes', 'notes') }, 'tasks: shorter', CHANGE_DATE);
    add(root, { [OTHER]: lines('# More tasks', '', '- [x] shipped the parser', '- [x] wrote the docs `docs/missing.log`') });

    const report = await checkChange(root);
    expect(all(report)).toEqual([
      [OTHER, 3, 3, 'checkbox-evidence'],
      [OTHER, 4, 22, 'evidence-missing'],
    ]);
    expect(report.changedSince?.files).toBe(2);
    expect(report.changedSince?.preexisting).toBe(2);
  });

  it('reports a box ticked in the change, and only it', async () => {
    const root = featureBranch({ [LIST]: OLD_LIST });
    commitFiles(root, { [LIST]: OLD_LIST.replace('- [ ] write the release notes', '- [x] write the release notes') }, 'tasks: notes done', CHANGE_DATE);

    const report = await checkChange(root);
    expect(all(report)).toEqual([[LIST, 5, 3, 'checkbox-evidence']]);
    expect(report.findings[0]!.message).toBe(NO_EVIDENCE);
    expect(report.changedSince?.preexisting).toBe(2);
  });

  it('reports a box ticked in the change even when the merge base has an equal finding (the same text, ticked elsewhere, unticked in the change)', async () => {
    const OLD = '- [x] wrote the docs `docs/missing.log`';
    const root = featureBranch({ [LIST]: lines('# Tasks', '', '- [x] shipped the parser', OLD, '', '## Later', '', '- [ ] shipped the parser') });
    // The change moves the tick: line 3 is unticked, line 8 ticked. The finding is the same (fingerprints ignore line numbers).
    commitFiles(root, { [LIST]: lines('# Tasks', '', '- [ ] shipped the parser', OLD, '', '## Later', '', '- [x] shipped the parser') }, 'tasks: the tick moves', CHANGE_DATE);

    const report = await checkChange(root);
    expect(all(report)).toEqual([[LIST, 8, 3, 'checkbox-evidence']]);
    expect(report.changedSince?.preexisting).toBe(1);
  });

  const LINK = 'See [the notes](notes.md).';
  it.each([
    ['below', lines('# Tasks', '', '## Old', LINK, '', '## New', LINK), 7],
    ['above', lines('# Tasks', '', '## New', LINK, '', '## Old', LINK), 4],
  ])('counts equal findings with multiplicity: a copy of an old finding added %s it is reported, the old one is not', async (_where, text, added) => {
    const root = featureBranch({ [LIST]: lines('# Tasks', '', '## Old', LINK) });
    commitFiles(root, { [LIST]: text }, 'tasks: the link again', CHANGE_DATE);

    const report = await checkChange(root);
    expect(all(report)).toEqual([[LIST, added, 5, 'link-broken']]);
    expect(report.changedSince?.preexisting).toBe(1);
  });

  it('judges the merge base with blame at the merge base: an old backdated tick moved down by the change stays out', async () => {
    const RUN = '.runs/1/manifest.json';
    const TICKED = '- [x] done — `.runs/1/manifest.json`';
    // The box is ticked on 2026-01-02, its proof committed on 2026-01-05: an old evidence-backdated warning.
    const { root } = committedRepo({ [LIST]: lines('# Tasks', '', TICKED) }, BASE_DATE);
    commitFiles(root, { [RUN]: manifest() }, 'runs: record run 1', '2026-01-05T09:00:00Z');
    branch(root);
    // The change puts two lines above the box: line 3 is new, the box moves to line 5.
    commitFiles(root, { [LIST]: lines('# Tasks', '', 'What is left to do.', '', TICKED) }, 'tasks: intro', CHANGE_DATE);

    expect(all(await checkChange(root, { changedFilesAll: true }))).toEqual([[LIST, 5, 14, 'evidence-backdated']]);
    const report = await checkChange(root);
    expect(report.findings).toEqual([]);
    expect(report.changedSince?.preexisting).toBe(1);
  });

  it('measures from the checked folder when it is below the top level of the work tree', async () => {
    const root = featureBranch({ [`project/${LIST}`]: OLD_LIST });
    commitFiles(root, { [`project/${LIST}`]: OLD_LIST.replace('- [ ] write the release notes', '- [ ] see [notes](notes.md)') }, 'tasks: link', CHANGE_DATE);

    const report = await checkChange(path.join(root, 'project'));
    expect(all(report)).toEqual([[LIST, 5, 11, 'link-broken']]);
    expect(report.changedSince?.preexisting).toBe(2);
  });

  it('repository-wide rules: reports a finding on a line the change edits, not an old one on an untouched line', async () => {
    const index = (review: string): string =>
      lines(
        '{',
        '  "items": [',
        '    { "id": "0001-core", "path": "tasks/specs/0001-core.md", "last_review": "2026-10-01" },',
        `    { "id": "0002-io", "path": "tasks/specs/0002-io.md", "last_review": "${review}" }`,
        '  ]',
        '}',
      );
    const root = featureBranch({
      'tasks/specs/0001-core.md': validSpec('0001-core', '2026-11-01'),
      'tasks/specs/0002-io.md': validSpec('0002-io', '2026-11-02'),
      [INDEX]: index('2026-11-02'),
    });
    commitFiles(root, { [INDEX]: index('2026-10-02') }, 'index: io reviewed', CHANGE_DATE);

    expect(all(await checkChange(root, { changedFilesAll: true }))).toEqual([
      [INDEX, 3, 77, 'index-consistency'],
      [INDEX, 4, 73, 'index-consistency'],
    ]);
    const report = await checkChange(root);
    expect(all(report)).toEqual([[INDEX, 4, 73, 'index-consistency']]);
    expect(report.changedSince?.preexisting).toBe(1);
  });
});

describe('--changed-since with a baseline', () => {
  it('lists as fixed only what is gone from the whole repository, and counts a baselined old finding as known', async () => {
    const root = featureBranch({ [LIST]: OLD_LIST, [OTHER]: lines('# More tasks', '', '- [x] shipped the lexer') });
    const baseline = baselineOf((await check({ root, now: NOW, env: {} })).findings);
    expect(baseline.findings).toHaveLength(3);
    commitFiles(root, { [LIST]: OLD_LIST.replace('- [ ] write the release notes', '- [x] write the release notes') }, 'tasks: notes done', CHANGE_DATE);

    const report = await checkChange(root, { baseline });
    expect(all(report)).toEqual([[LIST, 5, 3, 'checkbox-evidence']]);
    // The finding in the untouched list is still there: its entry is not fixed.
    expect(report.baseline).toEqual({ suppressed: 2, fixed: [] });
    expect(report.changedSince?.preexisting).toBe(0);
  });
});
