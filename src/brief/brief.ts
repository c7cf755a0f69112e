/** `brief()`: gather → derive → the brief of one task, for an agent that takes it over. */
import { checkpointFolder } from '../checkpoint/create-checkpoint.js';
import type { DiscoveredFile } from '../check/discover.js';
import { openWorkspace, type Workspace, type WorkspaceOptions } from '../check/workspace.js';
import { KIND } from '../kinds/kind.js';
import { metadataRecord, stringField } from '../document/source-document.js';
import type { Brief } from './brief-model.js';
import { deriveTask } from './derive.js';
import { gatherTask } from './gather.js';
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
  const workspace = await openWorkspace({ ...options, only: briefReads(task), admit });
  return briefIn(workspace, task, options.onProgress);
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
 * @returns the brief, or `undefined` when nothing in the workspace or its history mentions the task
 */
export async function briefIn(workspace: Workspace, task: string, onProgress?: (step: string) => void): Promise<Brief | undefined> {
  const gathered = await gatherTask(workspace, task, onProgress);
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
