/**
 * Gather step of `brief`: the task's packet and acceptance criteria with their
 * evidence, its checkpoints (current, and earlier versions recovered from git
 * history), its run manifests, and the commits that mention it.
 */
import path from 'node:path';
import type { CheckedDocument } from '../check/checked-document.js';
import { makeDocument } from '../check/load.js';
import type { Workspace } from '../check/workspace.js';
import type { ResolvedConfig } from '../config/config.js';
import { metadataRecord, stringField, type SourceDocument } from '../document/source-document.js';
import type { ItemEvidence } from '../evidence/analyze.js';
import { ownVerdict } from '../evidence/item-verdicts.js';
import type { CommitRecord } from '../git/log.js';
import type { GitRepository, HistoryInfo } from '../git/repository.js';
import { KIND } from '../kinds/kind.js';
import type { Brief, BriefCheckpoint, BriefCommit, BriefCriterion, BriefEvidence, BriefPlace, BriefRun } from './brief-model.js';
import { buildTasks } from '../tasks/build-tasks.js';
import { mentionMatcher, mentionsTask } from '../tasks/commit-mentions.js';
import { citedEvidence, type CitedEvidence, type TaskCriterion, type TaskRecord } from '../tasks/task-model.js';
import { taskOf } from './known-tasks.js';
import { mentionPatterns } from './task-id.js';
import { wordRunStart } from '../strings.js';
import { shortSha } from '../git/short-sha.js';

/** A checkpoint with the place of its "done" claim, if it makes one. */
export interface GatheredCheckpoint {
  entry: BriefCheckpoint;
  /** Where the checkpoint claims the task is done or verified, and the words it uses. */
  claim?: BriefPlace & { words: string };
}

/** Everything known about a task, before anything is derived. */
export interface Gathered {
  task: string;
  packet?: CheckedDocument;
  /** The task as its layout holds it (a task list, a spec-kit folder, an OpenSpec change...), if one does. */
  model?: TaskRecord;
  criteria: BriefCriterion[];
  /** Ticked items (in the packet and in checkpoints) whose evidence is missing or failed. */
  failedEvidence: Array<BriefPlace & { text: string; cited: string; message: string }>;
  /** Oldest first. */
  checkpoints: GatheredCheckpoint[];
  runs: BriefRun[];
  commits: BriefCommit[];
  history: Brief['history'];
}

/** Words by which a checkpoint claims a task is finished (seed 000: "verified-then-closed"). */
const CLAIM = /(?<![\w-])(?:verified|closed|completed?|finished|resolved)(?![\w])/i;
const NEGATED = /\b(?:not|never|un|isn't|wasn't|no longer)[\s-]*$/i;

/**
 * Gathers what the repository knows about a task.
 * @param task - a validated task id
 * @param onProgress - told which step it is at (verifying evidence, reading git history, reading checkpoint versions)
 * @param started - the task's history, if the caller started reading it ({@link startTaskHistory}) before the
 *   workspace loaded; read here otherwise
 */
export async function gatherTask(
  workspace: Workspace,
  task: string,
  onProgress?: (step: string) => void,
  started?: ReturnType<typeof startTaskHistory>,
): Promise<Gathered> {
  const ofTask = (kind: string): CheckedDocument[] => workspace.documents.filter((d) => d.kind === kind && taskOf(d) === task);
  const packets = ofTask(KIND.TASK_PACKET);
  const packet = packets[0];
  const currentCheckpoints = ofTask(KIND.CHECKPOINT);
  const manifests = ofTask(KIND.RUN_MANIFEST);
  // git reads the history while the evidence and the task model are worked out here.
  const reading = started ?? startTaskHistory(workspace, task, currentCheckpoints.map((d) => path.posix.dirname(d.path)));
  reading.catch(() => undefined); // awaited below, where a failure is thrown; not an unhandled rejection meanwhile

  const criteria: BriefCriterion[] = [];
  const failedEvidence: Gathered['failedEvidence'] = [];
  onProgress?.('verifying the evidence of ticked boxes');
  await workspace.evidence.prepare([...packets, ...currentCheckpoints]);
  if (packet) {
    const items = workspace.evidence.items(packet);
    const section = acceptanceSection(packet);
    for (const item of items) {
      const start = item.item.start;
      if (section && (start < section.start || start >= section.end)) continue;
      criteria.push(toCriterion(packet, item));
    }
  }
  // The task as its layout holds it: the criteria of its task lists (after the packet's), grouped under their parents.
  const model = await taskModel(workspace, task);
  if (model) {
    const offset = criteria.length;
    for (const criterion of model.criteria) criteria.push(fromModel(criterion, offset));
    for (const criterion of model.criteria) {
      for (const e of criterion.evidence) {
        if (!criterion.checked || (e.status !== 'missing' && e.status !== 'outside' && e.status !== 'failed')) continue;
        failedEvidence.push({ file: criterion.file, line: criterion.line, column: criterion.column, text: criterion.text, cited: e.cited, message: e.message ?? '' });
      }
    }
  }
  for (const document of [...packets, ...currentCheckpoints]) {
    for (const item of workspace.evidence.items(document)) {
      if (!item.item.checked) continue;
      for (const { citation, verdict } of item.citations) {
        if (verdict.status !== 'missing' && verdict.status !== 'outside' && verdict.status !== 'failed') continue;
        const place = document.lines.place(citation.range.start);
        failedEvidence.push({ file: document.path, line: place.line, column: place.column, text: itemText(item), cited: citation.raw, message: verdict.message });
      }
    }
  }

  const checkpoints: GatheredCheckpoint[] = currentCheckpoints.map((d) => readCheckpoint(d, 'current'));
  onProgress?.('reading git history');
  const history = await reading;
  const git = await workspace.git();
  let commits: BriefCommit[] = [];
  let historyInfo: Brief['history'];
  if (!git || !history) {
    historyInfo = { available: false, shallow: false, note: git ? 'The repository has no commits yet: there is no history to read.' : 'Not a git repository (or git is not installed): commits and earlier checkpoint versions are unavailable.' };
  } else {
    const { mentions, touching, info } = history;
    commits = mentions.map(toBriefCommit);
    const fromTop = (p: string): string => (history.prefix && p.startsWith(`${history.prefix}/`) ? p.slice(history.prefix.length + 1) : p);
    const localLog = touching.map((c) => ({ ...c, files: c.files.map((f) => ({ ...f, path: fromTop(f.path) })) }));
    const { recovered, renamedFrom } = await recoverCheckpoints(git, localLog, currentCheckpoints, workspace.root, onProgress);
    checkpoints.push(...recovered);
    for (const checkpoint of checkpoints) {
      const from = renamedFrom.get(checkpoint.entry.file);
      if (from !== undefined) checkpoint.entry.renamed_from = from;
    }
    const nested = history.prefix ? ` The checked folder \`${history.prefix}\` lies inside a larger repository; commits and earlier checkpoints are read from that repository's history.` : '';
    historyInfo = info.shallow
      ? {
          available: true,
          shallow: true,
          commits: info.commits,
          ...(info.oldest ? { oldest: info.oldest } : {}),
          note: `Shallow clone: the history holds ${info.commits} commit${info.commits === 1 ? '' : 's'}${info.oldest ? ` back to ${info.oldest}` : ''}; older commits and checkpoint versions are not visible (fetch with --unshallow to see them).${nested}`,
        }
      : { available: true, shallow: false, commits: info.commits, ...(nested ? { note: nested.trim() } : {}) };
  }
  // Oldest first; of two versions of one file with the same date, the earlier (recovered) one first.
  const order = { deleted: 0, rewritten: 0, current: 1 } as const;
  checkpoints.sort((a, b) => time(a.entry.created) - time(b.entry.created) || a.entry.file.localeCompare(b.entry.file) || order[a.entry.state] - order[b.entry.state]);
  const runs = manifests.map((d) => toRun(d, workspace.now, workspace.config.heartbeatStaleMinutes)).sort((a, b) => (a.started_at ?? '').localeCompare(b.started_at ?? ''));
  return { task, ...(packet ? { packet } : {}), ...(model ? { model } : {}), criteria, failedEvidence, checkpoints, runs, commits, history: historyInfo };
}

/** What {@link readTaskHistory} found. */
export interface TaskHistory {
  /** The commits that mention the task, newest first, with every file each touched. */
  mentions: CommitRecord[];
  /** The commits that touched its checkpoint folders, newest first, with the files they touched there. */
  touching: CommitRecord[];
  info: HistoryInfo;
}

/**
 * Starts reading a task's history from git, to be awaited later (git reads while the caller works).
 * @param opened - the repository's root, config and git (a workspace, or a reader before its documents load)
 * @param folders - the folders of the task's current checkpoints, relative to `opened.root`; the task's
 *   `state/checkpoints/<task>/` (seed 000) is read besides
 * @returns `undefined` outside git or in a repository without commits; `prefix` is the checked folder from the
 *   top of the work tree (git speaks in paths from there, which may lie above the checked folder)
 */
export async function startTaskHistory(
  opened: { root: string; config: ResolvedConfig; git(): Promise<GitRepository | undefined> },
  task: string,
  folders: readonly string[],
): Promise<(TaskHistory & { prefix: string }) | undefined> {
  const git = await opened.git();
  if (!git) return undefined;
  const prefix = path.relative(git.topLevel, opened.root).split(path.sep).join('/');
  const toTop = (p: string): string => (prefix ? `${prefix}/${p}` : p);
  const paths = [...new Set([`state/checkpoints/${task}/`, ...folders.map((folder) => `${folder}/`)])].map(toTop);
  // git starts on the history while HEAD is read: a repository without commits has no history to read.
  const reading = readTaskHistory(git, mentionPatterns(opened.config.commitPatterns, task), paths);
  if (!(await git.head())) {
    reading.catch(() => undefined);
    return undefined;
  }
  return { ...(await reading), prefix };
}

/**
 * A task's history with one pass over the commits (see {@link GitRepository.walkHistory}): the commits that
 * mention it (with every file they touched), those that touched its checkpoint folders (with those files), and
 * how long the history is. A commit pattern that JavaScript cannot read as git does is left to `git log --grep`,
 * in a second process beside the pass.
 * @param patterns - the task's commit patterns (POSIX ERE), see `mentionPatterns`
 * @param folders - the task's checkpoint folders, relative to the top level, each ending in `/`
 */
export async function readTaskHistory(
  git: GitRepository,
  patterns: readonly string[],
  folders: readonly string[],
): Promise<TaskHistory> {
  const mentioned = mentionMatcher(patterns);
  const [walk, grepped, shallow] = await Promise.all([
    git.walkHistory({ paths: folders, keep: (message, touches) => touches || (mentioned.exact && mentioned(message)) }),
    mentioned.exact ? undefined : git.log({ grep: patterns }),
    git.isShallow(),
  ]);
  // The mentioning commits' files, all of them (the pass listed only those in the folders): a few commits, one call.
  const mentionShas = mentioned.exact ? walk.kept.filter((c) => mentioned(c.message)).map((c) => c.sha) : [];
  const mentions = grepped ? grepped.filter((c) => mentionsTask(c.message, patterns)) : await git.log({ commits: mentionShas });
  const touching = walk.kept.filter((c) => c.files.length > 0);
  const info = shallow ? await git.history() : { shallow: false, commits: walk.reachableFromHead };
  return { mentions, touching, info };
}

/**
 * The task as the layout holds it, from the workspace's documents (the same task model `check`'s
 * status-contradiction and the board read): the one whose id is `task`, else the one whose id differs only
 * in case (Backlog.md's `BACK-7` asked for as `back-7`).
 */
export async function taskModel(workspace: Workspace, task: string): Promise<TaskRecord | undefined> {
  if (workspace.config.tasks.length === 0) return undefined;
  const tasks = await buildTasks({ config: workspace.config, documents: workspace.documents, evidence: workspace.evidence });
  return tasks.find((t) => t.id === task) ?? tasks.find((t) => t.id.toLowerCase() === task.toLowerCase());
}

/** A task model criterion as a brief criterion (its verdict in the brief's words; `parent` shifted past the packet's). */
function fromModel(criterion: TaskCriterion, offset: number): BriefCriterion {
  const state: BriefCriterion['state'] = criterion.verdict === 'proven' ? 'verified' : criterion.verdict === 'unproven' ? 'claimed' : criterion.verdict;
  const evidence = criterion.evidence.map(briefEvidence);
  return {
    file: criterion.file,
    line: criterion.line,
    column: criterion.column,
    text: criterion.text,
    checked: criterion.checked,
    state,
    evidence,
    ...(criterion.parent !== undefined ? { parent: offset + criterion.parent } : {}),
    ...(criterion.deferred ? { deferred: true as const } : {}),
    ...(criterion.group.length > 0 ? { group: criterion.group } : {}),
  };
}

function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

/** The offsets spanned by the packet's "Acceptance criteria" section, if it has one. */
function acceptanceSection(packet: SourceDocument): { start: number; end: number } | undefined {
  const headings = packet.body().headings;
  const index = headings.findIndex((h) => h.text.replace(/:$/, '').toLowerCase() === 'acceptance criteria');
  if (index === -1) return undefined;
  const heading = headings[index]!;
  const next = headings.slice(index + 1).find((h) => h.depth <= heading.depth);
  return { start: heading.end, end: next?.start ?? packet.text.length };
}

function itemText(item: ItemEvidence): string {
  return item.item.text;
}

/** An item of a document as a criterion: its place, text, checkbox, evidence and what that evidence proves. */
export function toCriterion(packet: CheckedDocument, item: ItemEvidence): BriefCriterion {
  const place = packet.lines.place(item.item.checkbox);
  const evidence = item.citations.map((cited) => briefEvidence(citedEvidence(cited)));
  const verdict = ownVerdict(item);
  const state: BriefCriterion['state'] = verdict === 'proven' ? 'verified' : verdict === 'unproven' ? 'claimed' : verdict;
  return { file: packet.path, line: place.line, column: place.column, text: itemText(item), checked: item.item.checked, state, evidence };
}

/** The task model's evidence in the brief's words. */
function briefEvidence(e: CitedEvidence): BriefEvidence {
  return {
    cited: e.cited,
    status: e.status,
    ...(e.status !== 'ok' && e.message ? { message: e.message } : {}),
    ...(e.movedTo !== undefined ? { moved_to: e.movedTo } : {}),
    ...(e.by !== undefined ? { commit: e.by } : {}),
  };
}

/** Reads a checkpoint's frontmatter, and finds where (if anywhere) it claims the task is done. */
function readCheckpoint(document: SourceDocument, state: BriefCheckpoint['state'], replacedBy?: string): GatheredCheckpoint {
  const record = metadataRecord(document);
  const nextSteps = Array.isArray(record.next_steps) ? record.next_steps.filter((s): s is string => typeof s === 'string') : [];
  const head = stringField(record, 'head');
  const entry: BriefCheckpoint = {
    file: document.path,
    created: stringField(record, 'created') ?? '',
    checkpoint_kind: stringField(record, 'checkpoint_kind') ?? 'unknown',
    agent: stringField(record, 'agent') ?? 'unknown',
    summary: stringField(record, 'summary') ?? '',
    next_steps: nextSteps,
    ...(head ? { head } : {}),
    state,
    ...(replacedBy ? { replaced_by: replacedBy } : {}),
  };
  const claim = findClaim(document, entry);
  return claim ? { entry, claim } : { entry };
}

function findClaim(document: SourceDocument, entry: BriefCheckpoint): GatheredCheckpoint['claim'] {
  const place = (offset: number): BriefPlace => {
    const p = document.lines.place(offset);
    return { file: document.path, line: p.line, column: p.column };
  };
  // The summary, then the body's prose (not list items: task items answer for themselves through their
  // evidence, and lists of commits quote other people's words), then the checkpoint's kind itself.
  const summaryAt = document.metadata?.locate(['summary'])?.value;
  if (summaryAt) {
    const found = claimIn(document.text.slice(summaryAt.start, summaryAt.end));
    if (found) return { ...place(summaryAt.start + found.index), words: found.words };
  }
  const bodyStart = document.frontmatter?.bodyOffset ?? 0;
  let offset = bodyStart;
  let fenced = false;
  for (const line of document.text.slice(bodyStart).split(/(?<=\n)/)) {
    if (/^\s*(?:```|~~~)/.test(line)) fenced = !fenced;
    if (!fenced && !/^\s*(?:[-*+]|\d+[.)])\s/.test(line) && !/^\s{4}/.test(line)) {
      const found = claimIn(line);
      if (found) return { ...place(offset + found.index), words: found.words };
    }
    offset += line.length;
  }
  if (entry.checkpoint_kind === 'done') {
    const at = document.metadata?.locate(['checkpoint_kind'])?.value.start ?? 0;
    return { ...place(at), words: 'checkpoint_kind: done' };
  }
  return undefined;
}

function claimIn(text: string): { index: number; words: string } | undefined {
  const match = CLAIM.exec(text);
  if (!match || NEGATED.test(text.slice(0, match.index))) return undefined;
  // Quote the whole hyphenated phrase ("verified-then-closed"), not just the word.
  const start = wordRunStart(text, match.index);
  const end = match.index + match[0].length + (text.slice(match.index + match[0].length).match(/^[\w-]*/)?.[0].length ?? 0);
  return { index: match.index, words: text.slice(start, end) };
}

/** Earlier versions of the task's checkpoints: rewritten or deleted files, from git history. */
async function recoverCheckpoints(
  git: GitRepository,
  log: readonly CommitRecord[],
  current: readonly CheckedDocument[],
  root: string,
  onProgress?: (step: string) => void,
): Promise<{ recovered: GatheredCheckpoint[]; renamedFrom: Map<string, string> }> {
  const currentText = new Map(current.map((d) => [d.path, d.text]));
  // A file deleted and added with the same blob in one commit was renamed: one timeline entry, "renamed from".
  // Oldest commit first, so a chain a → b → c ends with c renamed from a.
  const renamedFrom = new Map<string, string>();
  const renamed = new Set<string>();
  for (const commit of [...log].reverse()) {
    const added = new Map(commit.files.filter((f) => f.status === 'A').map((f) => [f.newBlob, f.path]));
    for (const file of commit.files) {
      const to = file.status === 'D' ? added.get(file.oldBlob) : undefined;
      if (to === undefined) continue;
      renamed.add(`${commit.sha}\0${file.path}`);
      renamedFrom.set(to, renamedFrom.get(file.path) ?? file.path);
      renamedFrom.delete(file.path);
    }
  }
  // Each blob a checkpoint path ever held, with the commit (newer than it) that replaced it.
  const versions = new Map<string, { path: string; replacedBy?: string; deleted: boolean }>();
  for (const commit of log) {
    for (const file of commit.files) {
      if (!file.path.endsWith('.md') || renamed.has(`${commit.sha}\0${file.path}`)) continue;
      if (file.status === 'M' || file.status === 'D') {
        const known = versions.get(file.oldBlob);
        if (!known || !known.replacedBy) versions.set(file.oldBlob, { path: file.path, replacedBy: commit.sha, deleted: file.status === 'D' });
      }
      if ((file.status === 'A' || file.status === 'M') && !versions.has(file.newBlob)) versions.set(file.newBlob, { path: file.path, deleted: false });
    }
  }
  if (versions.size > 0) onProgress?.(`reading ${versions.size.toLocaleString('en-US')} checkpoint version${versions.size === 1 ? '' : 's'}`);
  const blobs = await git.readBlobs([...versions.keys()]);
  const recovered: GatheredCheckpoint[] = [];
  for (const [blob, version] of versions) {
    const text = blobs.get(blob);
    if (text === undefined || currentText.get(version.path) === text) continue;
    if (!version.replacedBy && currentText.has(version.path)) continue; // committed, then edited in the work tree: the current file stands for it
    const document = makeDocument(version.path, path.join(root, version.path), 'markdown', text.replace(/^\uFEFF/, ''));
    if (stringField(metadataRecord(document), 'checkpoint_kind') === undefined) continue;
    const state = currentText.has(version.path) ? 'rewritten' : 'deleted';
    recovered.push(readCheckpoint(document, state, (version.replacedBy === undefined ? undefined : shortSha(version.replacedBy))));
  }
  return { recovered, renamedFrom };
}

function toBriefCommit(commit: CommitRecord): BriefCommit {
  return { sha: commit.sha, date: commit.date, author: commit.author, subject: commit.subject, files: commit.files.map((f) => f.path) };
}

function toRun(document: CheckedDocument, now: Date, staleMinutes: number): BriefRun {
  const record = metadataRecord(document);
  const field = (key: string): string | undefined => stringField(record, key);
  const run: BriefRun = { file: document.path, run_id: field('run_id') ?? path.posix.basename(path.posix.dirname(document.path)), status: field('status') ?? 'unknown' };
  for (const key of ['started_at', 'finished_at', 'heartbeat_at'] as const) {
    const value = field(key);
    if (value) run[key] = value;
  }
  if (run.status === 'running') {
    const since = Date.parse(run.heartbeat_at ?? run.started_at ?? '');
    if (!Number.isNaN(since)) {
      run.heartbeat_age_minutes = Math.max(0, Math.floor((now.getTime() - since) / 60_000));
      run.stale = run.heartbeat_age_minutes > staleMinutes;
    }
  }
  return run;
}
