/**
 * The markdown brief. Its section order is fixed so that an agent can rely on
 * it: the status line, then Contradictions, Open acceptance criteria, Ticked
 * acceptance criteria, Last checkpoint, Timeline, Commits, Runs, History.
 * A section with nothing to say says so rather than disappearing.
 */
import type { Brief, BriefCheckpoint, BriefCriterion } from './brief-model.js';
import { formatAge } from './derive.js';
import { trimTrailing } from '../strings.js';

/** Renders a brief as markdown (with a final newline). */
export function renderMarkdown(brief: Brief): string {
  const out: string[] = [];
  out.push(`# Task ${brief.task}${brief.title ? `: ${brief.title}` : ''}`, '');
  out.push(`**Status: ${brief.status}** — ${brief.status_reason}`, '');
  if (brief.next_step) {
    const where = brief.next_step.file ? ` (\`${brief.next_step.file}${brief.next_step.line ? `:${brief.next_step.line}` : ''}\`)` : '';
    out.push(`**Next step:** ${brief.next_step.text}${where}`, '');
  }
  const source = brief.packet ? `Packet: \`${brief.packet.file}\`${brief.packet.agent ? `, handed to ${brief.packet.agent}` : ''}${brief.packet.created ? ` on ${brief.packet.created}` : ''}.` : 'No task packet names this task.';
  out.push(`${source} Brief computed at ${brief.generated_at}.`, '');

  out.push('## Contradictions', '');
  if (brief.contradictions.length === 0) out.push('None: no claim contradicts the evidence.', '');
  else out.push(...brief.contradictions.map((c, i) => `${i + 1}. \`${c.file}:${c.line}\` — ${c.message}`), '');

  const open = brief.criteria.filter((c) => !c.checked);
  const ticked = brief.criteria.filter((c) => c.checked);
  out.push('## Open acceptance criteria', '');
  if (brief.criteria.length === 0) out.push(brief.packet ? 'The packet has no acceptance criteria.' : 'No packet, so no acceptance criteria.', '');
  else if (open.length === 0) out.push('None: every criterion is ticked.', '');
  else out.push(...open.map(criterionLine), '');

  out.push('## Ticked acceptance criteria', '');
  if (ticked.length === 0) out.push('None.', '');
  else out.push(...ticked.map(criterionLine), '');

  const current = brief.timeline.filter((c) => c.state === 'current');
  const last = current[current.length - 1];
  out.push('## Last checkpoint', '');
  if (!last) out.push('No checkpoint yet.', '');
  else {
    out.push(`\`${last.file}\` — **${last.checkpoint_kind}** by ${last.agent} at ${last.created}${ageOf(last, brief.generated_at)}${last.head ? `, HEAD ${last.head}` : ''}.`, '');
    if (last.summary) out.push(`> ${last.summary.replace(/\n/g, '\n> ')}`, '');
    if (last.next_steps.length > 0) out.push('Next steps it gave:', '', ...last.next_steps.map((s) => `- ${s}`), '');
  }

  out.push('## Timeline', '');
  if (brief.timeline.length === 0) out.push('No checkpoints.', '');
  else out.push(...brief.timeline.map(timelineLine), '');
  omitted(out, brief, 'timeline', 'oldest timeline entries');

  out.push('## Commits', '');
  if (brief.commits.length === 0) out.push(brief.history.available ? 'No commit mentions the task.' : 'Unavailable: no git history.', '');
  else {
    out.push(
      ...brief.commits.map((c) => {
        const files = c.files.length > 0 ? ` (${c.files.slice(0, 8).map((f) => `\`${f}\``).join(', ')}${c.files.length > 8 ? `, and ${c.files.length - 8} more` : ''})` : '';
        return `- \`${c.sha.slice(0, 12)}\` ${c.date.slice(0, 10)} ${c.author}: ${c.subject}${files}`;
      }),
      '',
    );
  }
  omitted(out, brief, 'commits', 'oldest commits');

  out.push('## Runs', '');
  if (brief.runs.length === 0) out.push('No run manifest names the task.', '');
  else {
    out.push(
      ...brief.runs.map((r) => {
        const age = r.heartbeat_age_minutes !== undefined ? `, heartbeat ${formatAge(r.heartbeat_age_minutes)} ago${r.stale ? ' (stale)' : ''}` : '';
        return `- \`${r.file}\` — ${r.status}${r.started_at ? `, started ${r.started_at}` : ''}${r.finished_at ? `, finished ${r.finished_at}` : ''}${age}`;
      }),
      '',
    );
  }
  omitted(out, brief, 'runs', 'oldest runs');

  out.push('## History', '');
  out.push(brief.history.note ?? `Full history: ${brief.history.commits ?? 0} commit${brief.history.commits === 1 ? '' : 's'} reachable from HEAD.`, '');
  if (brief.budget && brief.budget.omitted.length > 0) {
    const parts = brief.budget.omitted.map((o) => `${o.count} ${o.section === 'timeline' ? 'timeline entries' : o.section}`);
    out.push(`_Shortened to fit ${brief.budget.max_tokens} tokens: left out the oldest ${parts.join(', ')}. Run without --max-tokens for all of it._`, '');
  }
  return `${trimTrailing(out.join('\n'), '\n')}\n`;
}

function criterionLine(c: BriefCriterion): string {
  const box = c.checked ? '[x]' : '[ ]';
  const state = c.checked ? ` — **${c.state === 'verified' ? 'proven' : c.state === 'failed' ? 'evidence fails' : 'only claimed'}**` : '';
  const cited = c.checked && c.evidence.length > 0 ? `; cites ${c.evidence.map((e) => `\`${e.cited}\` (${e.status})`).join(', ')}` : '';
  return `- ${box} ${c.text}${state} (\`${c.file}:${c.line}\`${cited})`;
}

function timelineLine(c: BriefCheckpoint): string {
  const state = c.state === 'current' ? '' : c.state === 'deleted' ? ` _(deleted${c.replaced_by ? ` in ${c.replaced_by}` : ''}; recovered from git)_` : ` _(earlier version, rewritten${c.replaced_by ? ` in ${c.replaced_by}` : ''}; recovered from git)_`;
  return `- ${c.created} **${c.checkpoint_kind}** by ${c.agent}: ${c.summary} (\`${c.file}\`)${state}`;
}

function ageOf(checkpoint: BriefCheckpoint, now: string): string {
  const minutes = Math.floor((Date.parse(now) - Date.parse(checkpoint.created)) / 60_000);
  return Number.isNaN(minutes) || minutes < 0 ? '' : ` (${formatAge(minutes)} ago)`;
}

function omitted(out: string[], brief: Brief, section: 'timeline' | 'commits' | 'runs', words: string): void {
  const count = brief.budget?.omitted.find((o) => o.section === section)?.count;
  if (count) out.push(`_${count} ${words} left out to fit the token budget._`, '');
}
