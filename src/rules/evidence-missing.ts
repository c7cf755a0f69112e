import { reportCitations } from './evidence-findings.js';
import type { Rule } from './rule.js';
import { RULE } from './rule-ids.js';

const STATUSES = new Set(['missing', 'outside'] as const);

/**
 * A ticked item cites a path that does not exist in the repository (or a
 * folder without a manifest.json), a commit that is not in git history, or a
 * path outside the repository, which is never evidence.
 */
export const evidenceMissing: Rule = {
  id: RULE.EVIDENCE_MISSING,
  summary: 'A ticked item cites a path or commit that does not exist, or a path outside the repository.',
  defaultSeverity: 'error',
  checkDocument: (document, context) => reportCitations(document, context, STATUSES, 'do not exist or are outside the repository'),
};
