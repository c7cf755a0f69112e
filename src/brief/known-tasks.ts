/**
 * Which tasks a repository names, read the way `brief` reads a task: task
 * packets and checkpoints by their `task:`, run manifests by their `task_id`,
 * task lists by their `task:` or else the number in their file name
 * (`tasks/tasks-0001-foo.md` names task 0001), and commits by the config's
 * commit patterns. `checkpoint create` refuses a task that nothing names.
 */
import path from 'node:path';
import { distance } from 'fastest-levenshtein';
import type { CheckedDocument } from '../check/checked-document.js';
import type { DiscoveredFile } from '../check/discover.js';
import { openWorkspace, type WorkspaceOptions } from '../check/workspace.js';
import { metadataRecord, stringField } from '../document/source-document.js';
import { KIND } from '../kinds/kind.js';
import { mentionsTask } from '../tasks/commit-mentions.js';
import { mentionPatterns, TASK_ID } from './task-id.js';

/** The kinds of document that name a task. */
export const TASK_KINDS: ReadonlySet<string> = new Set([KIND.TASK_PACKET, KIND.TASK_LIST, KIND.CHECKPOINT, KIND.RUN_MANIFEST]);

/** A task list's file name that carries its task's number: `tasks-0001.md`, `tasks-0001-codex-orchestrator.md`. */
const TASK_LIST_NAME = /^tasks-(\d+)(?=[-_.])/;

/**
 * The task a document names, as written (not checked against {@link TASK_ID}).
 * @returns the id, or `undefined` for a document of another kind or one that names no task
 */
export function taskOf(document: CheckedDocument): string | undefined {
  const record = metadataRecord(document);
  switch (document.kind) {
    case KIND.TASK_PACKET:
    case KIND.CHECKPOINT:
      return stringField(record, 'task');
    case KIND.RUN_MANIFEST:
      return stringField(record, 'task_id');
    case KIND.TASK_LIST:
      return stringField(record, 'task') ?? TASK_LIST_NAME.exec(path.posix.basename(document.path))?.[1];
    default:
      return undefined;
  }
}

/** The discovered files of the kinds that name tasks (and that `options.only`, if any, accepts). */
function taskFiles(options: WorkspaceOptions): (file: DiscoveredFile) => boolean {
  return (file) => TASK_KINDS.has(file.kind.name) && (!options.only || options.only(file));
}

/**
 * Whether anything in the repository names a task: a document of {@link TASK_KINDS} (see {@link taskOf}) or a
 * commit on a local branch that mentions it. Only files whose path or text holds the id are parsed.
 * @param task - a validated task id
 * @throws SpecguardError `USAGE`, `CONFIG`, `SCHEMA` as `check()`
 */
export async function taskIsNamed(options: WorkspaceOptions, task: string): Promise<boolean> {
  const workspace = await openWorkspace({ ...options, only: taskFiles(options), admit: (file, bytes) => file.path.includes(task) || bytes.includes(task) });
  if (workspace.documents.some((d) => taskOf(d) === task)) return true;
  const git = await workspace.git();
  const patterns = mentionPatterns(workspace.config.commitPatterns, task);
  return git !== undefined && (await git.log({ grep: patterns })).some((c) => mentionsTask(c.message, patterns));
}

/**
 * Every task id that a document of the repository names (see {@link taskOf}), valid ids only, in natural order.
 * Commits are left out: their patterns (`#{id}`) take pull request and issue numbers too.
 * @throws SpecguardError `USAGE`, `CONFIG`, `SCHEMA` as `check()`
 */
export async function namedTasks(options: WorkspaceOptions): Promise<string[]> {
  const workspace = await openWorkspace({ ...options, only: taskFiles(options) });
  const ids = new Set<string>();
  for (const document of workspace.documents) {
    const task = taskOf(document);
    if (task !== undefined && TASK_ID.test(task)) ids.add(task);
  }
  return [...ids].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The known ids closest to a mistyped one: at most three, each within a third of its length in edits (at least
 * one), nearest first.
 */
export function closeTaskIds(task: string, known: readonly string[]): string[] {
  const limit = Math.max(1, Math.floor(task.length / 3));
  return known
    .filter((id) => id !== task)
    .map((id) => ({ id, edits: distance(task, id) }))
    .filter((c) => c.edits <= limit)
    .sort((a, b) => a.edits - b.edits)
    .slice(0, 3)
    .map((c) => c.id);
}
