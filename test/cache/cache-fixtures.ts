/**
 * Shared pieces of the `check --cache` tests: throw-away repositories (the
 * seed-004 fixture, mini-specs with an index, a real git repository with
 * commits at fixed dates), runs with and without the cache, a rule that
 * counts the documents it is run on, and a file system that counts reads.
 */
import { cpSync, readdirSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { check, type CheckOptions } from '../../src/check/check.js';
import type { Report } from '../../src/findings/finding.js';
import { nodeFileSystem, type FileSystem } from '../../src/fs/file-system.js';
import { BUILTIN_RULES } from '../../src/rules/builtin-rules.js';
import type { Rule } from '../../src/rules/rule.js';
import type { RuleId } from '../../src/rules/rule-ids.js';
import { checkpointFrontmatter, lines, manifest, markdown, NOW, validPacket, validSpec } from '../helpers/check-repo.js';
import { commitFiles, committedRepo, miniSpec } from '../helpers/git-fixtures.js';
import { tempRepo } from '../helpers/temp-repo.js';

export { NOW };

/** The default cache file, at the root. */
export const CACHE = '.specguard-cache';
export const LIST = 'tasks/tasks-0001.md';
export const INDEX = 'tasks/index.json';
export const SPEC_CORE = 'tasks/specs/0001-core.md';
export const SPEC_IO = 'tasks/specs/0002-io.md';
export const RUN = '.runs/460/a/manifest.json';
export const PACKET = 'state/packets/460.md';
export const CHECKPOINT = 'state/checkpoints/460/01.md';
export const SEED_004 = path.resolve('test/fixtures/seed-004');
export const SEED_004_NOW = '2025-10-20';

/** Runs `check` at {@link NOW} with no environment (one thread from the sources, no SOURCE_DATE_EPOCH). */
export function run(root: string, options: Omit<CheckOptions, 'root'> = {}): Promise<Report> {
  return check({ root, now: NOW, env: {}, ...options });
}

/**
 * Runs `check` and tells how many files the run took from the cache: the first progress call counts reused
 * files as done at once.
 */
export async function runCounted(root: string, options: Omit<CheckOptions, 'root'> = {}): Promise<{ report: Report; reused: number; total: number }> {
  let first: [number, number] | undefined;
  const report = await run(root, { ...options, onProgress: (done, total) => (first ??= [done, total]) });
  return { report, reused: first?.[0] ?? 0, total: first?.[1] ?? 0 };
}

/** A copy of the seed-004 fixture in a temp folder (not a git repository). */
export function seed004Copy(): string {
  const root = tempRepo();
  cpSync(SEED_004, root, { recursive: true });
  return root;
}

/**
 * Mini-specs with an index that agrees with them, a task list whose ticked boxes cite a succeeded run
 * manifest, a file that exists and one that does not, a packet citing the run folder and a checkpoint.
 * At {@link NOW} (2026-11-21) its only finding is the missing `docs/later.md` (line 5 of the task list).
 * `0002-io` was reviewed 2026-10-25: stale from 2026-11-25 on.
 */
export function specsRepo(): string {
  return tempRepo({
    [SPEC_CORE]: validSpec('0001-core', '2026-11-01'),
    [SPEC_IO]: validSpec('0002-io', '2026-10-25'),
    [INDEX]: {
      items: [
        { id: '0001-core', path: SPEC_CORE, last_review: '2026-11-01' },
        { id: '0002-io', path: SPEC_IO, last_review: '2026-10-25' },
      ],
    },
    [LIST]: lines(
      '# Tasks', //                                        1
      '', //                                               2
      '- [x] run `.runs/460/a/manifest.json`', //          3
      '- [x] notes, see `docs/result.md`', //              4
      '- [x] draft, see `docs/later.md`', //               5
      '- [ ] open item', //                                6
      '', //                                               7
      'See [the guide](../docs/guide.md).', //             8
    ),
    'docs/result.md': '# Result\n',
    'docs/guide.md': '# Guide\n',
    [RUN]: manifest(),
    [PACKET]: validPacket(460, ['- [x] tests pass `.runs/460/a/`']),
    [CHECKPOINT]: markdown(checkpointFrontmatter(460), 'Progress made.'),
  });
}

/** The paths of {@link specsRepo}'s documents, sorted. */
export const SPECS_REPO_DOCUMENTS = [RUN, CHECKPOINT, PACKET, INDEX, SPEC_CORE, SPEC_IO, LIST].sort();

/**
 * A git repository: a mini-spec governing `src/**` reviewed 2026-11-01, a box ticked on 2026-11-02 citing the
 * first commit, a commit that is not there, and a run manifest committed a day later with a change to `src/`
 * (so evidence-backdated and spec-drift have something to say).
 * @returns its root and the first commit's sha
 */
export function gitRepo(): { root: string; first: string } {
  const { root, sha: first } = committedRepo(
    {
      [SPEC_CORE]: miniSpec({ lastReview: '2026-11-01' }),
      [INDEX]: { items: [{ id: '0001-core', path: SPEC_CORE, last_review: '2026-11-01' }] },
      'src/a.ts': 'export const a = 1;\n',
      [LIST]: lines('# Tasks', '', '- [ ] run the tests'),
    },
    '2026-11-01T10:00:00Z',
    'chore: start',
  );
  commitFiles(
    root,
    { [LIST]: lines('# Tasks', '', '- [x] run the tests `.runs/1/manifest.json`', `- [x] started in ${first}`, '- [x] fixed in `deadbeef1234567`') },
    'tasks: done',
    '2026-11-02T10:00:00Z',
  );
  commitFiles(root, { '.runs/1/manifest.json': manifest({ task_id: '1' }), 'src/a.ts': 'export const a = 2;\n' }, 'runs: record run 1', '2026-11-03T10:00:00Z');
  return { root, first };
}

/**
 * A rule that reports nothing and records the documents its `checkDocument` runs on (and how often its
 * `checkRepository` runs). Build a new one per run: its id, and so the cache key, stays the same.
 */
export function probe(): { rules: Rule[]; documents: string[]; repository: { runs: number } } {
  const documents: string[] = [];
  const repository = { runs: 0 };
  const rule: Rule = {
    id: 'cache-probe' as RuleId,
    summary: 'Records the documents it is run on.',
    defaultSeverity: 'warning',
    checkDocument(document) {
      documents.push(document.path);
    },
    readsDocument: (document) => document.kind === 'mini-spec',
    checkRepository() {
      repository.runs++;
    },
  };
  return { rules: [...BUILTIN_RULES, rule], documents, repository };
}

/** Runs with a fresh {@link probe}: the report, and the documents whose own rules ran, sorted. */
export async function probed(root: string, options: Omit<CheckOptions, 'root' | 'rules'> = {}): Promise<{ report: Report; checked: string[]; repositoryRuns: number }> {
  const p = probe();
  const report = await run(root, { ...options, rules: p.rules });
  return { report, checked: [...p.documents].sort(), repositoryRuns: p.repository.runs };
}

/** Node's file system, counting `readFile` calls by absolute path. */
export function countingFs(): { fs: FileSystem; reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    fs: {
      ...nodeFileSystem,
      readFile: (p) => {
        reads.push(p);
        return nodeFileSystem.readFile(p);
      },
    },
  };
}

/** Sets the modification (and access) time of every file under `root` (`.git` left alone) to `date`. */
export function backdate(root: string, date = new Date('2020-01-01T00:00:00Z')): void {
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (full.split(path.sep).includes('.git')) continue;
    if (entry.isFile()) utimesSync(full, date, date);
  }
}
