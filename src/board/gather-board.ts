/**
 * Gather step of `board`: every task id of the repository (from task
 * packets, checkpoints and run manifests, and the tasks the layout holds as
 * the task model reads them: task lists, spec folders, changes), the brief of each,
 * computed by `brief`'s own gather and derive steps over one shared load of
 * the repository and one shared git history pass, the task lists with their
 * items, and the mini-specs `check` finds stale or drifting.
 */
import path from 'node:path';
import { briefIn, briefReads } from '../brief/brief.js';
import type { Brief, BriefCriterion, TaskStatus } from '../brief/brief-model.js';
import { toCriterion } from '../brief/gather.js';
import { TASK_ID } from '../brief/task-id.js';
import { check } from '../check/check.js';
import type { CheckedDocument } from '../check/checked-document.js';
import type { DiscoveredFile } from '../check/discover.js';
import { openWorkspace, type Workspace, type WorkspaceOptions } from '../check/workspace.js';
import { metadataRecord, stringField } from '../document/source-document.js';
import { KIND, type KindDefinition } from '../kinds/kind.js';
import { specDrift } from '../rules/spec-drift.js';
import { specFreshness } from '../rules/spec-freshness.js';
import { countItems, STATUS_ORDER, type Board, type BoardCheckpoint, type BoardSpec, type BoardTask, type BoardTaskList, type ItemCounts, type SpecProblem } from './board-model.js';
import { briefUnderFolder } from '../brief/package-paths.js';
import { packageFolders } from '../check/packages.js';
import { findConfigFile, loadConfig } from '../config/load-config.js';
import { openRepository } from '../git/repository.js';
import { SchemaRegistry } from '../validate/schema-registry.js';
import { buildTasks } from '../tasks/build-tasks.js';
import { sharedHistory } from './shared-history.js';

/** Options of {@link board}: those of every command that reads a repository. */
export type BoardOptions = WorkspaceOptions;

/** The kinds a board reads. */
const BOARD_KINDS: ReadonlySet<string> = new Set([KIND.TASK_PACKET, KIND.TASK_LIST, KIND.FEATURE_SPEC, KIND.CHECKPOINT, KIND.RUN_MANIFEST, KIND.MINI_SPEC]);

/** Where each kind names its task. */
const TASK_KEY: Readonly<Record<string, string>> = { [KIND.TASK_PACKET]: 'task', [KIND.CHECKPOINT]: 'task', [KIND.RUN_MANIFEST]: 'task_id' };

/**
 * Computes the board of a repository. Each task's brief is what `brief()` returns for it, computed from
 * one load of the repository and one `git log` of every local branch (see {@link sharedHistory}) whatever
 * the number of tasks; stale and drifting specs come from `check()` with `spec-freshness` and `spec-drift`
 * (as configured: a rule turned off finds nothing).
 * @returns the board; a repository without tasks gives an empty one
 * @throws SpecguardError `USAGE`, `CONFIG`, `SCHEMA` as `check()`
 */
export async function board(options: BoardOptions = {}): Promise<Board> {
  // In a monorepo each package (a folder with a config of its own) has its board, under its config, merged in.
  if (options.config || options.fs) return boardOfFolder(options);
  const root = path.resolve(options.root ?? process.cwd());
  const ownConfig = options.configFile ? path.resolve(root, options.configFile) : findConfigFile(root);
  const ignore = ownConfig ? loadConfig(root, new SchemaRegistry(root), options.configFile, options.inheritConfigFrom).ignore : [];
  const folders = await packageFolders(root, await openRepository(root), ignore);
  if (folders.length === 0) return boardOfFolder(options);
  const top = await boardOfFolder({ ...options, root, excludeFolders: [...(options.excludeFolders ?? []), ...folders] });
  const inherit = [...(options.inheritConfigFrom ?? []), ...(ownConfig ? [ownConfig] : [])];
  const packages: Array<{ folder: string; board: Board }> = [];
  for (const folder of folders) {
    const { configFile: _configFile, excludeFolders: _excluded, ...shared } = options;
    packages.push({ folder, board: await board({ ...shared, root: path.join(root, ...folder.split('/')), inheritConfigFrom: inherit }) });
  }
  return mergeBoards(top, packages);
}

/**
 * The board of a repository with packages: each package's tasks, specs and task lists with paths from the top
 * and, where two places use one task id, the package's id qualified (`packages/api:0001`).
 */
function mergeBoards(top: Board, packages: ReadonlyArray<{ folder: string; board: Board }>): Board {
  const uses = new Map<string, number>();
  for (const b of [top, ...packages.map((p) => p.board)]) for (const t of b.tasks) uses.set(t.brief.task, (uses.get(t.brief.task) ?? 0) + 1);
  const idIn = (folder: string, id: string): string => ((uses.get(id) ?? 0) > 1 ? `${folder}:${id}` : id);
  const tasks = [...top.tasks];
  const specs = [...top.specs];
  const taskLists = [...top.task_lists];
  const notes = new Set(top.notes);
  for (const { folder, board: inner } of packages) {
    const under = (file: string): string => `${folder}/${file}`;
    for (const task of inner.tasks) {
      const brief = { ...briefUnderFolder(task.brief, folder), task: idIn(folder, task.brief.task) };
      tasks.push({
        ...task,
        brief,
        ...(task.last_checkpoint ? { last_checkpoint: { ...task.last_checkpoint, file: under(task.last_checkpoint.file) } } : {}),
        ...(task.spec ? { spec: under(task.spec) } : {}),
      });
    }
    for (const spec of inner.specs) specs.push({ ...spec, file: under(spec.file), tasks: spec.tasks.map((id) => idIn(folder, id)) });
    for (const list of inner.task_lists) taskLists.push({ ...list, file: under(list.file), ...(list.task ? { task: idIn(folder, list.task) } : {}) });
    for (const note of inner.notes) notes.add(note);
  }
  tasks.sort((a, b) => naturalOrder(a.brief.task, b.brief.task));
  const statusCounts = Object.fromEntries(STATUS_ORDER.map((s) => [s, tasks.filter((t) => t.brief.status === s).length])) as Record<TaskStatus, number>;
  return {
    ...top,
    tasks,
    status_counts: statusCounts,
    specs: specs.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
    spec_count: top.spec_count + packages.reduce((n, p) => n + p.board.spec_count, 0),
    task_lists: taskLists.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
    notes: [...notes],
  };
}

/** The board of one folder (its packages left out). */
async function boardOfFolder(options: BoardOptions): Promise<Board> {
  // The kind each file's path gives it: `brief` picks the checkpoints it reads by that kind's folder.
  const globKinds = new Map<string, KindDefinition>();
  const only = (file: DiscoveredFile): boolean => {
    if (!BOARD_KINDS.has(file.kind.name) || (options.only && !options.only(file))) return false;
    globKinds.set(file.path, file.kind);
    return true;
  };
  const [workspace, report] = await Promise.all([
    openWorkspace({ ...options, only }),
    check({ ...options, packages: false, rules: [specFreshness, specDrift], only: (file) => file.kind.name === KIND.MINI_SPEC && (!options.only || options.only(file)) }),
  ]);
  const notes: string[] = [];
  const { documents } = workspace;
  // Evidence of every document up front: one git call for all cited commits, not one per task.
  await workspace.evidence.prepare(documents.filter((d) => d.kind === KIND.TASK_PACKET || d.kind === KIND.CHECKPOINT || d.kind === KIND.TASK_LIST));

  const byTask = new Map<string, CheckedDocument[]>();
  const invalid = new Set<string>();
  for (const document of documents) {
    const key = document.kind ? TASK_KEY[document.kind] : undefined;
    const task = key ? stringField(metadataRecord(document), key) : undefined;
    if (task === undefined) continue;
    if (!TASK_ID.test(task)) {
      invalid.add(task);
      continue;
    }
    let list = byTask.get(task);
    if (!list) byTask.set(task, (list = []));
    list.push(document);
  }
  // The tasks the layout holds (task lists, spec folders, changes...), as the task model reads them.
  const models = await buildTasks({ config: workspace.config, documents, evidence: workspace.evidence });
  const modelSources = new Map<string, string[]>();
  for (const model of models) {
    if (!TASK_ID.test(model.id)) {
      invalid.add(model.id);
      continue;
    }
    modelSources.set(model.id, model.sources);
    if (!byTask.has(model.id)) byTask.set(model.id, []);
  }
  if (invalid.size > 0) notes.push(`Not shown: ${[...invalid].sort().map((id) => `\`${id.replace(/\s+/g, ' ')}\``).join(', ')}, which ${invalid.size === 1 ? 'is not a task id' : 'are not task ids'} (letters, digits, ".", "_" and "-").`);

  const byPath = new Map(documents.map((d) => [d.path, d]));
  const repository = await workspace.git();
  const git = repository ? sharedHistory(repository) : undefined;
  const ids = [...byTask.keys()].sort(naturalOrder);
  const briefs = await Promise.all(
    ids.map((task) => {
      const reads = briefReads(task);
      // The documents `brief` would load for this task (its packets, runs and own checkpoints), in path order.
      const own = byTask.get(task)!.filter((d) => reads({ path: d.path, kind: globKinds.get(d.path)! }));
      // And the files the layout holds the task in (its task lists and the specs its status lives in).
      for (const file of modelSources.get(task) ?? []) {
        const document = byPath.get(file);
        if (document && !own.includes(document)) own.push(document);
      }
      const view: Workspace = { ...workspace, documents: own, git: () => Promise.resolve(git) };
      return briefIn(view, task);
    }),
  );

  const specDocuments = documents.filter((d) => d.kind === KIND.MINI_SPEC);
  const problems = new Map<string, SpecProblem[]>();
  for (const finding of report.findings) {
    if (finding.ruleId !== 'spec-freshness' && finding.ruleId !== 'spec-drift') continue;
    const list = problems.get(finding.file) ?? [];
    list.push({ ruleId: finding.ruleId, severity: finding.severity, line: finding.line, message: finding.message });
    problems.set(finding.file, list);
  }
  const now = workspace.now;
  const tasks: BoardTask[] = [];
  for (const brief of briefs) {
    if (!brief) continue;
    const packet = brief.packet ? byPath.get(brief.packet.file) : undefined;
    const spec = packet ? specPath(stringField(metadataRecord(packet), 'spec')) : undefined;
    const last = lastCheckpoint(brief, now);
    tasks.push({ brief, counts: countItems(brief.criteria), ...(last ? { last_checkpoint: last } : {}), ...(spec ? { spec } : {}), spec_problems: spec ? (problems.get(spec) ?? []) : [] });
  }
  const specs: BoardSpec[] = [...problems.keys()].sort().map((file) => {
    const spec = byPath.get(file);
    const record = spec ? metadataRecord(spec) : {};
    const fields = Object.fromEntries(['id', 'title', 'status', 'last_review'].flatMap((key) => (stringField(record, key) !== undefined ? [[key, stringField(record, key)!]] : [])));
    return { file, ...fields, problems: problems.get(file)!, tasks: tasks.filter((t) => t.spec === file).map((t) => t.brief.task) };
  });
  const listTask = new Map(models.flatMap((model) => model.documents.map((file) => [file, model.id] as const)));
  const taskLists: BoardTaskList[] = documents
    .filter((d) => d.kind === KIND.TASK_LIST)
    .map((d) => {
      const record = metadataRecord(d);
      const title = stringField(record, 'title') ?? d.body().headings[0]?.text;
      const task = listTask.get(d.path);
      return { file: d.path, ...(title ? { title } : {}), ...(task ? { task } : {}), counts: countItems(workspace.evidence.items(d).map((item) => toCriterion(d, item))) };
    });

  const statusCounts = Object.fromEntries(STATUS_ORDER.map((s) => [s, tasks.filter((t) => t.brief.status === s).length])) as Record<TaskStatus, number>;
  const history = tasks[0]?.brief.history;
  if (history?.note) notes.push(history.note);
  for (const note of report.notes ?? []) notes.push(note);
  return {
    version: 1,
    root: workspace.root,
    generated_at: now.toISOString(),
    tasks,
    status_counts: statusCounts,
    specs,
    spec_count: specDocuments.length,
    task_lists: taskLists,
    notes,
  };
}


/** The last current checkpoint of the timeline (the brief's "Last checkpoint"), with its age against `now`. */
export function lastCheckpoint(brief: Brief, now: Date): BoardCheckpoint | undefined {
  const current = brief.timeline.filter((c) => c.state === 'current');
  const last = current[current.length - 1];
  if (!last) return undefined;
  const minutes = Math.floor((now.getTime() - Date.parse(last.created)) / 60_000);
  return Number.isNaN(minutes) || minutes < 0 ? { ...last } : { ...last, age_minutes: minutes };
}

/** A packet's `spec:` as a repo-relative POSIX path (a leading `/` or `./` dropped). */
function specPath(spec: string | undefined): string | undefined {
  if (!spec) return undefined;
  const normal = path.posix.normalize(spec.replace(/\\/g, '/')).replace(/^\/+/, '');
  return normal.startsWith('../') || normal === '..' ? undefined : normal;
}

/** Orders ids as people count: `2` before `10`, `0001` before `0002`. */
export function naturalOrder(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true }) || (a < b ? -1 : a > b ? 1 : 0);
}

