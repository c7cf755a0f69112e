/**
 * Shared by the evidence rules: reports, for every ticked task item of a
 * document, the citations whose verdict has one of the given statuses.
 */
import type { CheckedDocument } from '../check/checked-document.js';
import type { Verdict } from '../evidence/verify.js';
import type { RuleContext } from './rule.js';

/** Reports the citations of ticked items whose verdict status is in `statuses`. */
export async function reportCitations(document: CheckedDocument, context: RuleContext, statuses: ReadonlySet<Verdict['status']>): Promise<void> {
  for (const { item, citations } of await context.evidence.items(document)) {
    if (!item.checked) continue;
    for (const { citation, verdict } of citations) {
      if (verdict.status !== 'ok' && statuses.has(verdict.status)) context.report(document, citation.range, verdict.message);
    }
  }
}
