/**
 * What `sync` mirrors of one repository, as table rows: its files of a known kind with their blob ids, its tasks
 * (the board's briefs: the task model read with evidence, checkpoints, runs and commits), their criteria, every
 * checkpoint, run manifest and mini-spec with all its fields, task lists, and `check`'s findings.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { board } from '../board/gather-board.js';
import type { Board } from '../board/board-model.js';
import type { BriefCriterion } from '../brief/brief-model.js';
import { check } from '../check/check.js';
import type { CheckedDocument } from '../check/checked-document.js';
import { openReader, openWorkspace, type WorkspaceOptions } from '../check/workspace.js';
import { findConfigFile } from '../config/load-config.js';
import { metadataRecord, stringField } from '../document/source-document.js';
import { KIND } from '../kinds/kind.js';
import { VERSION } from '../package-info.js';
import type { Row, TableRows } from './tables.js';

/** Options of {@link readSource} and {@link gatherRows}: those of every command that reads a repository. */
export type GatherOptions = WorkspaceOptions;

/** What a repository's rows derive from, read without parsing a document. */
export interface SourceState {
  /** Absolute repository root. */
  root: string;
  /** Repo-relative path → kind and git blob id (SHA-1 of the work tree's bytes, as `git hash-object` gives it). */
  files: Map<string, { kind: string; blob: string }>;
  head?: string;
  branch?: string;
  /** `remote.origin.url` without credentials. */
  remote?: string;
  /**
   * SHA-256 (hex) over specguard's version, the config file's bytes, every kind's schema, every file's path and blob
   * id, HEAD, and each change of the work tree against HEAD with the bytes of each changed file (so a cited path
   * edited or deleted without a commit counts): two equal digests derive equal rows at one clock. Files git ignores
   * are not in it; outside git, only the files of a known kind are.
   */
  digest: string;
}

/**
 * A git blob id: SHA-1 of `blob <size>\0` and the bytes.
 * @param bytes - the file's content
 */
export function blobId(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/**
 * Reads what the rows would derive from: discovers the files (without parsing them) and hashes their bytes.
 * @throws SpecguardError as `check()`: `USAGE`, `CONFIG`, `SCHEMA`
 */
export async function readSource(options: GatherOptions): Promise<SourceState> {
  const reader = await openReader(options, false);
  const files = new Map<string, { kind: string; blob: string }>();
  for (const file of [...reader.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const absolute = path.join(reader.root, ...file.path.split('/'));
    let bytes: Buffer;
    try {
      // As the loader reads it: a regular file within the size limit; a symlink or an oversized file is left to `check`.
      const stat = reader.fs.lstat(absolute);
      if (!stat.isFile() || stat.size > reader.config.maxFileBytes) continue;
      bytes = reader.fs.readFile(absolute);
    } catch {
      continue; // unreadable now: check reports it; it mirrors as absent
    }
    files.set(file.path, { kind: file.kind.name, blob: blobId(bytes) });
  }
  const git = await reader.git();
  const [head, remote, changes] = git ? await Promise.all([git.head(), git.originUrl(), git.workTreeStatus(reader.root)]) : [undefined, undefined, []];
  const configFile = options.configFile ? path.resolve(reader.root, options.configFile) : findConfigFile(reader.root);
  const hash = createHash('sha256').update(`specguard ${VERSION}\0`);
  const bytesOf = (file: string): Buffer => {
    try {
      const stat = reader.fs.lstat(file);
      return stat.isFile() && stat.size <= reader.config.maxFileBytes ? reader.fs.readFile(file) : Buffer.from(`${stat.size} ${stat.mtimeMs}`);
    } catch {
      return Buffer.from('absent');
    }
  };
  hash.update(configFile ? bytesOf(configFile) : Buffer.alloc(0));
  for (const kind of reader.config.kinds) hash.update(`\0schema ${kind.name}\0`).update(bytesOf(kind.schemaPath));
  hash.update(`\0head ${head?.sha ?? ''}\0`);
  for (const change of changes) hash.update(`${change.code} ${change.path}\0${blobId(bytesOf(path.join(reader.root, ...change.path.split('/'))))}\0`);
  for (const [file, { blob }] of files) hash.update(`${file}\0${blob}\0`);
  return {
    root: reader.root,
    files,
    ...(head ? { head: head.sha, ...(head.branch ? { branch: head.branch } : {}) } : {}),
    ...(remote ? { remote } : {}),
    digest: hash.digest('hex'),
  };
}

/** The rows, and what the derivation could not see. */
export interface GatheredRows {
  rows: TableRows;
  /** The clock statuses and ages were computed against. */
  clock: Date;
  notes: string[];
}

/** The kinds whose every field is mirrored. */
const DOCUMENT_KINDS: ReadonlySet<string> = new Set([KIND.CHECKPOINT, KIND.RUN_MANIFEST, KIND.MINI_SPEC]);

/**
 * Derives every row of a repository: the board (tasks and their briefs), `check`'s findings, and the checkpoints,
 * run manifests and mini-specs as written.
 * @param source - from {@link readSource}, for the files' blob ids
 * @throws SpecguardError as `check()`
 */
export async function gatherRows(options: GatherOptions, source: SourceState): Promise<GatheredRows> {
  const only = (file: { kind: { name: string } }): boolean => DOCUMENT_KINDS.has(file.kind.name);
  const [tasksBoard, report, workspace] = await Promise.all([board(options), check(options), openWorkspace({ ...options, only })]);
  const history = await workspace.history();
  // Newest first: the first commit that touches a path is the last that changed it.
  const lastCommit = new Map<string, string>();
  for (const commit of history?.commits ?? []) for (const file of commit.files) if (!lastCommit.has(file.path)) lastCommit.set(file.path, commit.sha);
  const blob = (file: string): string => source.files.get(file)?.blob ?? '';
  const byKind = (kind: string): CheckedDocument[] => workspace.documents.filter((d) => d.kind === kind);

  const rows: TableRows = {
    synced_file: [...source.files].map(([file, { kind, blob: id }]) => ({ path: file, kind, blob: id })),
    task: tasksBoard.tasks.map(({ brief, counts }) => {
      const { generated_at: _clock, ...stored } = brief;
      const declared = brief.layout?.declared_status;
      return {
        task_id: brief.task,
        title: brief.title ?? null,
        sources: taskSources(brief),
        declared_status: declared?.value ?? null,
        declared_category: declared?.category ?? null,
        status: brief.status,
        status_reason: brief.status_reason,
        next_step: brief.next_step?.text ?? null,
        criteria: counts.total,
        ticked: counts.checked,
        proven: counts.proven,
        contradictions: brief.contradictions.length,
        brief: stored,
      };
    }),
    task_criterion: tasksBoard.tasks.flatMap(({ brief }) => criterionRows(brief.task, brief.criteria)),
    task_checkpoint: byKind(KIND.CHECKPOINT).map((d) => {
      const data = metadataRecord(d);
      return {
        path: d.path,
        blob: blob(d.path),
        commit: lastCommit.get(d.path) ?? null,
        task: stringField(data, 'task') ?? null,
        checkpoint_kind: stringField(data, 'checkpoint_kind') ?? null,
        created: timestamp(data.created),
        agent: stringField(data, 'agent') ?? null,
        summary: stringField(data, 'summary') ?? null,
        branch: stringField(data, 'branch') ?? null,
        head: stringField(data, 'head') ?? null,
        next_steps: Array.isArray(data.next_steps) ? data.next_steps : null,
        artifacts: Array.isArray(data.artifacts) ? data.artifacts : null,
        valid: d.schemaProblems.length === 0,
        data,
      };
    }),
    task_run: byKind(KIND.RUN_MANIFEST).map((d) => {
      const data = metadataRecord(d);
      return {
        path: d.path,
        blob: blob(d.path),
        run_id: stringField(data, 'run_id') ?? null,
        task_id: stringField(data, 'task_id') ?? null,
        status: stringField(data, 'status') ?? null,
        started_at: timestamp(data.started_at),
        finished_at: timestamp(data.finished_at),
        heartbeat_at: timestamp(data.heartbeat_at),
        commit: stringField(data, 'commit') ?? null,
        valid: d.schemaProblems.length === 0,
        data,
      };
    }),
    task_run_command: byKind(KIND.RUN_MANIFEST).flatMap((d) => {
      const commands = metadataRecord(d).commands;
      if (!Array.isArray(commands)) return [];
      return commands.map((entry: unknown, position) => {
        const command = entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? (entry as Record<string, unknown>) : {};
        return {
          path: d.path,
          position,
          command: stringField(command, 'command') ?? null,
          exit_code: int32(command.exit_code),
          log: stringField(command, 'log') ?? null,
          log_sha256: stringField(command, 'log_sha256') ?? null,
        };
      });
    }),
    spec: specRows(byKind(KIND.MINI_SPEC), tasksBoard),
    task_list: tasksBoard.task_lists.map((list) => ({
      path: list.file,
      title: list.title ?? null,
      task_id: list.task ?? null,
      items: list.counts.total,
      ticked: list.counts.checked,
      proven: list.counts.proven,
      unproven: list.counts.unproven,
      failed: list.counts.failed,
      open: list.counts.open,
      deferred: list.counts.deferred,
    })),
    finding: findingRows(report.findings),
  };
  const notes = [...new Set([...tasksBoard.notes, ...(report.notes ?? [])])];
  return { rows, clock: new Date(tasksBoard.generated_at), notes };
}

/** Every file a task was read from: its layout's files, its packet, its checkpoints and runs; sorted. */
function taskSources(brief: Board['tasks'][number]['brief']): string[] {
  const files = new Set<string>(brief.layout?.files ?? []);
  if (brief.packet) files.add(brief.packet.file);
  for (const checkpoint of brief.timeline) if (checkpoint.state === 'current') files.add(checkpoint.file);
  for (const run of brief.runs) files.add(run.file);
  for (const criterion of brief.criteria) files.add(criterion.file);
  return [...files].sort();
}

const VERDICT = { verified: 'proven', claimed: 'unproven', failed: 'failed', open: 'open' } as const;

function criterionRows(task: string, criteria: readonly BriefCriterion[]): Row[] {
  const rows = new Map<string, Row>();
  criteria.forEach((c, position) => {
    const key = `${c.file}\0${c.line}`;
    // One row per item: an item read twice for one task (two sources naming one file) is kept once.
    if (rows.has(key)) return;
    rows.set(key, {
      task_id: task,
      path: c.file,
      line: c.line,
      col: c.column ?? null,
      position,
      text: c.text,
      ticked: c.checked,
      deferred: c.deferred === true,
      verdict: VERDICT[c.state],
      evidence: c.evidence,
    });
  });
  return [...rows.values()];
}

function specRows(specs: readonly CheckedDocument[], tasksBoard: Board): Row[] {
  const problems = new Map(tasksBoard.specs.map((s) => [s.file, s.problems]));
  const tasksOf = new Map<string, string[]>();
  for (const task of tasksBoard.tasks) if (task.spec) tasksOf.set(task.spec, [...(tasksOf.get(task.spec) ?? []), task.brief.task]);
  return specs.map((d) => {
    const data = metadataRecord(d);
    const found = problems.get(d.path) ?? [];
    const review = stringField(data, 'last_review');
    return {
      path: d.path,
      spec_id: stringField(data, 'id') ?? null,
      title: stringField(data, 'title') ?? null,
      status: stringField(data, 'status') ?? null,
      last_review: review !== undefined && isCalendarDate(review) ? review : null,
      review_interval_days: int32(data.review_interval_days),
      stale: found.length > 0,
      problems: found,
      tasks: (tasksOf.get(d.path) ?? []).sort(),
      data,
    };
  });
}

function findingRows(findings: ReadonlyArray<{ ruleId: string; severity: string; file: string; line: number; column: number; message: string; fingerprint?: string }>): Row[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const fingerprint = f.fingerprint ?? createHash('sha256').update(`${f.ruleId}\0${f.file}\0${f.line}\0${f.message}`).digest('hex');
    const occurrence = seen.get(fingerprint) ?? 0;
    seen.set(fingerprint, occurrence + 1);
    return { fingerprint, occurrence, rule_id: f.ruleId, severity: f.severity, path: f.file, line: f.line, col: f.column, message: f.message };
  });
}

/** An ISO 8601 date-time with a time zone as an ISO string in UTC; anything else (as written by hand) is `null`. */
function timestamp(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})$/.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function int32(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= 2_147_483_647 ? value : null;
}
