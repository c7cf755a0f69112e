/** `brief()`: gather → derive → the brief of one task, for an agent that takes it over. */
import { checkpointFolder } from '../checkpoint/create-checkpoint.js';
import { openWorkspace, type WorkspaceOptions } from '../check/workspace.js';
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
}

/**
 * Computes the brief of a task.
 * @returns the brief, or `undefined` when nothing in the repository or its history mentions the task
 * @throws SpecguardError `USAGE` for a task id that could be read as an option, a revision range or a path
 *   (see {@link assertTaskId}), or for options `check()` also rejects; `CONFIG`, `SCHEMA` as `check()`
 */
export async function brief(options: BriefOptions): Promise<Brief | undefined> {
  const task = assertTaskId(options.task);
  // A brief reads packets, run manifests, and the checkpoints in the task's own folder (seed 000's layout,
  // state/checkpoints/<id>/), not the rest of the repository.
  const workspace = await openWorkspace({
    ...options,
    only: (file) =>
      file.kind.name === KIND.TASK_PACKET || file.kind.name === KIND.RUN_MANIFEST || (file.kind.name === KIND.CHECKPOINT && file.path.startsWith(`${checkpointFolder(file.kind, task)}/`)),
  });
  const gathered = await gatherTask(workspace, task);
  if (!gathered.packet && gathered.checkpoints.length === 0 && gathered.runs.length === 0 && gathered.commits.length === 0) return undefined;
  const derived = deriveTask(gathered, workspace.now, workspace.config.stallDays);
  const packetRecord = gathered.packet ? metadataRecord(gathered.packet) : {};
  const title = stringField(packetRecord, 'title');
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
    contradictions: derived.contradictions,
    criteria: gathered.criteria,
    timeline: gathered.checkpoints.map((c) => c.entry),
    runs: gathered.runs,
    commits: gathered.commits,
    history: gathered.history,
  };
}
