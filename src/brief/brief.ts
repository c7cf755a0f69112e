/** `brief()`: gather → derive → the brief of one task, for an agent that takes it over. */
import { checkpointFolder } from '../checkpoint/create-checkpoint.js';
import type { DiscoveredFile } from '../check/discover.js';
import { loadWorkspace, openReader, type Workspace, type WorkspaceOptions } from '../check/workspace.js';
import { KIND } from '../kinds/kind.js';
import { metadataRecord, stringField } from '../document/source-document.js';
import type { Brief } from './brief-model.js';
import { deriveTask } from './derive.js';
import { gatherTask, startTaskHistory } from './gather.js';
import path from 'node:path';
import { findConfigFile, loadConfig } from '../config/load-config.js';
import { packageFolders } from '../check/packages.js';
import { SpecguardError } from '../errors.js';
import { RepoPaths } from '../fs/repo-paths.js';
import { openRepository } from '../git/repository.js';
import { SchemaRegistry } from '../validate/schema-registry.js';
import { briefUnderFolder } from './package-paths.js';
import { assertTaskId } from './task-id.js';

/** Options of {@link brief}. */
export interface BriefOptions extends WorkspaceOptions {
  /** The task id, as in packets' `task:`, checkpoints' folders and `Task:` commit trailers. */
  task: string;
  /** Told which step the brief is at ("reading git history"), for a progress line; a step may take a while. */
  onProgress?: (step: string) => void;
}

/**
 * Computes the brief of a task.
 * @returns the brief, or `undefined` when nothing in the repository or its history mentions the task
 * @throws SpecguardError `USAGE` for a task id that could be read as an option, a revision range or a path
 *   (see {@link assertTaskId}), or for options `check()` also rejects; `CONFIG`, `SCHEMA` as `check()`
 */
export async function brief(options: BriefOptions): Promise<Brief | undefined> {
  // In a monorepo, a task lives in the top folder or in one package (a folder with a config of its own); a task
  // id two places use is named with its package: `packages/api:0001`.
  const qualified = /^(.+):([^:]*)$/.exec(options.task);
  // The id is checked before anything runs git (a package part is checked against the packages found).
  assertTaskId(qualified ? qualified[2]! : options.task);
  const packageNamed = qualified ? RepoPaths.normalize(qualified[1]!) : undefined;
  if (qualified && (packageNamed === undefined || packageNamed === '.' || !/^[\w./-]+$/.test(packageNamed))) {
    throw new SpecguardError('USAGE', `--task: \`${qualified[1]!.replace(/[\r\n]/g, ' ')}\` is not a package folder (a relative path inside the repository)`);
  }
  const root = path.resolve(options.root ?? process.cwd());
  const ownConfig = options.configFile ? path.resolve(root, options.configFile) : findConfigFile(root);
  const ignore = ownConfig ? loadConfig(root, new SchemaRegistry(root), options.configFile, options.inheritConfigFrom).ignore : [];
  const git = options.config || options.fs ? undefined : openRepository(root);
  const folders = git ? await packageFolders(root, await git, ignore) : [];
  if (qualified) {
    const folder = packageNamed!;
    if (!folders.includes(folder)) {
      throw new SpecguardError('USAGE', `--task: \`${qualified[1]!.replace(/[\r\n]/g, ' ')}\` is not a package of this repository (a folder with a specguard config of its own)${folders.length > 0 ? `; packages: ${folders.join(', ')}` : ''}`);
    }
    return briefInPackage(root, folder, ownConfig, { ...options, task: qualified[2]! });
  }
  if (folders.length === 0) return briefFolder({ ...options, ...(git ? { git } : {}) });
  const found: Array<{ folder: string | undefined; brief: Brief }> = [];
  const top = await briefFolder({ ...options, ...(git ? { git } : {}), excludeFolders: [...(options.excludeFolders ?? []), ...folders] });
  if (top) found.push({ folder: undefined, brief: top });
  for (const folder of folders) {
    const inner = await briefInPackage(root, folder, ownConfig, options);
    if (inner) found.push({ folder, brief: inner });
  }
  if (found.length > 1) {
    const names = found.map((f) => (f.folder ? `${f.folder}:${options.task}` : `${options.task} (the top folder)`));
    throw new SpecguardError('USAGE', `--task: \`${options.task}\` names a task in ${found.length} places: ${names.join(', ')}; name the package, e.g. --task ${found.find((f) => f.folder)!.folder}:${options.task}`);
  }
  return found[0]?.brief;
}

/** The brief of a task in one package folder, under the package's config (which inherits the top's). */
async function briefInPackage(root: string, folder: string, ownConfig: string | undefined, options: BriefOptions): Promise<Brief | undefined> {
  const { configFile: _configFile, excludeFolders: _excluded, git: _git, ...shared } = options;
  const inherit = [...(options.inheritConfigFrom ?? []), ...(ownConfig ? [ownConfig] : [])];
  const inner = await brief({ ...shared, root: path.join(root, ...folder.split('/')), inheritConfigFrom: inherit });
  return inner && briefUnderFolder(inner, folder);
}

/** The brief of a task in one folder (its packages left out). */
async function briefFolder(options: BriefOptions): Promise<Brief | undefined> {
  const task = assertTaskId(options.task);
  options.onProgress?.('reading packets, checkpoints and run manifests');
  // A packet or run manifest of the task names its id (`task:`, `task_id:`), so one that never spells it is not
  // parsed; a task list or feature spec holds it in its path (a folder or file name) or its text. A layout whose
  // status lives beside the task list (spec-kit's spec.md) keeps its folder's specs too.
  const lower = task.toLowerCase();
  const admit = (file: DiscoveredFile, bytes: Buffer): boolean =>
    file.kind.name === KIND.CHECKPOINT ||
    bytes.includes(task) ||
    ((file.kind.name === KIND.TASK_LIST || file.kind.name === KIND.FEATURE_SPEC) && (file.path.toLowerCase().includes(lower) || bytes.toString('utf8').toLowerCase().includes(lower)));
  const opening = { ...options, only: (file: DiscoveredFile) => briefReads(task)(file) && (!options.only || options.only(file)), admit };
  const reader = await openReader(opening);
  // git reads the task's history while its documents load (the folders of its checkpoints are known from their paths).
  const checkpointFolders = reader.files.filter((file) => file.kind.name === KIND.CHECKPOINT).map((file) => path.posix.dirname(file.path));
  const history = startTaskHistory(reader, task, checkpointFolders);
  history.catch(() => undefined); // awaited in gatherTask, where a failure is thrown
  return briefIn(await loadWorkspace(reader, opening), task, options.onProgress, history);
}

/**
 * The files a brief of `task` reads: packets, run manifests, task lists and feature specs (where a layout
 * keeps a task's criteria and status), and the checkpoints in the task's own folder (seed 000's layout,
 * state/checkpoints/<id>/), not the rest of the repository.
 * @param task - a validated task id
 * @returns a filter of discovered files (by the kind their path gives them)
 */
export function briefReads(task: string): (file: DiscoveredFile) => boolean {
  return (file) =>
    file.kind.name === KIND.TASK_PACKET ||
    file.kind.name === KIND.RUN_MANIFEST ||
    file.kind.name === KIND.TASK_LIST ||
    file.kind.name === KIND.FEATURE_SPEC ||
    (file.kind.name === KIND.CHECKPOINT && file.path.startsWith(`${checkpointFolder(file.kind, task)}/`));
}

/**
 * Computes the brief of a task in an opened workspace whose documents are those {@link briefReads} accepts
 * (documents of other tasks may be there too: they are ignored; a checkpoint of the task outside its folder is not).
 * @param task - a validated task id (see {@link assertTaskId})
 * @param onProgress - told which step the brief is at
 * @param history - the task's history, already being read ({@link startTaskHistory}); read here otherwise
 * @returns the brief, or `undefined` when nothing in the workspace or its history mentions the task
 */
export async function briefIn(workspace: Workspace, task: string, onProgress?: (step: string) => void, history?: ReturnType<typeof startTaskHistory>): Promise<Brief | undefined> {
  const gathered = await gatherTask(workspace, task, onProgress, history);
  if (!gathered.packet && !gathered.model && gathered.checkpoints.length === 0 && gathered.runs.length === 0 && gathered.commits.length === 0) return undefined;
  const derived = deriveTask(gathered, workspace.now, workspace.config.stallDays);
  const packetRecord = gathered.packet ? metadataRecord(gathered.packet) : {};
  const model = gathered.model;
  const title = stringField(packetRecord, 'title') ?? model?.title;
  const agent = stringField(packetRecord, 'agent');
  const created = stringField(packetRecord, 'created');
  return {
    version: 1,
    task,
    ...(title ? { title } : {}),
    generated_at: workspace.now.toISOString(),
    status: derived.status,
    status_reason: derived.status_reason,
    ...(derived.next_step ? { next_step: derived.next_step } : {}),
    ...(gathered.packet ? { packet: { file: gathered.packet.path, line: 1, ...(title ? { title } : {}), ...(agent ? { agent } : {}), ...(created ? { created } : {}) } } : {}),
    ...(model
      ? {
          layout: {
            preset: model.preset,
            files: model.sources,
            ...(model.status
              ? { declared_status: { value: model.status.value, category: model.status.category, file: model.status.file, line: model.status.line, column: model.status.column } }
              : {}),
            evidence_required: model.evidenceRequired,
          },
        }
      : {}),
    contradictions: derived.contradictions,
    criteria: gathered.criteria,
    timeline: gathered.checkpoints.map((c) => c.entry),
    runs: gathered.runs,
    commits: gathered.commits,
    history: gathered.history,
  };
}
