import type { CheckedDocument } from '../check/checked-document.js';
import type { FirstAdded, HistoryIndex } from '../git/history-index.js';
import { citationExtra, heldItems } from './evidence-findings.js';
import type { Rule, RuleContext } from './rule.js';
import { RULE } from './rule-ids.js';
import { shortSha } from '../git/short-sha.js';

/**
 * Proof produced after the claim: a ticked box cites evidence whose first
 * commit came after the commit that last changed the box's line (found with
 * blame), so the box was ticked before its proof existed. One pass over
 * history per run finds when each file first appeared; blame runs only on
 * files where some cited evidence is younger than the file itself. In a
 * shallow clone, evidence first seen at the clone's boundary is not judged.
 */
export const evidenceBackdated: Rule = {
  id: RULE.EVIDENCE_BACKDATED,
  summary: 'A ticked box cites evidence first committed after the commit that ticked it.',
  defaultSeverity: 'warning',
  async checkDocument(document, context) {
    if (document.format !== 'markdown') return;
    const items = heldItems(document, context).filter((i) => i.item.checked && i.citations.some((c) => c.citation.type === 'path' && c.verdict.status === 'ok'));
    if (items.length === 0) return;
    const history = await context.history();
    if (!history) {
      context.note('evidence-backdated was not checked: no git history here.');
      return;
    }
    await checkDocument(document, items, history, context);
  },
};

type Items = Awaited<ReturnType<RuleContext['evidence']['items']>>;

async function checkDocument(document: CheckedDocument, items: Items, history: HistoryIndex, context: RuleContext): Promise<void> {
  const created = history.firstAdded.get(document.path);
  if (!created) return; // the file is not committed yet: nothing was claimed in history
  const candidates: Array<{ item: Items[number]; cited: Items[number]['citations'][number]; evidence: FirstAdded; path: string }> = [];
  for (const item of items) {
    for (const cited of item.citations) {
      const { citation, verdict } = cited;
      if (citation.type !== 'path' || verdict.status !== 'ok') continue;
      const at = cited.path ?? citation.path;
      const evidencePath = history.firstAdded.has(at) ? at : `${at}/manifest.json`;
      const evidence = history.firstAdded.get(evidencePath);
      if (!evidence) continue; // not committed: the change under review brings it
      if (evidence.atBoundary) {
        context.note('evidence-backdated: in this shallow clone, evidence first seen at the clone boundary was not judged (fetch more history to judge it).');
        continue;
      }
      // Evidence older than the citing file cannot postdate a tick in it.
      if (evidence.committedAt > created.committedAt) candidates.push({ item, cited, evidence, path: evidencePath });
    }
  }
  if (candidates.length === 0) return;
  if (!(await context.git())) return;
  const blame = await context.evidence.ticks.of(document.absolutePath);
  for (const { item, cited, evidence, path } of candidates) {
    const tick = blame.get(item.item.line);
    if (!tick || /^0+$/.test(tick.sha) || evidence.committedAt <= tick.committedAt) continue;
    const when = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
    context.report(
      document,
      cited.citation.range,
      `Evidence \`${path}\` was first committed in \`${shortSha(evidence.sha)}\` (${when(evidence.committedAt)} UTC), after this box was ticked in \`${shortSha(tick.sha)}\` (${when(tick.committedAt)} UTC): the proof came after the claim.`,
      citationExtra(item.item, [cited]),
    );
  }
}
