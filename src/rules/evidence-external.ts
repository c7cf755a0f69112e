import { reportCitations } from './evidence-findings.js';
import type { Rule } from './rule.js';
import { RULE } from './rule-ids.js';

const STATUSES = new Set(['unverifiable'] as const);

/**
 * A ticked item's evidence cannot be checked offline: an issue or pull-request
 * reference, a URL, or a commit where there is no (deep enough) git history.
 * It counts as evidence; this warning says it was taken on trust.
 */
export const evidenceExternal: Rule = {
  id: RULE.EVIDENCE_EXTERNAL,
  summary: 'A ticked item cites evidence that cannot be checked offline (issue, URL).',
  defaultSeverity: 'warning',
  checkDocument: (document, context) => reportCitations(document, context, STATUSES, 'cannot be checked offline'),
};
