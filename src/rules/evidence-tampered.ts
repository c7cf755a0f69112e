import type { CheckedDocument } from '../check/checked-document.js';
import type { VerifiedCitation } from '../evidence/analyze.js';
import type { CommitRecord } from '../git/log.js';
import { shortSha } from '../git/short-sha.js';
import { KIND } from '../kinds/kind.js';
import { citationExtra, heldItems } from './evidence-findings.js';
import type { Rule, RuleContext } from './rule.js';
import { RULE } from './rule-ids.js';

/**
 * Evidence that cannot be trusted as written. In a run manifest: a run that
 * says `succeeded` over a command with a non-zero `exit_code`, or a command
 * whose log does not hash to its `log_sha256`. In a task list: a ticked box
 * whose cited run output (a manifest, a run folder, a log, or a log its
 * manifest names) was changed in a commit after the one that ticked the box:
 * evidence edited after the claim. The tick is found with blame (shared with
 * `evidence-backdated`, which reports evidence first committed after it).
 */
export const evidenceTampered: Rule = {
  id: RULE.EVIDENCE_TAMPERED,
  summary: 'A run that says succeeded over a failing command, a log that does not match its hash, or evidence edited after the box was ticked.',
  defaultSeverity: 'error',
  async checkDocument(document, context) {
    if (document.kind === KIND.RUN_MANIFEST) {
      for (const problem of context.evidence.commandProblems(document)) {
        const at = document.metadata?.locate(['commands', String(problem.index), problem.field]) ?? document.metadata?.locate(['commands', String(problem.index)]);
        context.report(document, at?.value ?? 0, `This run ${problem.message}`);
      }
      return;
    }
    if (document.format === 'markdown') await editedAfterTick(document, context);
  },
};

/** A cited run output, and the paths a change to which changes it. */
interface Watched {
  cited: VerifiedCitation;
  path: string;
  /** The cited path (a file, or a run folder and everything under it) and the logs its manifest names. */
  paths: string[];
}

async function editedAfterTick(document: CheckedDocument, context: RuleContext): Promise<void> {
  const items = heldItems(document, context).flatMap(({ item, citations }) => {
    if (!item.checked) return [];
    const watched = citations.flatMap((cited) => watch(cited, context));
    return watched.length > 0 ? [{ item, watched }] : [];
  });
  if (items.length === 0) return;
  const history = await context.history();
  if (!history) {
    context.note('evidence-tampered was not checked: no git history here.');
    return;
  }
  // What a commit after the tick changed: only commits other than the one that first added the evidence can
  // (that one is evidence-backdated's case, or came before the tick). Evidence no other commit touched was not
  // edited, so its box needs no blame: in a repository whose evidence is never rewritten, no file is blamed.
  const editsOf = (watch: Watched): Set<CommitRecord> => {
    const added = history.firstAdded.get(watch.path) ?? history.firstAdded.get(`${watch.path}/manifest.json`);
    const commits = new Set<CommitRecord>();
    for (const p of watch.paths) for (const commit of history.touching(p)) if (commit.sha !== added?.sha) commits.add(commit);
    return commits;
  };
  for (const { item, watched: all } of items) {
    const editing = new Map(all.map((watch) => [watch, editsOf(watch)]));
    const watched = all.filter((watch) => editing.get(watch)!.size > 0);
    if (watched.length === 0) continue;
    const tick = await context.evidence.ticks.tickOf(document.absolutePath, item.line);
    if (!tick) continue;
    const after = await context.evidence.ticks.commitsAfter(tick.sha);
    if (after.size === 0) continue;
    const edited: Array<{ watch: Watched; sha: string; committedAt: string; count: number }> = [];
    for (const watch of watched) {
      const added = history.firstAdded.get(watch.path) ?? history.firstAdded.get(`${watch.path}/manifest.json`);
      if (added && after.has(added.sha)) continue; // first committed after the tick: evidence-backdated's case
      const changes = editing.get(watch)!;
      const edits = history.commits.filter((c) => changes.has(c) && after.has(c.sha));
      const newest = edits[0];
      if (newest) edited.push({ watch, sha: newest.sha, committedAt: newest.committedAt, count: edits.length });
    }
    const first = edited[0];
    if (!first) continue;
    const what = edited.map(({ watch, sha, committedAt, count }) => `\`${watch.path}\` in \`${shortSha(sha)}\` (${committedAt.slice(0, 10)}${count > 1 ? `, the last of ${count} commits` : ''})`);
    context.report(
      document,
      first.watch.cited.citation.range,
      `Cited evidence was changed after this box was ticked in \`${shortSha(tick.sha)}\`: ${what.join('; ')}. Evidence edited after the claim proves nothing; record a new run and tick the box again.`,
      citationExtra(item, edited.map((e) => e.watch.cited)),
    );
  }
}

/** What to watch for a citation: a run's output that held when cited (a manifest with its logs, a run folder, a log). */
function watch(cited: VerifiedCitation, context: RuleContext): Watched[] {
  const { citation, verdict } = cited;
  if (citation.type !== 'path' || (verdict.status !== 'ok' && verdict.status !== 'failed')) return [];
  const at = cited.path ?? citation.path;
  if (!context.evidence.isRunOutput(at)) return [];
  const folder = context.paths.kind(at) === 'directory';
  const logs = new Set(context.evidence.runOf(folder ? `${at}/manifest.json` : at)?.logs);
  return [{ cited, path: at, paths: [at, ...logs] }];
}
