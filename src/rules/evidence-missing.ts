import { heldItems, reportCitations } from './evidence-findings.js';
import type { Rule } from './rule.js';
import { RULE } from './rule-ids.js';

const STATUSES = new Set(['missing', 'outside'] as const);

/**
 * A ticked item cites a path that does not exist in the repository (or a
 * folder without a manifest.json), a commit that is not in git history, or a
 * path outside the repository, which is never evidence. A path judged at the
 * tick (see `Ticks`) that existed then and was moved or deleted since is not
 * missing: one note per document counts those and names the first.
 */
export const evidenceMissing: Rule = {
  id: RULE.EVIDENCE_MISSING,
  summary: 'A ticked item cites a path or commit that does not exist, or a path outside the repository.',
  defaultSeverity: 'error',
  checkDocument(document, context) {
    reportCitations(document, context, STATUSES, 'do not exist or are outside the repository');
    const moved = heldItems(document, context).flatMap(({ item, citations }) => (item.checked ? citations.filter((c) => c.verdict.status === 'moved').map((c) => ({ item, c })) : []));
    const first = moved[0];
    if (!first || first.c.verdict.status !== 'moved') return;
    const more = moved.length > 1 ? ` (and ${moved.length - 1} more cited path${moved.length === 2 ? '' : 's'} of this file moved or deleted since their boxes were ticked)` : '';
    context.note(`\`${document.path}:${first.item.line}\`: ${first.c.verdict.message.replace(/^Cited/, 'cited')} Not reported as missing${more}.`);
  },
};
