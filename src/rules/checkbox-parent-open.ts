import { citationExtra } from './evidence-findings.js';
import type { Rule } from './rule.js';
import { RULE } from './rule-ids.js';

/** A ticked task item with an unticked task item nested below it: the parent claims more than its parts. */
export const checkboxParentOpen: Rule = {
  id: RULE.CHECKBOX_PARENT_OPEN,
  summary: 'A ticked task item with an unticked item nested below it.',
  defaultSeverity: 'error',
  checkDocument(document, context) {
    for (const { item } of context.evidence.items(document)) {
      if (!item.checked) continue;
      const open = item.descendants.filter((child) => !child.checked);
      const first = open[0];
      if (!first) continue;
      const line = first.line;
      const more = open.length > 1 ? ` and ${open.length - 1} more` : '';
      context.report(document, item.checkbox, `Ticked box has an open item below it (line ${line}${more}); finish it or untick this one.`, citationExtra(item));
    }
  },
};
