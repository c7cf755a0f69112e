/**
 * Pull-request mode (`changedSince` / `--changed-since`): spec-required on
 * governed files, which findings a change brings in, every kind of change
 * (committed, staged, unstaged, untracked), the merge base, related files,
 * baselines against boxes ticked in the change, and bad refs. Real git
 * repositories with commits at fixed dates.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselineOf, type Baseline } from '../../src/baseline/baseline.js';
import { check, type CheckOptions } from '../../src/check/check.js';
import { SpecguardError } from '../../src/errors.js';
import type { Report } from '../../src/findings/finding.js';
import { findingsOf, lines, manifest, NOW, places } from '../helpers/check-repo.js';
import { branch, checkout, commitFiles, committedRepo, expectOneLine, miniSpec, SPEC, stage } from '../helpers/git-fixtures.js';
import { runCli } from '../helpers/run-cli.js';
import { git, tempRepo, writeFiles, type FileTree } from '../helpers/temp-repo.js';

const LIST = 'tasks/tasks-0001.md';
/** When `main` got its files. */
const BASE_DATE = '2026-01-02T09:00:00Z';
/** When the feature branch's commits land. */
const CHANGE_DATE = '2026-11-20T09:00:00Z';

/** The code the spec governs, and a file it does not. */
const CODE: FileTree = {
  'README.md': '# Repo\n',
  'src/a.ts': 'export const a = 1;\n',
  'src/b.ts': 'export const b = 1;\n',
  'docs/readme.md': '# Docs\n',
};

/**
 * `main` with these files in one commit (2026-01-02), then a checked-out `feature` branch.
 * @returns the root and the sha of `main`
 */
function featureBranch(files: FileTree): { root: string; base: string } {
  const { root, sha } = committedRepo(files, BASE_DATE);
  branch(root);
  return { root, base: sha };
}

/** Checks the change since `main` at {@link NOW}. */
function checkChange(root: string, options: Omit<CheckOptions, 'root'> = {}): Promise<Report> {
  return check({ root, now: NOW, env: {}, changedSince: 'main', ...options });
}

/** Checks the whole repository at {@link NOW}. */
function checkAll(root: string, options: Omit<CheckOptions, 'root'> = {}): Promise<Report> {
  return check({ root, now: NOW, env: {}, ...options });
}

/** Runs `specguard check --now NOW --changed-since main` in the repository. */
function cliChange(root: string, ...more: string[]): ReturnType<typeof runCli> {
  return runCli(['check', '--now', NOW, '--changed-since', 'main', ...more], root);
}

const STALE_MESSAGE =
  'Changed under mini-spec `tasks/specs/0001-core.md` (0001-core), but its review is stale (`last_review` 2026-01-01, 324 days old, over the 30-day window). Review and approve the spec before changing what it governs.';

describe('--changed-since: spec-required', () => {
  it('reports a governed file changed under a stale approved spec, once, at line 1, naming the spec and its age', async () => {
    const { root, base } = featureBranch({ [SPEC]: miniSpec({ lastReview: '2026-01-01' }), ...CODE });
    commitFiles(root, { 'src/a.ts': 'export const a = 2;\n' }, 'feat: a is 2', CHANGE_DATE);

    const report = await checkChange(root);
    const required = findingsOf(report, 'spec-required');
    expect(places(required)).toEqual([['src/a.ts', 1, 1]]);
    expect(required[0]!.severity).toBe('error');
    expect(required[0]!.message).toBe(STALE_MESSAGE);
    expect(required[0]!.related).toEqual([SPEC]);
    expect(report.changedSince).toEqual({ ref: 'main', base, files: 1, preexisting: 0 });
    expect(report.summary.errors).toBe(1);

    const run = await cliChange(root);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('src/a.ts:1:1');
    expect(run.stdout).toContain('spec-required');
    expect(run.stdout).toContain(`Checked the change since main (${base.slice(0, 12)}): 1 changed file.`);
  });

  it('runs only in pull-request mode', async () => {
    const { root } = featureBranch({ [SPEC]: miniSpec({ lastReview: '2026-01-01' }), ...CODE });
    commitFiles(root, { 'src/a.ts': 'export const a = 2;\n' }, 'feat: a is 2', CHANGE_DATE);
    const report = await checkAll(root);
    expect(findingsOf(report, 'spec-required')).toEqual([]);
    // The stale spec is still reported in full mode, by spec-freshness.
    expect(places(findingsOf(report, 'spec-freshness'))).toEqual([[SPEC, 5, 14]]);
  });

  it('lets a change through under a fresh approved spec with approvals (exit 0)', async () => {
    const { root } = featureBranch({ [SPEC]: miniSpec({ lastReview: '2026-11-01' }), ...CODE });
    commitFiles(root, { 'src/a.ts': 'export const a = 2;\n' }, 'feat: a is 2', CHANGE_DATE);
    const report = await checkChange(root);
    expect(findingsOf(report, 'spec-required')).toEqual([]);
    expect(report.summary.errors).toBe(0);
    expect((await cliChange(root)).code).toBe(0);
  });

  it('blocks a change under a fresh draft spec, for its status alone', async () => {
    const { root } = featureBranch({ [SPEC]: miniSpec({ status: 'draft', lastReview: '2026-11-01' }), ...CODE });
    commitFiles(root, { 'src/a.ts': 'export const a = 2;\n' }, 'feat: a is 2', CHANGE_DATE);
    const required = findingsOf(await checkChange(root), 'spec-required');
    expect(places(required)).toEqual([['src/a.ts', 1, 1]]);
    expect(required[0]!.message).toBe(
      'Changed under mini-spec `tasks/specs/0001-core.md` (0001-core), but its status is `draft`, not `approved`. Review and approve the spec before changing what it governs.',
    );
    expect((await cliChange(root)).code).toBe(1);
  });

  it('blocks a change under a fresh approved spec that records no approvals', async () => {
    const { root } = featureBranch({ [SPEC]: miniSpec({ lastReview: '2026-11-01', approvals: false }), ...CODE });
    commitFiles(root, { 'src/a.ts': 'export const a = 2;\n' }, 'feat: a is 2', CHANGE_DATE);
    const required = findingsOf(await checkChange(root), 'spec-required');
    expect(places(required)).toEqual([['src/a.ts', 1, 1]]);
    expect(required[0]!.message).toBe(
      'Changed under mini-spec `tasks/specs/0001-core.md` (0001-core), but it records no approvals. Review and approve the spec before changing what it governs.',
    );
    expect((await cliChange(root)).code).toBe(1);
  });

  it('names every reason at once', async () => {
    const { root } = featureBranch({ [SPEC]: miniSpec({ status: 'in-review', lastReview: '2026-01-01', approvals: false }), ...CODE });
    commitFiles(root, { 'src/a.ts': 'export const a = 2;\n' }, 'feat: a is 2', CHANGE_DATE);
    const required = findingsOf(await checkChange(root), 'spec-required');
    expect(required).toHaveLength(1);
    expect(required[0]!.message).toContain('its review is stale (`last_review` 2026-01-01, 324 days old, over the 30-day window); its status is `in-review`, not `approved`; it records no approvals.');
  });

  it('lets a superseded spec govern nothing', async () => {
    const { root } = featureBranch({ [SPEC]: miniSpec({ status: 'superseded', lastReview: '2026-01-01', extra: ['superseded_by: 0002-core'] }), ...CODE });
    commitFiles(root, { 'src/a.ts': 'export const a = 2;\n' }, 'feat: a is 2', CHANGE_DATE);
    expect(findingsOf(await checkChange(root), 'spec-required')).toEqual([]);
  });

  it('leaves a change outside the governed globs alone (exit 0)', async () => {
    const { root } = featureBranch({ [SPEC]: miniSpec({ lastReview: '2026-01-01' }), ...CODE });
    commitFiles(root, { 'docs/readme.md': '# Docs\n\nMore.\n' }, 'docs: more', CHANGE_DATE);
    const report = await checkChange(root);
    expect(report.changedSince?.files).toBe(1);
    expect(findingsOf(report, 'spec-required')).toEqual([]);
    expect(report.findings).toEqual([]);
    expect((await cliChange(root)).code).toBe(0);
  });
});

describe('--changed-since: which findings are reported', () => {
  /** A task list on main with a ticked box that cites nothing (an old error). */
  const OLD_BAD_LIST = lines('# Tasks', '', '- [x] shipped the parser');

  it('leaves out findings in files the change does not touch, which full mode reports', async () => {
    const { root } = featureBranch({ [LIST]: OLD_BAD_LIST, ...CODE });
    commitFiles(root, { 'src/a.ts': 'export const a = 2;\n' }, 'feat: a is 2', CHANGE_DATE);

    const change = await checkChange(root);
    expect(change.findings).toEqual([]);
    expect(change.summary.errors).toBe(0);
    expect((await cliChange(root)).code).toBe(0);

    const full = await checkAll(root);
    expect(places(findingsOf(full, 'checkbox-evidence'))).toEqual([[LIST, 3, 3]]);
    expect((await runCli(['check', '--now', NOW], root)).code).toBe(1);
  });

  it('reports every finding of a file the change touches with changedFilesAll; by default only what the change introduces', async () => {
    const { root } = featureBranch({ [LIST]: OLD_BAD_LIST, ...CODE });
    commitFiles(root, { [LIST]: lines('# Tasks', '', '- [x] shipped the parser', '- [ ] write the docs') }, 'tasks: docs', CHANGE_DATE);
    expect(places(findingsOf(await checkChange(root, { changedFilesAll: true }), 'checkbox-evidence'))).toEqual([[LIST, 3, 3]]);
    const report = await checkChange(root);
    expect(report.findings).toEqual([]);
    expect(report.changedSince?.preexisting).toBe(1);
  });

  const kinds: Array<[string, (root: string) => void]> = [
    ['committed', (root) => commitFiles(root, { 'src/a.ts': 'export const a = 2;\n' }, 'feat: a is 2', CHANGE_DATE)],
    [
      'staged',
      (root) => {
        writeFiles(root, { 'src/a.ts': 'export const a = 2;\n' });
        stage(root, 'src/a.ts');
      },
    ],
    ['unstaged', (root) => writeFiles(root, { 'src/a.ts': 'export const a = 2;\n' })],
    ['untracked', (root) => writeFiles(root, { 'src/new.ts': 'export const n = 1;\n' })],
  ];

  it.each(kinds)('counts a %s change', async (kind, change) => {
    const { root } = featureBranch({ [SPEC]: miniSpec({ lastReview: '2026-01-01' }), ...CODE, '.gitignore': 'src/ignored.ts\n' });
    change(root);
    // An ignored file is not part of the change.
    writeFiles(root, { 'src/ignored.ts': 'export const i = 1;\n' });
    const report = await checkChange(root);
    const file = kind === 'untracked' ? 'src/new.ts' : 'src/a.ts';
    expect(places(findingsOf(report, 'spec-required'))).toEqual([[file, 1, 1]]);
    expect(report.changedSince?.files).toBe(1);
  });

  it('counts the four kinds of change together', async () => {
    const { root } = featureBranch({
      [SPEC]: miniSpec({ lastReview: '2026-01-01' }),
      'src/committed.ts': '1\n',
      'src/staged.ts': '1\n',
      'src/unstaged.ts': '1\n',
      'src/untouched.ts': '1\n',
    });
    commitFiles(root, { 'src/committed.ts': '2\n' }, 'feat: committed', CHANGE_DATE);
    writeFiles(root, { 'src/staged.ts': '2\n' });
    stage(root, 'src/staged.ts');
    writeFiles(root, { 'src/unstaged.ts': '2\n', 'src/untracked.ts': '1\n' });
    const report = await checkChange(root);
    expect(findingsOf(report, 'spec-required').map((f) => f.file)).toEqual(['src/committed.ts', 'src/staged.ts', 'src/unstaged.ts', 'src/untracked.ts']);
    expect(report.changedSince?.files).toBe(4);
  });

  it('measures the change from the merge base: what main gained after the branch point is not part of it', async () => {
    const { root, base } = featureBranch({ [SPEC]: miniSpec({ lastReview: '2026-01-01' }), ...CODE });
    commitFiles(root, { 'src/a.ts': 'export const a = 2;\n' }, 'feat: a is 2', '2026-11-10T09:00:00Z');
    checkout(root, 'main');
    const mainTip = commitFiles(root, { 'src/b.ts': 'export const b = 2;\n', 'src/c.ts': 'export const c = 1;\n' }, 'feat: main moves on', '2026-11-15T09:00:00Z');
    checkout(root, 'feature');

    const report = await checkChange(root);
    expect(findingsOf(report, 'spec-required').map((f) => f.file)).toEqual(['src/a.ts']);
    expect(report.changedSince).toEqual({ ref: 'main', base, files: 1, preexisting: 0 });
    expect(report.changedSince?.base).not.toBe(mainTip);
  });

  it('measures from the checked folder when it is below the top level of the work tree', async () => {
    const { root } = featureBranch({
      [`project/${SPEC}`]: miniSpec({ lastReview: '2026-01-01' }),
      'project/src/a.ts': '1\n',
      'other/src/a.ts': '1\n',
    });
    commitFiles(root, { 'project/src/a.ts': '2\n', 'other/src/a.ts': '2\n' }, 'feat: both', CHANGE_DATE);
    const report = await checkChange(path.join(root, 'project'));
    expect(places(findingsOf(report, 'spec-required'))).toEqual([['src/a.ts', 1, 1]]);
    expect(report.changedSince?.files).toBe(1);
  });

  it('brings in the findings of an unchanged task list when a run manifest it cites changes', async () => {
    const { root } = featureBranch({
      '.runs/1/manifest.json': manifest(),
      '.runs/2/manifest.json': manifest(),
      '.runs/3/manifest.json': manifest({ status: 'failed' }),
      [LIST]: lines('# Tasks', '', '- [x] tests pass `.runs/1/manifest.json`', '- [x] lint passes `.runs/2/`', '- [x] old failure `.runs/3/manifest.json`'),
    });
    // Before the change, only the old failure is there, and the change does not touch it.
    expect(places(findingsOf(await checkAll(root), 'evidence-failed'))).toEqual([[LIST, 5, 19]]);

    commitFiles(root, { '.runs/1/manifest.json': manifest({ status: 'failed' }), '.runs/2/manifest.json': manifest({ status: 'failed' }) }, 'runs: they failed after all', CHANGE_DATE);
    const report = await checkChange(root);
    expect(report.changedSince?.files).toBe(2);
    const failed = findingsOf(report, 'evidence-failed');
    expect(places(failed)).toEqual([
      [LIST, 3, 18],
      [LIST, 4, 19],
    ]);
    expect(failed[0]!.message).toBe('Run manifest `.runs/1/manifest.json` records status `failed`, not `succeeded`.');
    expect(failed[0]!.related).toContain('.runs/1/manifest.json');
    expect(failed[1]!.related).toContain('.runs/2/manifest.json');
    expect((await cliChange(root)).code).toBe(1);
  });
});

describe('--changed-since with a baseline', () => {
  const OLD = '- [x] shipped the parser';
  const OLD_LIST = lines('# Tasks', '', '## Parser', '', OLD);

  /** A baseline of everything `check` finds in the repository now. */
  async function baselineNow(root: string): Promise<Baseline> {
    const baseline = baselineOf((await checkAll(root)).findings);
    expect(baseline.findings.map((f) => f.ruleId)).toEqual(['checkbox-evidence']);
    return baseline;
  }

  it('reports a new ticked box with the same text as a baselined one added below it, and keeps the old one suppressed', async () => {
    const { root } = featureBranch({ [LIST]: OLD_LIST });
    const baseline = await baselineNow(root);
    commitFiles(root, { [LIST]: lines('# Tasks', '', '## Parser', '', OLD, '', '## Release', '', OLD) }, 'tasks: release', CHANGE_DATE);

    const report = await checkChange(root, { baseline });
    expect(places(findingsOf(report, 'checkbox-evidence'))).toEqual([[LIST, 9, 3]]);
    expect(report.baseline).toEqual({ suppressed: 1, fixed: [] });
  });

  it('reports a new ticked box with the same text as a baselined one added above it, and keeps the old one suppressed', async () => {
    const { root } = featureBranch({ [LIST]: OLD_LIST });
    const baseline = await baselineNow(root);
    commitFiles(root, { [LIST]: lines('# Tasks', '', '## Release', '', OLD, '', '## Parser', '', OLD) }, 'tasks: release', CHANGE_DATE);

    const report = await checkChange(root, { baseline });
    // Line 5 is new in the change; line 9 is the old, baselined box.
    expect(places(findingsOf(report, 'checkbox-evidence'))).toEqual([[LIST, 5, 3]]);
    expect(report.baseline).toEqual({ suppressed: 1, fixed: [] });
  });

  /** Ticked (baselined), then unticked on main, then ticked again in the change. */
  async function reTicked(list: string): Promise<{ root: string; baseline: Baseline }> {
    const { root } = committedRepo({ [list]: OLD_LIST }, '2026-11-01T09:00:00Z');
    const baseline = await baselineNow(root);
    commitFiles(root, { [list]: lines('# Tasks', '', '## Parser', '', '- [ ] shipped the parser') }, 'tasks: not shipped after all', '2026-11-02T09:00:00Z');
    branch(root);
    writeFiles(root, { [list]: OLD_LIST });
    return { root, baseline };
  }

  it.each([LIST, 'tasks/tasks-release plan.md', 'tasks/tasks-café.md'])('never baselines away a box ticked again in the change (%s)', async (list) => {
    const { root, baseline } = await reTicked(list);
    // Outside pull-request mode the baseline hides it...
    const full = await checkAll(root, { baseline });
    expect(findingsOf(full, 'checkbox-evidence')).toEqual([]);
    expect(full.baseline?.suppressed).toBe(1);
    // ...but the change ticked it, so it is reported, and its old entry is answered for (not "fixed").
    const report = await checkChange(root, { baseline });
    expect(report.changedSince?.files).toBe(1);
    expect(places(findingsOf(report, 'checkbox-evidence'))).toEqual([[list, 5, 3]]);
    expect(report.baseline).toEqual({ suppressed: 0, fixed: [] });
  });

  it("never baselines away a box ticked in the change when the user's git config sets diff.mnemonicPrefix", async () => {
    const { root, baseline } = await reTicked(LIST);
    const saved = { count: process.env.GIT_CONFIG_COUNT, key: process.env.GIT_CONFIG_KEY_0, value: process.env.GIT_CONFIG_VALUE_0 };
    process.env.GIT_CONFIG_COUNT = '1';
    process.env.GIT_CONFIG_KEY_0 = 'diff.mnemonicPrefix';
    process.env.GIT_CONFIG_VALUE_0 = 'true';
    try {
      const report = await checkChange(root, { baseline });
      expect(places(findingsOf(report, 'checkbox-evidence'))).toEqual([[LIST, 5, 3]]);
    } finally {
      for (const [name, value] of [
        ['GIT_CONFIG_COUNT', saved.count],
        ['GIT_CONFIG_KEY_0', saved.key],
        ['GIT_CONFIG_VALUE_0', saved.value],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});

describe('--changed-since: bad refs', () => {
  /** A repository with `main` and a feature branch. */
  function repo(): string {
    const { root } = featureBranch({ [SPEC]: miniSpec({ lastReview: '2026-01-01' }), ...CODE });
    commitFiles(root, { 'src/a.ts': 'export const a = 2;\n' }, 'feat: a is 2', CHANGE_DATE);
    return root;
  }

  it.each([
    ['an option', ['--changed-since', '--output=x'], 'is not a revision'],
    ['an option after =', ['--changed-since=--output=x'], 'is not a revision'],
    ['a range', ['--changed-since', 'a..b'], 'is not a revision'],
    ['a name of no commit', ['--changed-since', 'nosuch'], 'names no commit'],
  ])('exits 2 with one line on stderr for %s', async (_what, args, says) => {
    const root = repo();
    const run = await runCli(['check', '--now', NOW, ...args], root);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain('--changed-since');
    expect(run.stderr).toContain(says);
    expect(run.stdout).toBe('');
    expect(existsSync(path.join(root, 'x'))).toBe(false);
  });

  it('exits 2 with one line on stderr outside git', async () => {
    const root = tempRepo({ [SPEC]: miniSpec({ lastReview: '2026-01-01' }), ...CODE });
    expect(() => git(root, ['rev-parse', '--show-toplevel'])).toThrow();
    const run = await runCli(['check', '--now', NOW, '--changed-since', 'main'], root);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain('--changed-since needs a git repository');
    expect(run.stdout).toBe('');
  });

  it('rejects the same refs through the API with a USAGE error', async () => {
    const root = repo();
    for (const ref of ['--output=x', 'a..b', 'nosuch']) {
      const error: unknown = await checkChange(root, { changedSince: ref }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SpecguardError);
      expect((error as SpecguardError).code).toBe('USAGE');
    }
  });
});
