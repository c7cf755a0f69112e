import type { ItemEvidence } from '../evidence/analyze.js';
import { treeVerdicts, type ItemVerdict } from '../evidence/item-verdicts.js';
import { itemParents } from '../tasks/item-tree.js';
import { citationExtra, heldItems, liveItems } from './evidence-findings.js';
import type { Rule } from './rule.js';
import { RULE } from './rule-ids.js';

/** Why a child does not prove its parent. */
const WHY: Record<Exclude<ItemVerdict, 'proven'>, string> = {
  open: 'is not ticked',
  unproven: 'is not proven (it cites nothing that can be checked)',
  failed: 'cites evidence that is missing or failed',
};

/**
 * A ticked task item (`[x]` or `[X]`) whose own text cites no evidence at all.
 * Seed 004's convention: "flip it to [x] while citing the run manifest or log
 * that proves the result". A ticked parent that cites nothing is proven by its
 * children (nested by indentation or by numbering) when every one of them is
 * ticked and proven; otherwise the finding names the first child that is not.
 */
export const checkboxEvidence: Rule = {
  id: RULE.CHECKBOX_EVIDENCE,
  summary: 'A ticked task item whose own text cites no evidence (a parent: nor do all its items below prove it).',
  defaultSeverity: 'error',
  checkDocument(document, context) {
    const items = liveItems(document, context);
    // The tree is judged whole; only boxes ticked after `--since` are reported.
    const held = new Set(heldItems(document, context));
    if (!items.some((e) => e.item.checked && e.citations.length === 0 && held.has(e))) return;
    const parent = itemParents(items.map((e) => e.item));
    const verdicts = treeVerdicts(items, parent);
    const childrenOf: number[][] = items.map(() => []);
    parent.forEach((p, j) => {
      if (p !== undefined) childrenOf[p]!.push(j);
    });
    items.forEach((evidence, i) => {
      const { item, citations } = evidence;
      if (!item.checked || citations.length > 0 || !held.has(evidence)) return;
      const children = childrenOf[i]!;
      let message = `Ticked box is unproven: it cites no evidence${described(evidence)}; cite the run manifest, log, file or commit that proves it (as \`path\` or a link), or untick it.`;
      if (children.length > 0) {
        const child = children.find((j) => verdicts[j] !== 'proven');
        if (child === undefined) return; // every item below it is ticked and proven: so is it
        const why = WHY[verdicts[child] as Exclude<ItemVerdict, 'proven'>];
        message = `Ticked box is unproven: it cites no evidence${described(evidence)}, and its item on line ${items[child]!.item.line} ${why}; prove every item below it, cite what proves this one, or untick it.`;
      }
      context.report(document, item.checkbox, message, citationExtra(item));
    });
  },
};

/** The paths an item names that name nothing in the repository (descriptions, not citations), as a clause. */
function described(evidence: ItemEvidence): string {
  const paths = (evidence.described ?? []).map((c) => `\`${c.raw}\``);
  if (paths.length === 0) return '';
  return ` (${paths.length === 1 ? `${paths[0]!} names nothing` : `${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ', …' : ''} name nothing`} in the repository)`;
}
