/**
 * Corpus generator: N documents of specguard's built-in kinds, laid out like
 * an agent orchestrator's repository, with a known set of seeded defects.
 *
 * Documents come in groups of ten, one group per task (task id 1000 + group):
 *
 *   slot 0-3  run manifests   .runs/<task>/<run>/manifest.json (+ run.log)
 *   slot 4    task packet     state/packets/<task>/packet.md
 *   slot 5-8  checkpoints     state/checkpoints/<task>/<created>-<kind>.md
 *   slot 9    a task list     tasks/tasks-<task>-<slug>.md      (even groups)
 *             or a mini-spec  tasks/specs/<task>-<slug>.md      (odd groups)
 *
 * so a cut at N documents never leaves a citation without its manifest.
 * Valid ticked boxes cite the manifests of slots 0-2 of their own task, which
 * exist, succeeded and carry that task id. Slot 3 is never cited by a valid
 * document (some slot-3 runs failed or were cancelled, as in real life), which
 * leaves it free for the `evidence-failed` and `manifest-schema` defects.
 *
 * About 1% of documents carry exactly one seeded defect each, recorded with
 * the finding it must produce (ruleId, file, line). Valid documents include
 * the constructs a careless parser gets wrong (`[x]` in fenced code and in
 * code spans, `[X]`, nested and ordered task items, reference links), so a
 * check that skips work or misreads markdown shows up as a set difference.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createPrng, type Prng } from './prng.js';
import { commandList, hex, itemText, paragraph, pickAgent, pickPerson, pickRole, pickTeam, sentence, slug, title } from './text.js';

/** The kinds of seeded defect, each named by the rule that must find it. */
export const DEFECT_RULES = [
  'evidence-missing',
  'evidence-failed',
  'checkbox-evidence',
  'spec-freshness',
  'frontmatter-schema',
  'frontmatter-syntax',
  'link-broken',
  'manifest-schema',
] as const;
export type DefectRule = (typeof DEFECT_RULES)[number];

type DocKind = 'run-manifest' | 'task-packet' | 'checkpoint' | 'task-list' | 'mini-spec';

/** A finding the corpus must produce. */
export interface ExpectedFinding {
  ruleId: string;
  file: string;
  line: number;
  /** What was seeded, for people reading a mismatch. */
  note: string;
}

/** What was generated. */
export interface Corpus {
  root: string;
  seed: string;
  now: string;
  /** Repo-relative paths of every document, sorted. */
  documents: string[];
  /** The markdown documents among them. */
  markdown: string[];
  /** Other files (command logs) that documents refer to. */
  otherFiles: number;
  /** Total bytes of the documents. */
  bytes: number;
  countsByKind: Record<DocKind, number>;
  expected: ExpectedFinding[];
  /** The deterministic 1% of documents the "1% changed" measurement touches. */
  touchSet: string[];
}

interface PlannedDoc {
  group: number;
  slot: number;
  kind: DocKind;
  task: string;
  path: string;
  defect?: DefectRule;
  /** A slot-3 run turned into the failed run that an `evidence-failed` defect cites. */
  forcedFailed?: boolean;
}

interface Group {
  task: string;
  title: string;
  slug: string;
  start: number;
  /** Run ids of slots 0-3. */
  runs: string[];
  /** How the slot-3 run ended (it is never cited by a valid document). */
  spareStatus: 'succeeded' | 'failed' | 'cancelled';
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const CHECKPOINT_KINDS = ['start', 'progress', 'progress', 'handoff'] as const;

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const runIdOf = (ms: number): string => iso(ms).replace(/:/g, '-');
const dayOf = (ms: number): string => iso(ms).slice(0, 10);

/**
 * Plans and writes the corpus.
 * @param root - an empty folder (created if missing) that is not inside a git work tree
 */
export function generateCorpus(options: { root: string; docs: number; seed: string; now: string }): Corpus {
  const { root, docs, seed } = options;
  const nowMs = Date.parse(options.now);
  if (Number.isNaN(nowMs)) throw new Error(`--now: not a date: ${options.now}`);
  const prng = createPrng(seed);
  const groupCount = Math.ceil(docs / 10);
  const groups: Group[] = [];
  for (let g = 0; g < groupCount; g++) {
    const gp = prng.fork(`group-${g}`);
    const start = nowMs - (groupCount - g) * 2 * HOUR - 6 * HOUR;
    const t = title(gp);
    const spare = gp.next();
    groups.push({
      task: String(1000 + g),
      title: t,
      slug: slug(t),
      start,
      runs: [0, 1, 2, 3].map((s) => runIdOf(start + s * 17 * MINUTE)),
      spareStatus: spare < 0.15 ? 'failed' : spare < 0.2 ? 'cancelled' : 'succeeded',
    });
  }

  const plan: PlannedDoc[] = [];
  for (let i = 0; i < docs; i++) {
    const g = Math.floor(i / 10);
    const slot = i % 10;
    const group = groups[g]!;
    plan.push({ group: g, slot, task: group.task, ...placeOf(group, g, slot) });
  }
  seedDefects(plan, prng.fork('defects'));

  const expected: ExpectedFinding[] = [];
  const countsByKind: Record<DocKind, number> = { 'run-manifest': 0, 'task-packet': 0, checkpoint: 0, 'task-list': 0, 'mini-spec': 0 };
  let bytes = 0;
  let otherFiles = 0;
  const madeDirs = new Set<string>();
  const write = (relative: string, text: string): void => {
    const absolute = path.join(root, ...relative.split('/'));
    const dir = path.dirname(absolute);
    if (!madeDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      madeDirs.add(dir);
    }
    writeFileSync(absolute, text);
  };
  for (const doc of plan) {
    const group = groups[doc.group]!;
    const dp = prng.fork(`doc-${doc.group}-${doc.slot}`);
    const out = render(doc, group, groups, dp, nowMs);
    write(doc.path, out.text);
    bytes += Buffer.byteLength(out.text);
    countsByKind[doc.kind]++;
    for (const extra of out.extraFiles) {
      write(extra.path, extra.text);
      otherFiles++;
    }
    if (doc.defect && !out.findings.some((f) => f.ruleId === doc.defect)) throw new Error(`corpus: the ${doc.defect} defect of ${doc.path} was not placed`);
    for (const finding of out.findings) expected.push({ ...finding, file: doc.path });
  }
  const documents = plan.map((d) => d.path).sort();
  const touchCount = Math.max(1, Math.round(docs / 100));
  const touchSet = prng.fork('touch').shuffle(documents).slice(0, touchCount).sort();
  return {
    root,
    seed,
    now: options.now,
    documents,
    markdown: plan.filter((d) => d.kind !== 'run-manifest').map((d) => d.path).sort(),
    otherFiles,
    bytes,
    countsByKind,
    expected: expected.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.ruleId.localeCompare(b.ruleId)),
    touchSet,
  };
}

function placeOf(group: Group, g: number, slot: number): { kind: DocKind; path: string } {
  const task = group.task;
  if (slot <= 3) return { kind: 'run-manifest', path: `.runs/${task}/${group.runs[slot]}/manifest.json` };
  if (slot === 4) return { kind: 'task-packet', path: `state/packets/${task}/packet.md` };
  if (slot <= 8) {
    const created = checkpointCreated(group, slot);
    return { kind: 'checkpoint', path: `state/checkpoints/${task}/${runIdOf(created)}-${CHECKPOINT_KINDS[slot - 5]}.md` };
  }
  return g % 2 === 0 ? { kind: 'task-list', path: `tasks/tasks-${task}-${group.slug}.md` } : { kind: 'mini-spec', path: `tasks/specs/${task}-${group.slug}.md` };
}

const checkpointCreated = (group: Group, slot: number): number => group.start + 70 * MINUTE + (slot - 5) * 11 * MINUTE;

/** Which kinds of document can carry each defect. */
const ELIGIBLE: Record<DefectRule, readonly DocKind[]> = {
  'evidence-missing': ['checkpoint', 'task-packet', 'task-list'],
  'evidence-failed': ['checkpoint', 'task-packet', 'task-list'],
  'checkbox-evidence': ['checkpoint', 'task-packet', 'task-list'],
  'spec-freshness': ['mini-spec'],
  'frontmatter-schema': ['checkpoint', 'task-packet', 'mini-spec'],
  'frontmatter-syntax': ['checkpoint', 'task-list'],
  'link-broken': ['checkpoint', 'task-packet', 'task-list', 'mini-spec'],
  'manifest-schema': ['run-manifest'],
};

/**
 * Marks about 1% of the documents (at least one) with one defect each, the
 * defect kinds taking turns. `evidence-failed` turns its group's slot-3 run
 * into a failed run; `manifest-schema` takes the slot-3 run of another group.
 */
function seedDefects(plan: PlannedDoc[], prng: Prng): void {
  const total = Math.max(1, Math.round(plan.length / 100));
  const wanted = new Map<DefectRule, number>();
  for (let j = 0; j < total; j++) {
    const rule = DEFECT_RULES[j % DEFECT_RULES.length]!;
    wanted.set(rule, (wanted.get(rule) ?? 0) + 1);
  }
  const order = prng.shuffle(plan.map((_, i) => i));
  const used = new Set<number>();
  const failedGroups = new Set<number>();
  const hasSpare = (g: number): boolean => plan.some((d) => d.group === g && d.slot === 3);
  // evidence-failed first, so that manifest-schema can keep out of its groups.
  const rules = [...DEFECT_RULES].sort((a, b) => (a === 'evidence-failed' ? -1 : b === 'evidence-failed' ? 1 : 0));
  for (const rule of rules) {
    let left = wanted.get(rule) ?? 0;
    for (const i of order) {
      if (left === 0) break;
      const doc = plan[i]!;
      if (used.has(i) || !ELIGIBLE[rule].includes(doc.kind)) continue;
      if (rule === 'evidence-failed' && (!hasSpare(doc.group) || failedGroups.has(doc.group))) continue;
      if (rule === 'manifest-schema' && (doc.slot !== 3 || failedGroups.has(doc.group))) continue;
      doc.defect = rule;
      used.add(i);
      if (rule === 'evidence-failed') failedGroups.add(doc.group);
      left--;
    }
  }
  // The slot-3 run of an evidence-failed group is the failed run its defect cites.
  for (const doc of plan) if (doc.slot === 3 && failedGroups.has(doc.group)) doc.forcedFailed = true;
}

interface Rendered {
  text: string;
  findings: Array<{ ruleId: string; line: number; note: string }>;
  extraFiles: Array<{ path: string; text: string }>;
}

/** Lines with a way to remember where the defect went. */
class Lines {
  readonly lines: string[] = [];
  readonly findings: Rendered['findings'] = [];
  push(...lines: string[]): void {
    this.lines.push(...lines);
  }
  /** Pushes a line and records that it must produce a finding. */
  defect(ruleId: string, line: string, note: string): void {
    this.lines.push(line);
    this.findings.push({ ruleId, line: this.lines.length, note });
  }
  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

function render(doc: PlannedDoc, group: Group, groups: readonly Group[], prng: Prng, nowMs: number): Rendered {
  switch (doc.kind) {
    case 'run-manifest':
      return renderManifest(doc, group, prng);
    case 'task-packet':
      return renderPacket(doc, group, groups, prng);
    case 'checkpoint':
      return renderCheckpoint(doc, group, prng);
    case 'task-list':
      return renderTaskList(doc, group, prng, nowMs);
    case 'mini-spec':
      return renderSpec(doc, group, prng, nowMs);
  }
}

// --- citations ------------------------------------------------------------

/** Ways a valid ticked box cites a good run (slot 0-2) of its task, from a file in `fromDir`. */
function citation(prng: Prng, group: Group, fromDir: string, refs: string[]): string {
  const run = group.runs[prng.int(3)]!;
  const manifest = `.runs/${group.task}/${run}/manifest.json`;
  const up = path.posix.relative(fromDir, '.') || '.';
  switch (prng.int(6)) {
    case 0:
    case 1:
      return `\`${manifest}\``;
    case 2:
      return `\`.runs/${group.task}/${run}/\``;
    case 3:
      return `[run manifest](${up}/${manifest})`;
    case 4:
      return `[run folder](${up}/.runs/${group.task}/${run}/ "run ${run}")`;
    default: {
      const label = `run-${refs.length + 1}`;
      refs.push(`[${label}]: ${up}/${manifest}`);
      return `[evidence][${label}]`;
    }
  }
}

/** A ticked box's line for a defect that lives in a ticked box; `undefined` for other defects. */
function defectItem(defect: DefectRule | undefined, group: Group, bullet: string, text: string): { line: string; note: string } | undefined {
  switch (defect) {
    case 'evidence-missing': {
      const missing = runIdOf(group.start + 67 * MINUTE);
      return { line: `${bullet} [x] ${text} — \`.runs/${group.task}/${missing}/manifest.json\``, note: 'ticked box cites a run manifest that was never recorded' };
    }
    case 'evidence-failed':
      return { line: `${bullet} [x] ${text} — \`.runs/${group.task}/${group.runs[3]}/manifest.json\``, note: 'ticked box cites a run manifest whose status is failed' };
    case 'checkbox-evidence':
      return { line: `${bullet} [x] ${text}`, note: 'ticked box cites nothing' };
    default:
      return undefined;
  }
}

// --- run manifests ---------------------------------------------------------

function renderManifest(doc: PlannedDoc, group: Group, prng: Prng): Rendered {
  const started = group.start + doc.slot * 17 * MINUTE;
  const status = doc.slot < 3 ? 'succeeded' : doc.forcedFailed ? 'failed' : group.spareStatus;
  let at = started;
  const commands = commandList().map((command, i) => ({
    command,
    started_at: iso((at += prng.between(5, 60) * 1000)),
    exit_code: status === 'failed' && i === 5 ? 1 : status === 'cancelled' && i >= 6 ? null : 0,
    duration_ms: prng.between(300, 240_000),
    ...(i === 0 ? { log: 'run.log' } : {}),
  }));
  const manifest: Record<string, unknown> = {
    run_id: group.runs[doc.slot],
    task_id: group.task,
    agent: pickAgent(prng),
    started_at: iso(started),
    finished_at: iso(started + prng.between(2, 15) * MINUTE),
    status,
    host: { os: 'linux', arch: 'x64', node: 'v20.19.0', cpus: 8 },
    commands,
  };
  const findings: Rendered['findings'] = [];
  if (doc.defect === 'manifest-schema') {
    delete manifest.status;
    findings.push({ ruleId: 'manifest-schema', line: 1, note: 'run manifest without the required `status`' });
  }
  const runDir = path.posix.dirname(doc.path);
  return {
    text: `${JSON.stringify(manifest, null, 2)}\n`,
    findings,
    extraFiles: [{ path: `${runDir}/run.log`, text: `$ npm ci\nadded 412 packages in ${prng.between(3, 40)}s\n` }],
  };
}

// --- task packets ----------------------------------------------------------

function renderPacket(doc: PlannedDoc, group: Group, groups: readonly Group[], prng: Prng): Rendered {
  const l = new Lines();
  const dir = path.posix.dirname(doc.path);
  const refs: string[] = [];
  const g = doc.group;
  l.push('---', `task: ${group.task}`, `title: ${group.title} for task ${group.task}`, `created: ${dayOf(group.start - 2 * DAY)}`, `agent: ${pickAgent(prng)}`);
  if (doc.defect === 'frontmatter-schema') l.defect('frontmatter-schema', 'status: complete', 'packet `status` outside its enum');
  else l.push(`status: ${prng.pick(['open', 'in-progress', 'in-progress', 'blocked'])}`);
  l.push(`branch: ${pickAgent(prng)}/${group.task}-${group.slug}`);
  if (g > 0) l.push('depends_on:', `  - ${groups[g - 1]!.task}`);
  l.push('max_tokens: 6000', '---', `# Task ${group.task}: ${group.title}`, '', '## Objective', '', paragraph(prng, 4), '', '## Constraints', '');
  for (let i = 0; i < 5; i++) l.push(`- ${sentence(prng)}`);
  l.push('', '## Acceptance criteria', '');
  const defectAt = prng.int(3);
  for (let i = 0; i < 6; i++) {
    const text = itemText(prng);
    const special = i === defectAt ? defectItem(doc.defect, group, '-', text) : undefined;
    if (special) l.defect(doc.defect!, special.line, special.note);
    else if (i < 3) l.push(`- [x] ${text} — ${citation(prng, group, dir, refs)}`);
    else l.push(`- [ ] ${text}`);
  }
  l.push('', '## Context', '', paragraph(prng, 3), '');
  if (doc.defect === 'link-broken') l.defect('link-broken', `The trade-offs are written up in the [design notes](design-notes.md).`, 'relative link to a file that does not exist');
  else l.push(`Every criterion is ticked with \`[x]\` only once a run proves it; ${sentence(prng).toLowerCase()}`);
  if (refs.length > 0) l.push('', ...refs);
  return { text: l.text(), findings: l.findings, extraFiles: [] };
}

// --- checkpoints -------------------------------------------------------------

function renderCheckpoint(doc: PlannedDoc, group: Group, prng: Prng): Rendered {
  const l = new Lines();
  const dir = path.posix.dirname(doc.path);
  const refs: string[] = [];
  const kind = CHECKPOINT_KINDS[doc.slot - 5]!;
  const created = checkpointCreated(group, doc.slot);
  l.push('---', `task: ${group.task}`);
  if (doc.defect === 'frontmatter-schema') l.defect('frontmatter-schema', 'checkpoint_kind: finished', 'checkpoint_kind outside its enum');
  else l.push(`checkpoint_kind: ${kind}`);
  l.push(`created: ${iso(created)}`, `agent: ${pickAgent(prng)}`);
  if (doc.defect === 'frontmatter-syntax') l.defect('frontmatter-syntax', `summary: Loader wired: schema messages pending`, 'unquoted `: ` in a plain scalar (YAML does not parse)');
  else l.push(`summary: ${sentence(prng)}`);
  l.push(`branch: ${pickAgent(prng)}/${group.task}-${group.slug}`, `head: "${hex(prng, 7)}"`, 'next_steps:', `  - ${itemText(prng)}`, `  - ${itemText(prng)}`);
  l.push('artifacts:', `  - .runs/${group.task}/${group.runs[0]}/manifest.json`, '---');
  l.push(`# Checkpoint (${kind}) — task ${group.task}: ${group.title}`, '');
  l.push(`See the [task packet](../../packets/${group.task}/packet.md) for the objective and the constraints.`, '');
  l.push('## What changed', '', paragraph(prng, 2), '', '## Progress', '');
  const shape = prng.int(3);
  const defectAt = prng.pick([0, 1, 4, 5, 6, 7]);
  let ticked = 0;
  for (let i = 0; i < 12; i++) {
    const text = itemText(prng);
    const nested = shape === 1 && (i === 2 || i === 3);
    const bullet = nested ? '  -' : shape === 2 && i === 7 ? '*' : '-';
    const special = i === defectAt && !nested ? defectItem(doc.defect, group, bullet, text) : undefined;
    if (special) {
      l.defect(doc.defect!, special.line, special.note);
      ticked++;
    } else if (i < 8 || nested) {
      const box = i === 5 ? '[X]' : '[x]';
      l.push(`${bullet} ${box} ${text} — ${citation(prng, group, dir, refs)}`);
      ticked++;
    } else {
      l.push(`${bullet} [ ] ${text}`);
    }
  }
  l.push('', '## Notes', '');
  switch (prng.int(3)) {
    case 0:
      l.push(paragraph(prng, 2), '', '```markdown', '- [x] An example box inside a fence is not a task item', '- [ ] Neither is this one', '```');
      break;
    case 1:
      l.push(`A box becomes \`[x]\` only with its evidence. ${paragraph(prng, 2)}`);
      break;
    default:
      l.push(paragraph(prng, 2));
  }
  if (doc.defect === 'link-broken') l.push('');
  if (doc.defect === 'link-broken') l.defect('link-broken', `Background: the [design notes](../../packets/${group.task}/design-notes.md) of this task.`, 'relative link to a file that does not exist');
  if (refs.length > 0) l.push('', ...refs);
  return { text: l.text(), findings: l.findings, extraFiles: [] };
}

// --- task lists ----------------------------------------------------------------

function renderTaskList(doc: PlannedDoc, group: Group, prng: Prng, nowMs: number): Rendered {
  const l = new Lines();
  const dir = path.posix.dirname(doc.path);
  const refs: string[] = [];
  l.push('---', `task: ${group.task}`);
  if (doc.defect === 'frontmatter-syntax') l.defect('frontmatter-syntax', `title: Task List: ${group.title}`, 'unquoted `: ` in a plain scalar (YAML does not parse)');
  else l.push(`title: Task List — ${group.title}`);
  l.push(`owner: ${pickTeam(prng)}`, `updated: ${dayOf(Math.min(nowMs, group.start + DAY))}`, '---', `# Task List — ${group.title}`, '', '## Relevant Files', '');
  for (let i = 0; i < 4; i++) l.push(`- \`src/${group.slug}/part-${i + 1}.ts\` - ${sentence(prng)}`);
  if (doc.defect === 'link-broken') l.defect('link-broken', `- [PRD](${group.task}-prd-${group.slug}.md) - The product requirements this list implements.`, 'relative link to a file that does not exist');
  l.push('', '### Notes', '', `- ${sentence(prng)}`, `- ${sentence(prng)}`, '', '## Tasks', '');
  // A ticked parent whose children are all ticked and proven is proven by them: a box that cites nothing is a
  // defect only on a child.
  const defectAt = prng.int(3) + (doc.defect === 'checkbox-evidence' ? 1 : 0);
  let n = 0;
  for (let parent = 1; parent <= 3; parent++) {
    const done = parent === 1;
    const ptext = `${parent}.0 ${itemText(prng)}`;
    const special = done && n === defectAt ? defectItem(doc.defect, group, '-', ptext) : undefined;
    if (special) l.defect(doc.defect!, special.line, special.note);
    else l.push(done ? `- [x] ${ptext} — ${citation(prng, group, dir, refs)}` : `- [ ] ${ptext}`);
    n++;
    for (let child = 1; child <= 3; child++) {
      const ctext = `${parent}.${child} ${itemText(prng)}`;
      const tick = done || (parent === 2 && child === 1);
      const bullet = parent === 3 ? `   ${child}.` : '  -';
      const childSpecial = tick && n === defectAt ? defectItem(doc.defect, group, bullet, ctext) : undefined;
      if (childSpecial) l.defect(doc.defect!, childSpecial.line, childSpecial.note);
      else l.push(tick ? `${bullet} [x] ${ctext} — ${citation(prng, group, dir, refs)}` : `${bullet} [ ] ${ctext}`);
      n++;
    }
  }
  l.push('', paragraph(prng, 2));
  if (refs.length > 0) l.push('', ...refs);
  return { text: l.text(), findings: l.findings, extraFiles: [] };
}

// --- mini-specs ------------------------------------------------------------------

function renderSpec(doc: PlannedDoc, group: Group, prng: Prng, nowMs: number): Rendered {
  const l = new Lines();
  const dir = path.posix.dirname(doc.path);
  const refs: string[] = [];
  const stale = doc.defect === 'spec-freshness';
  const reviewed = dayOf(nowMs - (stale ? 45 + prng.int(30) : prng.int(25)) * DAY);
  const status = prng.pick(['approved', 'approved', 'in-review', 'draft']);
  l.push('---', `id: ${group.task}-${group.slug}`, `title: ${group.title}`);
  if (doc.defect === 'frontmatter-schema') l.defect('frontmatter-schema', 'status: accepted', 'mini-spec `status` outside its enum');
  else l.push(`status: ${status}`);
  if (stale) l.defect('spec-freshness', `last_review: ${reviewed}`, '`last_review` older than the 30-day window');
  else l.push(`last_review: ${reviewed}`);
  if (prng.chance(0.5)) l.push('review_interval_days: 30');
  l.push('approvals:', `  - by: ${pickPerson(prng)}`, `    role: ${pickRole(prng)}`, `    date: ${reviewed}`);
  l.push('governs:', `  - src/${group.slug}/**`, '---', `# ${group.title}`, '', '## Context', '', paragraph(prng, 4), '', '## Decision', '', paragraph(prng, 4), '');
  l.push('## Consequences', '');
  for (let i = 0; i < 4; i++) l.push(`- ${sentence(prng)}`);
  l.push('', '## Review checklist', '');
  for (let i = 0; i < 4; i++) l.push(i < 2 ? `- [x] ${itemText(prng)} — ${citation(prng, group, dir, refs)}` : `- [ ] ${itemText(prng)}`);
  l.push('');
  if (doc.defect === 'link-broken') l.defect('link-broken', `Superseded parts live in [the previous spec](${group.task}-previous.md).`, 'relative link to a file that does not exist');
  else l.push(paragraph(prng, 1));
  if (refs.length > 0) l.push('', ...refs);
  return { text: l.text(), findings: l.findings, extraFiles: [] };
}
