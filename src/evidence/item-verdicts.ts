/**
 * What each task item of a document proves, as a tree: a ticked item's own citations decide its verdict, and a
 * ticked parent whose own text cites nothing is proven when every child is ticked and proven, and takes its
 * children's worst verdict otherwise (an open child leaves it unproven).
 */
import type { ItemEvidence } from './analyze.js';

/** An item's verdict: open (not ticked), proven, unproven (ticked, cites nothing that holds), or failed. */
export type ItemVerdict = 'proven' | 'unproven' | 'failed' | 'open';

/**
 * A ticked item's verdict from its own citations: any missing or failed one fails it, else any that holds (or
 * held when the box was ticked: `moved`) proves it.
 */
export function ownVerdict(evidence: ItemEvidence): ItemVerdict {
  if (!evidence.item.checked) return 'open';
  const statuses = evidence.citations.map((c) => c.verdict.status);
  if (statuses.some((s) => s === 'missing' || s === 'outside' || s === 'failed')) return 'failed';
  return statuses.includes('ok') || statuses.includes('moved') ? 'proven' : 'unproven';
}

const RANK: Record<ItemVerdict, number> = { proven: 0, unproven: 1, open: 2, failed: 3 };

/**
 * Every item's verdict, a parent that cites nothing judged by its children.
 * @param parent - each item's parent (by `itemParents`), `undefined` at the top
 */
export function treeVerdicts(items: readonly ItemEvidence[], parent: ReadonlyArray<number | undefined>): ItemVerdict[] {
  const verdicts = items.map(ownVerdict);
  const worst: Array<ItemVerdict | undefined> = items.map(() => undefined);
  // Children come after their parent: walking from the end, a parent sees its children's final verdicts.
  for (let i = items.length - 1; i >= 0; i--) {
    const { item, citations } = items[i]!;
    const below = worst[i];
    if (item.checked && citations.length === 0 && below !== undefined) verdicts[i] = below === 'open' ? 'unproven' : below;
    const p = parent[i];
    if (p !== undefined && (worst[p] === undefined || RANK[verdicts[i]!] > RANK[worst[p]!])) worst[p] = verdicts[i]!;
  }
  return verdicts;
}
