/**
 * Derive step of `brief`: contradictions (claims the evidence does not back),
 * the task's status, and its next step. The status comes from evidence, not
 * from what anyone wrote about it.
 */
import { metadataRecord, stringField } from '../document/source-document.js';
import { DAY_MS } from '../time/clock.js';
import type { Brief, Contradiction, TaskStatus } from './brief-model.js';
import type { Gathered } from './gather.js';

/** What derive adds to the gathered facts. */
export interface Derived {
  status: TaskStatus;
  status_reason: string;
  contradictions: Contradiction[];
  next_step?: Brief['next_step'];
}

/**
 * Derives contradictions, status and next step.
 * @param now - the clock
 * @param stallDays - days without activity after which a task is stalled
 */
export function deriveTask(gathered: Gathered, now: Date, stallDays: number): Derived {
  const { criteria, checkpoints, runs } = gathered;
  const current = checkpoints.filter((c) => c.entry.state === 'current');
  const latest = current[current.length - 1];
  // A box deferred on purpose holds nothing open; where the layout does not ask ticked boxes for evidence, a
  // ticked box without any counts as done (its cited evidence, if any, must still hold).
  const evidenceRequired = gathered.model?.evidenceRequired ?? true;
  const unproven = criteria.filter((c) => !c.deferred && (c.state === 'open' || c.state === 'failed' || (c.state === 'claimed' && evidenceRequired)));
  const open = criteria.filter((c) => !c.checked && !c.deferred);
  const contradictions: Contradiction[] = [];

  // A "done" claim: the latest checkpoint's, or the packet's own status.
  const claims: Array<{ file: string; line: number; column?: number; words: string; who: string }> = [];
  if (latest?.claim) claims.push({ ...latest.claim, who: 'Checkpoint' });
  const packetStatus = gathered.packet ? stringField(metadataRecord(gathered.packet), 'status') : undefined;
  if (gathered.packet && packetStatus === 'done') {
    const at = gathered.packet.metadata?.locate(['status'])?.value.start ?? 0;
    const place = gathered.packet.lines.place(at);
    claims.push({ file: gathered.packet.path, line: place.line, column: place.column, words: 'status: done', who: 'Task packet' });
  }
  const declared = gathered.model?.status;
  if (declared?.category === 'done') {
    const archived = 'label' in declared.from && declared.from.label === 'archive folder';
    claims.push({ file: declared.file, line: declared.line, column: declared.column, words: archived ? 'archived' : `Status: ${declared.value}`, who: archived ? 'Its place in an archive folder' : 'The task' });
  }
  for (const claim of claims) {
    if (unproven.length === 0) continue;
    const first = unproven[0]!;
    const what = first.state === 'open' ? 'is open' : first.state === 'failed' ? 'cites evidence that is missing or failed' : 'is ticked without evidence that can be checked';
    contradictions.push({
      kind: 'done-claim-unbacked',
      file: claim.file,
      line: claim.line,
      ...(claim.column ? { column: claim.column } : {}),
      message: `${claim.who} claims "${claim.words}", but ${unproven.length} of ${criteria.length} acceptance criteria ${unproven.length === 1 ? 'is' : 'are'} not proven: "${first.text}" (${first.file}:${first.line}) ${what}.`,
    });
  }
  // A section that declares itself done (TheMonk's `#### Task 1.1` with `**Status**: ✅ Completed`) over its own boxes.
  for (const section of gathered.model?.sections ?? []) {
    if (section.status.category !== 'done') continue;
    const below = gathered.model!.criteria.slice(section.from, section.to);
    const short = below.filter((c) => !c.deferred && (c.verdict === 'open' || c.verdict === 'failed' || (c.verdict === 'unproven' && evidenceRequired)));
    const first = short[0];
    if (!first) continue;
    const what = first.verdict === 'open' ? 'is open' : first.verdict === 'failed' ? 'cites evidence that is missing or failed' : 'is ticked without evidence that can be checked';
    contradictions.push({
      kind: 'done-claim-unbacked',
      file: section.status.file,
      line: section.status.line,
      column: section.status.column,
      message: `Section "${section.heading}" claims "Status: ${section.status.value}", but ${short.length} of ${below.length} of its criteria ${short.length === 1 ? 'is' : 'are'} not proven: "${first.text}" (${first.file}:${first.line}) ${what}.`,
    });
  }
  for (const failed of gathered.failedEvidence) {
    contradictions.push({ kind: 'evidence-failed', file: failed.file, line: failed.line, ...(failed.column ? { column: failed.column } : {}), message: `Ticked "${failed.text}", but ${lowerFirst(failed.message)}` });
  }
  for (const run of runs) {
    if (!run.stale) continue;
    contradictions.push({
      kind: 'heartbeat-stale',
      file: run.file,
      line: 1,
      message: `Run \`${run.run_id}\` says it is running, but its last heartbeat is ${formatAge(run.heartbeat_age_minutes ?? 0)} old.`,
    });
  }

  const claimed = claims.length > 0 || (criteria.length > 0 && open.length === 0);
  let status: TaskStatus;
  let reason: string;
  if (claimed && contradictions.length === 0 && unproven.length === 0 && (criteria.length > 0 || latest?.entry.checkpoint_kind === 'done')) {
    status = 'done';
    reason = criteria.length > 0 ? `All ${criteria.length} acceptance criteria are ticked and their evidence holds.` : 'The latest checkpoint is `done` and nothing contradicts it (the task has no acceptance criteria to check).';
  } else if (claimed) {
    status = 'done-unverified';
    reason = `The task is claimed done, but ${unproven.length > 0 ? `${unproven.length} of ${criteria.length} acceptance criteria ${unproven.length === 1 ? 'is' : 'are'} not proven` : `${contradictions.length} contradiction${contradictions.length === 1 ? '' : 's'} stand${contradictions.length === 1 ? 's' : ''}`}.`;
  } else if (latest?.entry.checkpoint_kind === 'blocked') {
    status = 'blocked';
    reason = `The latest checkpoint (${latest.entry.created}) says the task is blocked: ${latest.entry.summary}`;
  } else if (runs.some((r) => r.stale)) {
    status = 'stalled';
    reason = 'A run says it is running, but its heartbeat is stale.';
  } else {
    const last = lastActivity(gathered);
    const quietDays = last === undefined ? undefined : Math.floor((now.getTime() - last) / DAY_MS);
    if (current.length === 0 && gathered.commits.length === 0 && runs.length === 0 && !criteria.some((c) => c.checked)) {
      status = 'not-started';
      reason = 'No checkpoint, commit or run mentions the task, and no criterion is ticked.';
    } else if (quietDays !== undefined && quietDays > stallDays) {
      status = 'stalled';
      reason = `Nothing has happened on the task for ${quietDays} days (no checkpoint, commit or run), over the ${stallDays}-day limit.`;
    } else {
      status = 'in-progress';
      const activity = [
        plural(current.length, 'checkpoint'),
        plural(gathered.commits.length, 'commit'),
        plural(runs.length, 'run'),
      ].join(', ');
      reason = criteria.length > 0 ? `${criteria.length - open.length} of ${criteria.length} acceptance criteria are ticked; work is under way (${activity}).` : `Work is under way (${activity}); there are no acceptance criteria to measure it by.`;
    }
  }

  return { status, status_reason: reason, contradictions, ...nextStep(gathered, status, contradictions) };
}

function nextStep(gathered: Gathered, status: TaskStatus, contradictions: readonly Contradiction[]): Pick<Derived, 'next_step'> {
  if (status === 'done') return {};
  const current = gathered.checkpoints.filter((c) => c.entry.state === 'current');
  const latest = current[current.length - 1];
  const evidenceRequired = gathered.model?.evidenceRequired ?? true;
  const firstOpen = gathered.criteria.find((c) => !c.deferred && (c.state === 'open' || c.state === 'failed' || (c.state === 'claimed' && evidenceRequired)));
  // A false "done" claim voids that checkpoint's plan: the open criterion comes first.
  if (latest && latest.entry.next_steps.length > 0 && status !== 'done-unverified') {
    return { next_step: { text: latest.entry.next_steps[0]!, source: 'checkpoint', file: latest.entry.file } };
  }
  if (firstOpen) {
    const verb = firstOpen.state === 'open' ? '' : firstOpen.state === 'failed' ? 'Re-prove (its evidence is missing or failed): ' : 'Prove with checkable evidence: ';
    return { next_step: { text: `${verb}${firstOpen.text}`, source: 'criterion', file: firstOpen.file, line: firstOpen.line } };
  }
  const first = contradictions[0];
  if (first) return { next_step: { text: `Resolve: ${first.message}`, source: 'contradiction', file: first.file, line: first.line } };
  if (latest && latest.entry.next_steps.length > 0) return { next_step: { text: latest.entry.next_steps[0]!, source: 'checkpoint', file: latest.entry.file } };
  return {};
}

function lastActivity(gathered: Gathered): number | undefined {
  const times = [
    ...gathered.checkpoints.map((c) => Date.parse(c.entry.created)),
    ...gathered.commits.map((c) => Date.parse(c.date)),
    ...gathered.runs.flatMap((r) => [r.heartbeat_at, r.finished_at, r.started_at].map((t) => Date.parse(t ?? ''))),
  ].filter((t) => !Number.isNaN(t));
  return times.length > 0 ? Math.max(...times) : undefined;
}

/** Minutes as "45 minutes", "3 hours", "2 days". */
export function formatAge(minutes: number): string {
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} hours`;
  return `${Math.floor(minutes / (24 * 60))} days`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
