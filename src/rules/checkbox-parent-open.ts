import { citationExtra, liveItems } from './evidence-findings.js';
import { itemsBelow } from '../tasks/item-tree.js';
import type { Rule } from './rule.js';
import { RULE } from './rule-ids.js';

/**
 * A ticked task item with an unticked task item below it, nested by indentation or by numbering (`2.` holds
 * `2.1`, as Kiro writes them unindented): the parent claims more than its parts.
 */
export const checkboxParentOpen: Rule = {
  id: RULE.CHECKBOX_PARENT_OPEN,
  summary: 'A ticked task item with an unticked item nested below it.',
  defaultSeverity: 'error',
  checkDocument(document, context) {
    const items = liveItems(document, context).map((evidence) => evidence.item);
    const below = itemsBelow(items);
    items.forEach((item, i) => {
      if (!item.checked) return;
      const open = below[i]!.map((j) => items[j]!).filter((child) => !child.checked);
      const first = open[0];
      if (!first) return;
      const line = first.line;
      const more = open.length > 1 ? ` and ${open.length - 1} more` : '';
      context.report(document, item.checkbox, `Ticked box has an open item below it (line ${line}${more}); finish it or untick this one.`, citationExtra(item));
    });
  },
};
