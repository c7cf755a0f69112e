/**
 * Brief at scale: a generated git repository with a long history, and
 * `specguard brief --task <id> --format json` measured against its floor,
 * `git log --all --grep=<id>` (the commit search a person would run by hand).
 *
 * The history is written with `git fast-import` (seconds, not minutes):
 * 20,000 commits at fixed dates, each changing a source file; 200 tasks, each
 * with a packet and two run manifests, and 2,000 checkpoints under
 * `state/checkpoints/<task>/` spread over their tasks' windows, of which some
 * are rewritten and some deleted in later commits. About 1% of commits carry a
 * `Task: <id>` trailer and about 1% say `#<id>` in their subject.
 *
 * The brief's JSON is checked against what the history holds: the commits
 * that mention the task, and every checkpoint file the task ever had (with
 * the rewritten and deleted ones marked so).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createPrng } from './prng.js';
import { itemText, sentence } from './text.js';

/** The shape of the generated history. */
export interface BriefRepoOptions {
  dir: string;
  seed: string;
  commits: number;
  tasks: number;
  checkpointsPerTask: number;
}

/** What the generated history holds for the measured task. */
export interface BriefExpectation {
  task: string;
  /** Subjects of the commits that mention the task by a default pattern (`Task: <id>` trailer, `#<id>`). */
  mentioningSubjects: string[];
  /** Every checkpoint path the task ever had. */
  checkpointFiles: string[];
  /** Paths still present at HEAD. */
  currentFiles: string[];
  rewrittenFiles: string[];
  deletedFiles: string[];
  /** When the brief is computed. */
  now: string;
  commits: number;
}

type Op = { kind: 'M'; path: string; content: string } | { kind: 'D'; path: string };

const MINUTE = 60_000;
const START = Date.parse('2024-01-01T00:00:00Z');
const KINDS = ['start', 'progress', 'progress', 'blocked', 'progress', 'handoff', 'progress', 'rescue', 'progress', 'done'] as const;

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const runIdOf = (ms: number): string => iso(ms).replace(/:/g, '-');
const commitTime = (k: number): number => START + k * 15 * MINUTE;
const taskId = (t: number): string => String(3000 + t);

/**
 * Writes the repository and returns what it holds for the measured task: the
 * one nearest the middle of the history that has rewritten and deleted
 * checkpoints and at least two commits that mention it.
 */
export async function generateBriefRepo(options: BriefRepoOptions): Promise<BriefExpectation> {
  const { dir, commits, tasks, checkpointsPerTask } = options;
  const prng = createPrng(`${options.seed}/brief`);
  const ops = new Map<number, Op[]>();
  const addOp = (k: number, op: Op): void => {
    const list = ops.get(k);
    if (list) list.push(op);
    else ops.set(k, [op]);
  };
  const now = iso(commitTime(commits) + 24 * 60 * MINUTE);
  const perTask = new Map<string, BriefExpectation>();
  for (let t = 0; t < tasks; t++) {
    perTask.set(taskId(t), { task: taskId(t), mentioningSubjects: [], checkpointFiles: [], currentFiles: [], rewrittenFiles: [], deletedFiles: [], now, commits });
  }
  const windowStep = Math.floor((commits * 0.95) / tasks);
  for (let t = 0; t < tasks; t++) {
    const id = taskId(t);
    const start = t * windowStep;
    const runs = [start + 20, start + 40].map((k) => runIdOf(commitTime(k)));
    addOp(start + 1, { kind: 'M', path: `state/packets/${id}/packet.md`, content: packet(id, runs, prng.fork(`packet-${t}`)) });
    runs.forEach((run, i) => {
      const k = start + 20 + i * 20;
      const manifest = { run_id: run, task_id: id, started_at: iso(commitTime(k)), finished_at: iso(commitTime(k) + 9 * MINUTE), status: i === 1 && t % 5 === 0 ? 'failed' : 'succeeded', commands: [{ command: 'npm test', exit_code: i === 1 && t % 5 === 0 ? 1 : 0 }] };
      addOp(k, { kind: 'M', path: `.runs/${id}/${run}/manifest.json`, content: `${JSON.stringify(manifest, null, 2)}\n` });
    });
    const span = Math.max(checkpointsPerTask, Math.floor(windowStep * 8));
    for (let c = 0; c < checkpointsPerTask; c++) {
      const cp = prng.fork(`checkpoint-${t}-${c}`);
      const k = Math.min(commits - 3, start + 50 + Math.floor((c * span) / checkpointsPerTask) + cp.int(Math.max(1, Math.floor(span / checkpointsPerTask / 2))));
      const kind = KINDS[c % KINDS.length]!;
      const file = `state/checkpoints/${id}/${runIdOf(commitTime(k))}-${kind}-${c}.md`;
      addOp(k, { kind: 'M', path: file, content: checkpoint(id, kind, commitTime(k), runs, cp, false) });
      let last = k;
      let rewritten = false;
      let deleted = false;
      if (cp.chance(0.2) && last + 2 < commits) {
        last = Math.min(commits - 2, last + 1 + cp.int(200));
        addOp(last, { kind: 'M', path: file, content: checkpoint(id, kind, commitTime(k), runs, cp, true) });
        rewritten = true;
      }
      if (cp.chance(0.1) && last + 1 < commits) {
        last = Math.min(commits - 1, last + 1 + cp.int(200));
        addOp(last, { kind: 'D', path: file });
        deleted = true;
      }
      const expectation = perTask.get(id)!;
      expectation.checkpointFiles.push(file);
      if (rewritten) expectation.rewrittenFiles.push(file);
      if (deleted) expectation.deletedFiles.push(file);
      else expectation.currentFiles.push(file);
    }
  }

  mkdirSync(dir, { recursive: true });
  const streamFile = path.join(dir, '..', 'brief-history.fast-import');
  const chunks: string[] = [];
  const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const mp = prng.fork('messages');
  for (let k = 0; k < commits; k++) {
    const when = Math.floor(commitTime(k) / 1000);
    const codeFile = mp.int(400);
    let subject = `${mp.pick(['Refactor', 'Fix', 'Speed up', 'Document', 'Test', 'Tidy'])} ${sentence(mp).slice(4, 60).replace(/[^A-Za-z ]/g, '').trim()} (change ${k})`;
    let trailer = '';
    const mentioned = taskId(mp.int(tasks));
    const roll = mp.next();
    if (roll < 0.01) trailer = `\n\nTask: ${mentioned}\n`;
    else if (roll < 0.02) subject = `${subject} #${mentioned}`;
    if (roll < 0.02) perTask.get(mentioned)!.mentioningSubjects.push(subject);
    const message = `${subject}\n${trailer}`;
    chunks.push(`commit refs/heads/main\nmark :${k + 1}\nauthor Agent ${k % 7} <agent${k % 7}@example.com> ${when} +0000\ncommitter Agent ${k % 7} <agent${k % 7}@example.com> ${when} +0000\n${data(message)}`);
    if (k > 0) chunks.push(`from :${k}\n`);
    const code = `// module ${codeFile}, revision ${k}\nexport const revision = ${k};\nexport const owner = 'agent${k % 7}';\n`;
    chunks.push(`M 100644 inline src/m${codeFile % 20}/f${codeFile}.ts\n${data(code)}`);
    for (const op of ops.get(k) ?? []) {
      if (op.kind === 'M') chunks.push(`M 100644 inline ${op.path}\n${data(op.content)}`);
      else chunks.push(`D ${op.path}\n`);
    }
    chunks.push('\n');
  }
  writeFileSync(streamFile, chunks.join(''));
  await git(dir, ['init', '-q', '-b', 'main']);
  await git(dir, ['config', 'user.name', 'Bench']);
  await git(dir, ['config', 'user.email', 'bench@example.com']);
  await git(dir, ['fast-import', '--quiet'], streamFile);
  await git(dir, ['reset', '--hard', '-q', 'main']);
  // The measured task: from the middle of the history outwards, the first whose history has it all
  // (rewritten and deleted checkpoints, and commits that mention it by trailer or #id).
  const order = [...perTask.values()].sort((a, b) => Math.abs(Number(a.task) - 3000 - tasks / 2) - Math.abs(Number(b.task) - 3000 - tasks / 2) || Number(a.task) - Number(b.task));
  return order.find((e) => e.rewrittenFiles.length > 0 && e.deletedFiles.length > 0 && e.mentioningSubjects.length >= 2) ?? order[0]!;
}

function packet(id: string, runs: readonly string[], prng: ReturnType<typeof createPrng>): string {
  return [
    '---',
    `task: ${id}`,
    `title: Task ${id} work`,
    'created: 2024-01-01',
    'agent: codex',
    '---',
    `# Task ${id}`,
    '',
    '## Objective',
    '',
    sentence(prng),
    '',
    '## Constraints',
    '',
    `- ${sentence(prng)}`,
    '',
    '## Acceptance criteria',
    '',
    `- [x] ${itemText(prng)} — \`.runs/${id}/${runs[0]}/manifest.json\``,
    `- [x] ${itemText(prng)} — \`.runs/${id}/${runs[1]}/manifest.json\``,
    `- [ ] ${itemText(prng)}`,
    '',
  ].join('\n');
}

function checkpoint(id: string, kind: string, created: number, runs: readonly string[], prng: ReturnType<typeof createPrng>, revised: boolean): string {
  return [
    '---',
    `task: ${id}`,
    `checkpoint_kind: ${kind}`,
    `created: ${iso(created)}`,
    'agent: codex',
    `summary: ${revised ? 'Revised. ' : ''}${sentence(prng)}`,
    'next_steps:',
    `  - ${itemText(prng)}`,
    '---',
    `# Checkpoint (${kind})`,
    '',
    `- [x] ${itemText(prng)} — \`.runs/${id}/${runs[0]}/manifest.json\``,
    `- [ ] ${itemText(prng)}`,
    '',
  ].join('\n');
}

/** Runs git in `dir`, with stdin from `stdinFile`; throws on failure. */
export function git(dir: string, args: string[], stdinFile?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const input = stdinFile ? openSync(stdinFile, 'r') : 'ignore';
    const child = spawn('git', args, { cwd: dir, stdio: [input, 'ignore', 'inherit'], env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (typeof input === 'number') closeSync(input);
      if (code === 0) resolve();
      else reject(new Error(`git ${args.join(' ')} exited with ${code}`));
    });
  });
}

/** A brief's JSON, the parts checked. */
interface BriefJson {
  commits?: Array<{ subject: string }>;
  timeline?: Array<{ file: string; state: string }>;
  history?: { available: boolean; commits?: number };
}

/** Compares a brief's JSON with what the history holds; returns the problems (empty when it matches). */
export function checkBrief(briefFile: string, expected: BriefExpectation): string[] {
  const problems: string[] = [];
  let brief: BriefJson;
  try {
    brief = JSON.parse(readFileSync(briefFile, 'utf8')) as BriefJson;
  } catch (error) {
    return [`cannot read the brief's JSON: ${(error as Error).message}`];
  }
  if (!brief.history?.available) problems.push('the brief says history is unavailable');
  if (brief.history?.commits !== expected.commits) problems.push(`history.commits is ${String(brief.history?.commits)}, expected ${expected.commits}`);
  const subjects = (brief.commits ?? []).map((c) => c.subject).sort();
  const wanted = [...expected.mentioningSubjects].sort();
  if (JSON.stringify(subjects) !== JSON.stringify(wanted)) problems.push(`commits mentioning the task: brief lists ${subjects.length}, the history has ${wanted.length} (${JSON.stringify(wanted.filter((s) => !subjects.includes(s)))} missing, ${JSON.stringify(subjects.filter((s) => !wanted.includes(s)))} extra)`);
  const timeline = brief.timeline ?? [];
  const files = [...new Set(timeline.map((e) => e.file))].sort();
  if (JSON.stringify(files) !== JSON.stringify([...expected.checkpointFiles].sort())) problems.push(`timeline files: brief has ${files.length}, the history has ${expected.checkpointFiles.length}`);
  const byState = (state: string): string[] => [...new Set(timeline.filter((e) => e.state === state).map((e) => e.file))].sort();
  if (JSON.stringify(byState('current')) !== JSON.stringify([...expected.currentFiles].sort())) problems.push(`current checkpoints: brief has ${byState('current').length}, expected ${expected.currentFiles.length}`);
  if (JSON.stringify(byState('deleted')) !== JSON.stringify([...expected.deletedFiles].sort())) problems.push(`deleted checkpoints: brief has ${byState('deleted').length}, expected ${expected.deletedFiles.length}`);
  const rewrittenSeen = byState('rewritten');
  const missingRewrites = expected.rewrittenFiles.filter((f) => !rewrittenSeen.includes(f) && !expected.deletedFiles.includes(f));
  if (missingRewrites.length > 0) problems.push(`rewritten checkpoints without their earlier version: ${missingRewrites.join(', ')}`);
  return problems;
}
