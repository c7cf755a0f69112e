/**
 * Shared by the evidence rules: reports, for every ticked task item of a
 * document, the citations whose verdict has one of the given statuses.
 */
import type { CheckedDocument } from '../check/checked-document.js';
import type { ItemEvidence } from '../evidence/analyze.js';
import type { Citation } from '../evidence/citations.js';
import { isArchived } from '../presets/archived.js';
import type { Verdict } from '../evidence/verify.js';
import type { ScannedItem } from '../markdown/body-scan.js';
import type { FindingExtra, RuleContext } from './rule.js';

/**
 * The task items of a live document with their evidence: none for a document in an archive of finished work
 * (see {@link isArchived}), which the evidence rules leave alone.
 */
export function liveItems(document: CheckedDocument, context: RuleContext): ItemEvidence[] {
  return isArchived(context.config, document.path) ? [] : context.evidence.items(document);
}

/** Reports the citations of ticked items whose verdict status is in `statuses`. */
export function reportCitations(document: CheckedDocument, context: RuleContext, statuses: ReadonlySet<Verdict['status']>): void {
  for (const { item, citations } of liveItems(document, context)) {
    if (!item.checked) continue;
    for (const { citation, verdict } of citations) {
      if (verdict.status !== 'ok' && statuses.has(verdict.status)) context.report(document, citation.range, verdict.message, citationExtra(item, citation));
    }
  }
}

/** The line of an item's checkbox, and the files a citation depends on (a cited folder's manifest too). */
export function citationExtra(item: ScannedItem, citation?: Citation): FindingExtra {
  const line = item.line;
  const related = citation?.type === 'path' ? [citation.path, `${citation.path}/manifest.json`] : undefined;
  return { checkboxLine: line, ...(related ? { related } : {}) };
}
