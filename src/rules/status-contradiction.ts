import type { CheckedDocument } from '../check/checked-document.js';
import { KIND } from '../kinds/kind.js';
import { buildTasks, mayDeclareStatus } from '../tasks/build-tasks.js';
import { countCriteria, type DeclaredStatus, type TaskCriterion, type TaskRecord } from '../tasks/task-model.js';
import type { Rule, RuleContext } from './rule.js';
import { RULE } from './rule-ids.js';

/**
 * A task whose declared status contradicts its boxes: declared done (done, implemented, complete, closed,
 * archived: an OpenSpec change under `changes/archive/` is declared done by its place) while criteria are
 * open, cite failed evidence, or (where the layout holds ticked boxes to evidence) cite none; or declared
 * not started (draft, to do, proposed) while every criterion is ticked (a warning). The status is read where
 * the layout keeps it (a preset's `tasks` sources): frontmatter, or a body line such as `**Status**: Draft`.
 * A section that declares a status of its own under its heading (TheMonk's `#### Task 1.1` with
 * `**Status**: ✅ Completed`) is judged the same way over the criteria below that heading.
 */
export const statusContradiction: Rule = {
  id: RULE.STATUS_CONTRADICTION,
  summary: 'A task declared done while criteria are open or unproven, or declared not started while every criterion is ticked.',
  defaultSeverity: 'error',
  // The documents a judgment needs: specs (where status may live), and the task documents that can declare a
  // status (see `mayDeclareStatus`). Most task lists of specguard's own layout declare none and are let go.
  readsDocument: (document, config) => document.kind === KIND.FEATURE_SPEC || mayDeclareStatus(document, config),
  async checkRepository(context) {
    if (context.config.tasks.length === 0) return;
    const tasks = await buildTasks({ config: context.config, documents: context.documents, evidence: context.evidence });
    const byPath = new Map(context.documents.map((d) => [d.path, d]));
    for (const task of tasks) judge(task, context, byPath);
  },
};

/** Whether a status is the one an archive folder declares by its place. */
function byPlace(task: TaskRecord): boolean {
  return task.status !== undefined && 'label' in task.status.from && task.status.from.label === 'archive folder';
}

/** Where a task's status is written, as `file:line` (or the archive folder). */
function placeOf(task: TaskRecord): string {
  const status = task.status!;
  if ('key' in status.from) return `${status.file}:${status.line}, \`${status.from.key}\``;
  return byPlace(task) ? `its place in an archive folder` : `${status.file}:${status.line}`;
}

function judge(task: TaskRecord, context: RuleContext, byPath: ReadonlyMap<string, CheckedDocument>): void {
  const related = task.sources;
  if (task.status && task.criteria.length > 0) {
    const declared = byPlace(task) ? 'Archived' : `Declared \`${task.status.value}\``;
    judgeClaim({ status: task.status, criteria: task.criteria, declared: `${declared} (${placeOf(task)})`, whose: `task \`${task.id}\``, wholeSpan: !byPlace(task) }, task, context, byPath, related);
  }
  for (const section of task.sections) {
    const heading = section.heading.length > 60 ? `${section.heading.slice(0, 59)}…` : section.heading;
    judgeClaim(
      {
        status: section.status,
        criteria: task.criteria.slice(section.from, section.to),
        declared: `Declared \`${section.status.value}\` (${section.status.file}:${section.status.line})`,
        whose: `section "${heading}" of task \`${task.id}\``,
        wholeSpan: true,
      },
      task,
      context,
      byPath,
      related,
    );
  }
}

/** A status claim over some criteria: a task's own, or one section's. */
interface Claim {
  status: DeclaredStatus;
  criteria: readonly TaskCriterion[];
  /** `Declared \`Done\` (file:line)`, or `Archived (its place in an archive folder)`. */
  declared: string;
  /** Whose criteria they are, in words (`task \`0001\``). */
  whose: string;
  /** Whether the finding spans the status value (not for a status declared by the archive folder). */
  wholeSpan: boolean;
}

function judgeClaim(claim: Claim, task: TaskRecord, context: RuleContext, byPath: ReadonlyMap<string, CheckedDocument>, sources: readonly string[]): void {
  const { status, criteria } = claim;
  const counts = countCriteria(criteria);
  const related = sources.filter((file) => file !== status.file);
  const report = (message: string, severity?: 'warning'): void => {
    const document = byPath.get(status.file);
    const extra = { ...(related.length > 0 ? { related } : {}), ...(severity ? { severity } : {}) };
    if (document) context.report(document, { start: status.offset, end: status.offset + (claim.wholeSpan ? status.value.length : 0) }, message, extra);
    else context.reportFile(status.file, message, extra);
  };
  if (status.category === 'done') {
    // Where the layout does not hold ticked boxes to evidence, the evidence rules speak for each citation;
    // here an open box is what contradicts "done". Boxes deferred on purpose do not.
    const open = counts.open - counts.deferred;
    const unproven = task.evidenceRequired ? counts.unproven : 0;
    const failed = task.evidenceRequired ? counts.failed : 0;
    const short = open + failed + unproven;
    if (short === 0) return;
    const parts = [
      open > 0 ? `${open} open` : '',
      failed > 0 ? `${failed} citing missing or failed evidence` : '',
      unproven > 0 ? `${unproven} ticked without evidence` : '',
    ].filter(Boolean);
    const first = criteria.find((c) => (c.verdict === 'open' && !c.deferred) || (failed > 0 && c.verdict === 'failed') || (unproven > 0 && c.verdict === 'unproven'))!;
    report(`${claim.declared} but ${short} of ${counts.total} criteria of ${claim.whose} are not done: ${parts.join(', ')}; the first is ${quote(first)}. Finish and tick them, or correct the status.`);
  } else if (status.category === 'not-started' && counts.checked === counts.total) {
    report(`${claim.declared} but all ${counts.total} criteria of ${claim.whose} are ticked; update the status.`, 'warning');
  }
}

/** A criterion as `"text" (file:line)`, its text cut to 80 characters. */
function quote(criterion: TaskCriterion): string {
  const text = criterion.text.length > 80 ? `${criterion.text.slice(0, 79)}…` : criterion.text;
  return `"${text}" (${criterion.file}:${criterion.line})`;
}
