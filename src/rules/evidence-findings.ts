/**
 * Shared by the evidence rules: reports, for every ticked task item of a
 * document, the citations whose verdict has one of the given statuses — one
 * finding per item, at its first such citation, naming every one of them.
 */
import type { CheckedDocument } from '../check/checked-document.js';
import type { ItemEvidence, VerifiedCitation } from '../evidence/analyze.js';
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

/**
 * The items the evidence rules hold to their evidence: {@link liveItems} less the boxes ticked before
 * `check --since`, which one note per document counts (the report sums them into one sentence).
 */
export function heldItems(document: CheckedDocument, context: RuleContext): ItemEvidence[] {
  const items = liveItems(document, context);
  const before = items.filter((e) => e.before).length;
  if (before === 0) return items;
  const since = context.config.since?.raw ?? '';
  context.note(`--since ${since}: ${before} ticked box${before === 1 ? '' : 'es'} of \`${document.path}\`, ticked before it, ${before === 1 ? 'was' : 'were'} not held to the evidence rules.`);
  return items.filter((e) => !e.before);
}

/**
 * Reports the citations of ticked items whose verdict status is in `statuses`: at most one finding per item, at
 * the first such citation. With one, its verdict's message; with several, `what` says what they have in common
 * (`"do not exist"`) and each verdict's message follows, numbered.
 */
export function reportCitations(document: CheckedDocument, context: RuleContext, statuses: ReadonlySet<Verdict['status']>, what: string): void {
  for (const { item, citations } of heldItems(document, context)) {
    if (!item.checked) continue;
    const bad = citations.filter(({ verdict }) => verdict.status !== 'ok' && statuses.has(verdict.status));
    const first = bad[0];
    if (!first) continue;
    const messages = bad.map(({ verdict }) => ('message' in verdict ? verdict.message : ''));
    const message = bad.length === 1 ? messages[0]! : `${bad.length} citations of this ticked box ${what}: ${messages.map((m, i) => `(${i + 1}) ${m}`).join(' ')}`;
    context.report(document, first.citation.range, message, citationExtra(item, bad));
  }
}

/** The line of an item's checkbox, and the files its citations depend on (a cited folder's manifest too). */
export function citationExtra(item: ScannedItem, citations: readonly VerifiedCitation[] = []): FindingExtra {
  const related = [
    ...new Set(
      citations.flatMap(({ citation, path }) => {
        if (citation.type !== 'path') return [];
        const at = path ?? citation.path;
        return [at, `${at}/manifest.json`];
      }),
    ),
  ];
  return { checkboxLine: item.line, ...(related.length > 0 ? { related } : {}) };
}
