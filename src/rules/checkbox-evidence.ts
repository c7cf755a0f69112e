import { citationExtra, liveItems } from './evidence-findings.js';
import type { Rule } from './rule.js';
import { RULE } from './rule-ids.js';

/**
 * A ticked task item (`[x]` or `[X]`) whose own text cites no evidence at all.
 * Seed 004's convention: "flip it to [x] while citing the run manifest or log
 * that proves the result".
 */
export const checkboxEvidence: Rule = {
  id: RULE.CHECKBOX_EVIDENCE,
  summary: 'A ticked task item whose own text cites no evidence.',
  defaultSeverity: 'error',
  checkDocument(document, context) {
    for (const { item, citations } of liveItems(document, context)) {
      if (!item.checked || citations.length > 0) continue;
      context.report(
        document,
        item.checkbox,
        'Ticked box is unproven: it cites no evidence; cite the run manifest, log, file or commit that proves it (as `path` or a link), or untick it.',
        citationExtra(item),
      );
    }
  },
};
