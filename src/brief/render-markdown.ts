/**
 * The markdown brief. Its section order is fixed so that an agent can rely on
 * it: the status line, then Contradictions, Open acceptance criteria, Ticked
 * acceptance criteria, Last checkpoint, Timeline, Commits, Runs, History.
 * A section with nothing to say says so rather than disappearing.
 *
 * Under a token budget (`budget`), a section that left entries out says how
 * many it shows and how many it left out (never "No checkpoints." when they
 * were only left out), and a brief still over the budget says so at the top.
 */
import type { Brief, BriefBudget, BriefCheckpoint, BriefCriterion, BriefEvidence, Omission } from './brief-model.js';
import { formatAge } from './derive.js';
import { visibleForCommand, visibleLine } from '../output/sanitize.js';
import { trimTrailing } from '../strings.js';
import { shortSha } from '../git/short-sha.js';

/**
 * Text from a file, a file name or a commit, for one line of the brief: control characters and newlines are
 * shown as escapes, so that it can neither drive a terminal nor open a section or list item of its own.
 */
const t = visibleLine;

/** Renders a brief as markdown (with a final newline). */
export function renderMarkdown(brief: Brief): string {
  const out: string[] = [];
  out.push(`# Task ${t(brief.task)}${brief.title ? `: ${t(brief.title)}` : ''}`, '');
  if (brief.package) out.push(`Package: \`${t(brief.package)}\`, under its own config.`, '');
  if (brief.budget?.exceeded) out.push(overBudget(brief.budget), '');
  out.push(`**Status: ${brief.status}** — ${t(brief.status_reason)}`, '');
  if (brief.next_step) {
    const where = brief.next_step.file ? ` (\`${t(brief.next_step.file)}${brief.next_step.line ? `:${brief.next_step.line}` : ''}\`)` : '';
    out.push(`**Next step:** ${t(brief.next_step.text)}${where}`, '');
  }
  const source = brief.packet ? `Packet: \`${t(brief.packet.file)}\`${brief.packet.agent ? `, handed to ${t(brief.packet.agent)}` : ''}${brief.packet.created ? ` on ${t(brief.packet.created)}` : ''}.` : 'No task packet names this task.';
  out.push(`${source} Brief computed at ${brief.generated_at}.`, '');
  if (brief.layout) {
    const declared = brief.layout.declared_status;
    const status = declared ? ` It declares \`${t(declared.value)}\` (\`${t(declared.file)}:${declared.line}\`).` : ' It declares no status.';
    const files = brief.layout.files.map((f) => `\`${t(f)}\``).join(', ');
    out.push(`Layout: ${brief.layout.preset}; the task is held in ${files}.${status}${brief.layout.evidence_required ? '' : ' Its layout does not ask ticked boxes for evidence.'}`, '');
  }

  out.push('## Contradictions', '');
  if (brief.contradictions.length === 0) out.push('None: no claim contradicts the evidence.', '');
  else out.push(brief.contradictions.map((c, i) => `${i + 1}. \`${t(c.file)}:${c.line}\` — ${t(c.message)}`).join('\n'), '');

  const open = brief.criteria.filter((c) => !c.checked);
  const ticked = brief.criteria.filter((c) => c.checked);
  out.push('## Open acceptance criteria', '');
  if (brief.criteria.length === 0) out.push(brief.packet || brief.layout ? 'The task has no acceptance criteria (no task list items).' : 'No packet or task list, so no acceptance criteria.', '');
  else if (open.length === 0) out.push('None: every criterion is ticked.', '');
  else out.push(criterionLines(open, brief.criteria).join('\n'), '');

  out.push('## Ticked acceptance criteria', '');
  if (ticked.length === 0) out.push('None.', '');
  else out.push(criterionLines(ticked, brief.criteria).join('\n'), '');

  const current = brief.timeline.filter((c) => c.state === 'current');
  const last = current[current.length - 1];
  out.push('## Last checkpoint', '');
  if (!last) out.push(lastLeftOut(brief) ?? 'No checkpoint yet.', '');
  else {
    out.push(`\`${t(last.file)}\` — **${t(last.checkpoint_kind)}** by ${t(last.agent)} at ${t(last.created)}${ageOf(last, brief.generated_at)}${last.head ? `, HEAD ${t(last.head)}` : ''}.`, '');
    if (last.summary) out.push(`> ${visibleForCommand(last.summary).replace(/\r?\n|\r/g, '\n> ')}`, '');
    if (last.next_steps.length > 0) out.push('Next steps it gave:', '', ...last.next_steps.map((s) => `- ${t(s)}`), '');
  }

  out.push('## Timeline', '');
  entries(out, brief, 'timeline', brief.timeline.map(timelineLine), 'No checkpoints.');

  out.push('## Commits', '');
  const commitLines = brief.commits.map((c) => {
    const files = c.files.length > 0 ? ` (${c.files.slice(0, 8).map((f) => `\`${t(f)}\``).join(', ')}${c.files.length > 8 ? `, and ${c.files.length - 8} more` : ''})` : '';
    return `- \`${t(shortSha(c.sha))}\` ${t(c.date.slice(0, 10))} ${t(c.author)}: ${t(c.subject)}${files}`;
  });
  entries(out, brief, 'commits', commitLines, brief.history.available ? 'No commit mentions the task.' : 'Unavailable: no git history.');

  out.push('## Runs', '');
  const runLines = brief.runs.map((r) => {
    const age = r.heartbeat_age_minutes !== undefined ? `, heartbeat ${formatAge(r.heartbeat_age_minutes)} ago${r.stale ? ' (stale)' : ''}` : '';
    return `- \`${t(r.file)}\` — ${t(r.status)}${r.started_at ? `, started ${t(r.started_at)}` : ''}${r.finished_at ? `, finished ${t(r.finished_at)}` : ''}${age}`;
  });
  entries(out, brief, 'runs', runLines, 'No run manifest names the task.');

  out.push('## History', '');
  out.push(brief.history.note ? t(brief.history.note) : `Full history: ${brief.history.commits ?? 0} commit${brief.history.commits === 1 ? '' : 's'} reachable from HEAD.`, '');
  const summary = brief.budget ? budgetSummary(brief.budget) : undefined;
  if (summary) out.push(summary, '');
  return `${trimTrailing(out.join('\n'), '\n')}\n`;
}

/**
 * The lines of some criteria (one section), in order: nested ones indented under their parents, and a bold
 * line naming the plain list items they sit under (seed 004's numbered parent tasks) whenever that changes.
 * @param all - every criterion of the brief, which `parent` indexes into
 */
function criterionLines(shown: readonly BriefCriterion[], all: readonly BriefCriterion[]): string[] {
  const lines: string[] = [];
  let group = '';
  for (const c of shown) {
    const label = (c.group ?? []).join(' › ');
    if (label !== group) {
      if (label) lines.push(`**${t(label)}**`);
      group = label;
    }
    let depth = 0;
    for (let p = c.parent; p !== undefined && depth < 8; p = all[p]?.parent) depth++;
    lines.push(`${'  '.repeat(depth)}${criterionLine(c)}`);
  }
  return lines;
}

function criterionLine(c: BriefCriterion): string {
  const box = c.checked ? '[x]' : '[ ]';
  const state = c.checked ? ` — **${c.state === 'verified' ? 'proven' : c.state === 'failed' ? 'evidence fails' : 'unproven'}**` : c.deferred ? ' — _deferred_' : '';
  const cited = c.checked && c.evidence.length > 0 ? `; cites ${c.evidence.map((e) => `\`${t(e.cited)}\` (${evidenceStatus(e)})`).join(', ')}` : '';
  return `- ${box} ${t(c.text)}${state} (\`${t(c.file)}:${c.line}\`${cited})`;
}

function timelineLine(c: BriefCheckpoint): string {
  const state = c.state === 'current' ? '' : c.state === 'deleted' ? ` _(deleted${c.replaced_by ? ` in ${c.replaced_by}` : ''}; recovered from git)_` : ` _(earlier version, rewritten${c.replaced_by ? ` in ${c.replaced_by}` : ''}; recovered from git)_`;
  const renamed = c.renamed_from !== undefined ? `, renamed from \`${t(c.renamed_from)}\`` : '';
  return `- ${t(c.created)} **${t(c.checkpoint_kind)}** by ${t(c.agent)}: ${t(c.summary)} (\`${t(c.file)}\`${renamed})${state}`;
}

function ageOf(checkpoint: BriefCheckpoint, now: string): string {
  const minutes = Math.floor((Date.parse(now) - Date.parse(checkpoint.created)) / 60_000);
  return Number.isNaN(minutes) || minutes < 0 ? '' : ` (${formatAge(minutes)} ago)`;
}

type Section = Omission['section'];

const NOUNS: Readonly<Record<Section, readonly [one: string, many: string]>> = {
  timeline: ['timeline entry', 'timeline entries'],
  commits: ['commit', 'commits'],
  runs: ['run', 'runs'],
};

/** "1 commit", "2 commits". */
function counted(section: Section, count: number): string {
  return `${count} ${NOUNS[section][count === 1 ? 0 : 1]}`;
}

/** "a", "a and b", "a, b and c". */
function andList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** How many of a section's oldest entries the budget left out (0 without a budget). */
function leftOut(brief: Brief, section: Section): number {
  return brief.budget?.omitted.find((o) => o.section === section)?.count ?? 0;
}

/** Why entries are missing: "to fit 250 tokens", or, for a brief over its budget, "for the budget of 50 tokens". */
function purpose(budget: BriefBudget): string {
  return budget.exceeded ? `for the budget of ${budget.max_tokens} tokens` : `to fit ${budget.max_tokens} tokens`;
}

/**
 * A section's entries; when the budget left some out, a note of how many it shows and how many it left out
 * ("0 of 2 timeline entries shown; the 2 oldest left out to fit 250 tokens."), which takes the place of
 * `none` when none is shown.
 */
function entries(out: string[], brief: Brief, section: Section, lines: readonly string[], none: string): void {
  const count = leftOut(brief, section);
  if (lines.length > 0) out.push(...lines, '');
  if (count === 0 || !brief.budget) {
    if (lines.length === 0) out.push(none, '');
    return;
  }
  const total = lines.length + count;
  const which = count === total && total === 1 ? 'left out' : count === 1 ? 'the oldest left out' : `the ${count} oldest left out`;
  out.push(`_${lines.length} of ${counted(section, total)} shown; ${which} ${purpose(brief.budget)}._`, '');
}

/** The "Last checkpoint" section when no current checkpoint is among the timeline entries shown but some were left out. */
function lastLeftOut(brief: Brief): string | undefined {
  const count = leftOut(brief, 'timeline');
  if (count === 0 || !brief.budget) return undefined;
  const shown = brief.timeline.length;
  if (shown === 0) return `_Not shown: ${count === 1 ? 'the only timeline entry was' : `all ${count} timeline entries were`} left out ${purpose(brief.budget)}._`;
  return `_None among the ${counted('timeline', shown)} shown; ${count === 1 ? 'the oldest was' : `the ${count} oldest were`} left out ${purpose(brief.budget)}._`;
}

/** The first lines of a brief over its budget: how far over, and why. */
function overBudget(budget: BriefBudget): string {
  const gone = budget.omitted.map((o) => counted(o.section, o.count));
  const rest = gone.length > 0 ? `Everything else that can be left out was: ${andList(gone)}.` : 'Nothing else in it can be left out.';
  return `**This brief takes ${budget.tokens} tokens, over the budget of ${budget.max_tokens}:** its status line, contradictions and acceptance criteria are never left out, and they alone take more. ${rest}`;
}

/** The last line of a shortened brief: what the budget left out, in all. */
function budgetSummary(budget: BriefBudget): string | undefined {
  if (budget.omitted.length === 0) return undefined;
  if (budget.exceeded) return `_Left out ${andList(budget.omitted.map((o) => counted(o.section, o.count)))} for the budget of ${budget.max_tokens} tokens, and still over it (see the top). Run without --max-tokens for all of it._`;
  const oldest = budget.omitted.map((o) => (o.count === 1 ? `the oldest ${NOUNS[o.section][0]}` : `the ${o.count} oldest ${NOUNS[o.section][1]}`));
  return `_Shortened to fit ${budget.max_tokens} tokens: left out ${andList(oldest)}. Run without --max-tokens for all of it._`;
}

/** A citation's status in a brief: a moved path says where it went (`moved to \`X\` in \`abc1234\``). */
function evidenceStatus(e: BriefEvidence): string {
  if (e.status !== 'moved') return e.status;
  const where = e.moved_to !== undefined ? `moved to \`${t(e.moved_to)}\`` : e.commit !== undefined ? 'deleted' : 'removed since the tick';
  return e.commit !== undefined ? `${where} in \`${shortSha(e.commit)}\`` : where;
}
