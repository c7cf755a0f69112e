/**
 * `checkpoint create`: writes a new checkpoint from the template, filled from
 * the arguments and from git (branch, head, and with `--from-git` what changed
 * since the previous checkpoint), validates it, and writes it atomically
 * without ever replacing an existing file. It refuses a task that nothing in
 * the repository names (unless told it is a new one), and a checkpoint
 * without a summary: no filler text is written in place of one.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { makeDocument } from '../check/load.js';
import { validateDocument } from '../check/validate.js';
import type { WorkspaceOptions } from '../check/workspace.js';
import type { ResolvedConfig } from '../config/config.js';
import { loadConfig } from '../config/load-config.js';
import { metadataRecord, stringField } from '../document/source-document.js';
import { SpecguardError } from '../errors.js';
import { writeNewFile } from '../fs/write-new-file.js';
import type { CommitRecord } from '../git/log.js';
import { openRepository, type GitRepository } from '../git/repository.js';
import { KIND, type KindDefinition } from '../kinds/kind.js';
import { TEMPLATES_DIR } from '../package-paths.js';
import { resolveNow } from '../time/clock.js';
import { SchemaRegistry } from '../validate/schema-registry.js';
import { closeTaskIds, namedTasks, taskIsNamed } from '../brief/known-tasks.js';
import { assertTaskId, mentionPatterns } from '../brief/task-id.js';
import { fillTemplate } from './fill-template.js';

import { CHECKPOINT_KINDS, type CheckpointKind } from './checkpoint-kinds.js';
import { shortSha } from '../git/short-sha.js';
import { assertWritesInside } from '../fs/write-inside.js';
import { nodeFileSystem } from '../fs/file-system.js';
import { notRead, readInsideRoot } from '../fs/read-bounded.js';
import { DEFAULT_MAX_FILE_BYTES } from '../config/config.js';

export { CHECKPOINT_KINDS, type CheckpointKind };

/** Options of {@link createCheckpoint}. */
export interface CreateCheckpointOptions extends Pick<WorkspaceOptions, 'root' | 'configFile' | 'now' | 'env'> {
  task: string;
  kind: string;
  /**
   * One or two sentences: what is done and what is not. Required, unless `askSummary` is given: there is no
   * default text.
   */
  summary?: string;
  /**
   * Asked for the summary when `summary` is not given (the CLI prompts on a terminal), once the task id, kind
   * and task are found good; an answer that is `undefined` or blank writes nothing.
   */
  askSummary?: () => Promise<string | undefined>;
  /**
   * The task is a new one: write its checkpoint although no task packet, task list, checkpoint, run manifest
   * or commit names it yet. Without it such a task is refused with {@link UnknownTaskError}.
   */
  newTask?: boolean;
  /** Who writes it. Default: `SPECGUARD_AGENT`, else git's user.name, else "unknown". */
  agent?: string;
  nextSteps?: string[];
  artifacts?: string[];
  /** Fill "what changed since the last checkpoint" from commits and run manifests. */
  fromGit?: boolean;
}

/** The checkpoint written. */
export interface CreatedCheckpoint {
  /** Repo-relative POSIX path. */
  path: string;
  absolutePath: string;
  content: string;
}

/** A checkpoint refused because nothing in the repository names its task (and it was not said to be new). */
export class UnknownTaskError extends SpecguardError {
  /** The task id asked for. */
  readonly task: string;
  /** The known task ids closest to it, nearest first (at most three). */
  readonly near: readonly string[];

  constructor(task: string, near: readonly string[]) {
    const guess = near.length > 0 ? ` (did you mean ${near.map((id) => `\`${id}\``).join(' or ')}?)` : '';
    super('USAGE', `unknown task \`${task}\`: no task packet, task list, checkpoint, run manifest or commit names it${guess}; pass --new-task to start a new task`);
    this.name = 'UnknownTaskError';
    this.task = task;
    this.near = near;
  }
}

/**
 * Creates a checkpoint file.
 * @throws UnknownTaskError when nothing in the repository names the task and `newTask` is not set (the CLI exits 1)
 * @throws SpecguardError `USAGE` for a bad task id or kind, for a missing or blank summary, or when the filled
 *   template would not pass the checkpoint schema; `WRITE` when the file cannot be written; `CONFIG` for a bad config
 */
export async function createCheckpoint(options: CreateCheckpointOptions): Promise<CreatedCheckpoint> {
  const task = assertTaskId(options.task);
  if (!(CHECKPOINT_KINDS as readonly string[]).includes(options.kind)) {
    throw new SpecguardError('USAGE', `--kind: \`${options.kind}\` is not a checkpoint kind; use one of ${CHECKPOINT_KINDS.join(', ')}`);
  }
  const kind = options.kind as CheckpointKind;
  const root = path.resolve(options.root ?? process.cwd());
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new SpecguardError('USAGE', `${root}: not a folder`);
  const env = options.env ?? process.env;
  const now = resolveNow(options.now, env);
  const registry = new SchemaRegistry(root);
  const config = loadConfig(root, registry, options.configFile);
  if (!options.newTask) {
    const reading = { root, now, env, ...(options.configFile !== undefined ? { configFile: options.configFile } : {}) };
    if (!(await taskIsNamed(reading, task))) throw new UnknownTaskError(task, closeTaskIds(task, await namedTasks(reading)));
  }
  const summary = await summaryOf(options);
  const checkpointKind = config.kinds.find((k) => k.name === KIND.CHECKPOINT)!;
  const folder = checkpointFolder(checkpointKind, task);
  const git = await openRepository(root);
  const head = await git?.head();
  const previous = latestCheckpoint(root, folder);
  const created = now.toISOString().replace(/\.\d{3}Z$/, 'Z');

  let changes = '_Not recorded: run `checkpoint create --from-git` to fill this from git history._';
  const artifacts = [...(options.artifacts ?? [])];
  if (options.fromGit) {
    const found = await changesSince(root, git, previous, task, config);
    changes = found.text;
    for (const manifest of found.manifests) if (!artifacts.includes(manifest)) artifacts.push(manifest);
  }
  const agent = options.agent ?? env.SPECGUARD_AGENT ?? (await git?.userName()) ?? 'unknown';
  const nextSteps = options.nextSteps ?? [];
  const values = {
    task,
    checkpoint_kind: kind,
    created,
    agent,
    summary,
    branch: head?.branch,
    head: head?.sha,
    next_steps: nextSteps,
    artifacts,
  };
  const template = readTemplate(root);
  let content: string;
  try {
    content = fillTemplate(template.text, values, {
      changes,
      proven: '_Nothing ticked in this checkpoint._',
      next_steps: nextSteps.length > 0 ? nextSteps.map((s) => `- ${s}`).join('\n') : '_None given._',
    });
  } catch (error) {
    throw new SpecguardError('CONFIG', `${template.shown}: ${(error as Error).message}, so no checkpoint can be filled from it (nothing was written)`, { cause: error });
  }
  const stem = `${created.replace(/:/g, '-')}-${kind}`;
  const relativeFolder = folder;
  const document = validateDocument(makeDocument(`${relativeFolder}/${stem}.md`, path.join(root, relativeFolder, `${stem}.md`), 'markdown', content), checkpointKind, registry);
  const problem = document.metadata?.syntaxError?.message ?? document.schemaProblems[0]?.message;
  if (problem) throw new SpecguardError('USAGE', `the checkpoint would not be valid, so nothing was written: ${problem}`);
  const folderPath = path.join(root, ...relativeFolder.split('/'));
  assertWritesInside(root, path.join(folderPath, `${stem}.md`), `${relativeFolder}/${stem}.md`);
  const absolutePath = await writeNewFile(folderPath, stem, '.md', content);
  return { path: path.relative(root, absolutePath).split(path.sep).join('/'), absolutePath, content };
}

/**
 * The summary given, else the one asked for; never a default text.
 * @throws SpecguardError `USAGE` when there is none (or it is blank), and nothing is written
 */
async function summaryOf(options: CreateCheckpointOptions): Promise<string> {
  if (options.summary === undefined && !options.askSummary) {
    throw new SpecguardError('USAGE', '--summary is required without a terminal to ask on: one or two sentences, what is done and what is not (nothing was written)');
  }
  const summary = options.summary ?? (await options.askSummary!());
  if (summary === undefined || summary.trim() === '') {
    throw new SpecguardError('USAGE', `${summary === undefined ? 'no summary was given' : '--summary is empty'}: say in one or two sentences what is done and what is not (nothing was written)`);
  }
  return summary;
}

/**
 * The folder of a task's checkpoints: `<prefix>/<task>` when the checkpoint
 * kind's first glob has the form `<prefix>/*\/*.md` (default `state/checkpoints/*\/*.md`),
 * else `state/checkpoints/<task>`.
 */
export function checkpointFolder(kind: KindDefinition, task: string): string {
  const match = /^(.+)\/\*\/\*\.md$/.exec(kind.globs[0] ?? '');
  return `${match?.[1] ?? 'state/checkpoints'}/${task}`;
}

/** Where a repository keeps its own checkpoint template, which wins over the built-in one. */
const OWN_TEMPLATE = 'state/templates/CHECKPOINT.md';

/**
 * The repository's checkpoint template, else the built-in one. The repository's is read only as a regular file
 * inside it (a symlink out, a device or a FIFO is refused), up to {@link DEFAULT_MAX_FILE_BYTES}.
 * @throws SpecguardError (`CONFIG`) naming the template and why it was not read, never its content
 */
function readTemplate(root: string): { text: string; shown: string } {
  const read = readInsideRoot(nodeFileSystem, root, path.join(root, ...OWN_TEMPLATE.split('/')), DEFAULT_MAX_FILE_BYTES, (size, max) => `It is ${size} bytes, over the ${max}-byte limit.`);
  if (read === undefined) return { text: readFileSync(path.join(TEMPLATES_DIR, 'CHECKPOINT.md'), 'utf8'), shown: 'the built-in checkpoint template' };
  if (typeof read === 'string') throw new SpecguardError('CONFIG', `${OWN_TEMPLATE}: the checkpoint template: ${notRead(read)}`);
  return { text: read.toString('utf8').replace(/^\uFEFF/, ''), shown: OWN_TEMPLATE };
}

/** The newest checkpoint in the folder (by `created`), if any. */
function latestCheckpoint(root: string, folder: string): { created: string; head?: string; path: string } | undefined {
  const dir = path.join(root, ...folder.split('/'));
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.md'));
  } catch {
    return undefined;
  }
  let latest: { created: string; head?: string; path: string } | undefined;
  for (const name of names) {
    let text: string;
    try {
      text = readFileSync(path.join(dir, name), 'utf8');
    } catch {
      continue;
    }
    const record = metadataRecord(makeDocument(`${folder}/${name}`, path.join(dir, name), 'markdown', text));
    const created = stringField(record, 'created');
    if (!created || Number.isNaN(Date.parse(created)) || (latest && Date.parse(latest.created) >= Date.parse(created))) continue;
    const head = stringField(record, 'head');
    latest = { created, path: `${folder}/${name}`, ...(head ? { head } : {}) };
  }
  return latest;
}

/** The "what changed since the last checkpoint" section, from commits and run manifests. */
async function changesSince(
  root: string,
  git: GitRepository | undefined,
  previous: { created: string; head?: string; path: string } | undefined,
  task: string,
  config: ResolvedConfig,
): Promise<{ text: string; manifests: string[] }> {
  const lines: string[] = [];
  if (!git) {
    lines.push('_Not a git repository: no commits to read._');
  } else if (!(await git.head())) {
    lines.push('_The repository has no commits yet._');
  } else {
    let commits: CommitRecord[];
    let heading: string;
    if (previous?.head && (await git.commitsExist([previous.head])).get(previous.head)) {
      commits = await git.log({ after: previous.head });
      heading = `Commits since \`${shortSha(previous.head)}\` (the head of \`${previous.path}\`):`;
    } else {
      commits = await git.log({ grep: mentionPatterns(config.commitPatterns, task) });
      heading = previous ? `The previous checkpoint's head is not in this history; commits that mention task ${task}:` : `No earlier checkpoint; commits that mention task ${task}:`;
    }
    lines.push(heading, '');
    if (commits.length === 0) lines.push('- none');
    for (const commit of commits) {
      const files = commit.files.map((f) => `\`${f.path}\``);
      lines.push(`- \`${shortSha(commit.sha)}\` ${commit.date.slice(0, 10)} ${commit.subject}${files.length > 0 ? ` (${files.slice(0, 10).join(', ')}${files.length > 10 ? `, and ${files.length - 10} more` : ''})` : ''}`);
    }
  }
  const manifestKind = config.kinds.find((k) => k.name === KIND.RUN_MANIFEST)!;
  const manifests: string[] = [];
  const runLines: string[] = [];
  const { globby } = await import('globby'); // loaded only here: `brief` and `check` import this module too
  for (const file of (await globby(manifestKind.globs as string[], { cwd: root, dot: true, gitignore: true, followSymbolicLinks: false })).sort()) {
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (String(record.task_id) !== task) continue;
    const started = typeof record.started_at === 'string' ? record.started_at : '';
    if (previous && !(Date.parse(started) > Date.parse(previous.created))) continue;
    manifests.push(file);
    runLines.push(`- \`${file}\` — ${String(record.status)}${started ? `, started ${started}` : ''}`);
  }
  lines.push('', previous ? 'Run manifests of the task started since the previous checkpoint:' : 'Run manifests of the task:', '', ...(runLines.length > 0 ? runLines : ['- none']));
  return { text: lines.join('\n'), manifests };
}
