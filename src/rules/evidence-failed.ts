import { reportCitations } from './evidence-findings.js';
import type { Rule } from './rule.js';
import { RULE } from './rule-ids.js';

const STATUSES = new Set(['failed'] as const);

/**
 * A ticked item cites a run manifest that fails its schema, records a status
 * other than `succeeded` (or a failing command), or belongs to another task.
 */
export const evidenceFailed: Rule = {
  id: RULE.EVIDENCE_FAILED,
  summary: 'A ticked item cites a run manifest that is invalid, did not succeed, or belongs to another task.',
  defaultSeverity: 'error',
  checkDocument: (document, context) => reportCitations(document, context, STATUSES, 'do not prove success for this task'),
};
