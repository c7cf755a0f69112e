/**
 * The tree of a document's task list items: an item's parent is the item it
 * is indented under, or, in layouts that number their items without
 * indenting them (Kiro writes `- [ ] 2. Save` then `- [ ] 2.1 Handler` at
 * the same level), the earlier item whose number is the prefix of its own.
 */
import type { ScannedItem } from '../markdown/body-scan.js';

/** A leading item number (`1.`, `1.1`, `2.3.1`). */
const NUMBER = /^(\d+(?:\.\d+)*)\.?(?=\s)/;

/**
 * Each item's parent, as an index into `items` (document order).
 * @returns one entry per item; `undefined` at the top
 */
export function itemParents(items: readonly ScannedItem[]): Array<number | undefined> {
  const index = new Map(items.map((item, i) => [item, i]));
  const parent: Array<number | undefined> = items.map(() => undefined);
  items.forEach((item, i) => {
    for (const descendant of item.descendants) {
      const at = index.get(descendant);
      if (at !== undefined) parent[at] = i; // nested items come later, so the deepest ancestor is set last
    }
  });
  const numbers = items.map((item) => NUMBER.exec(item.text)?.[1]);
  items.forEach((_, i) => {
    const number = numbers[i];
    if (parent[i] !== undefined || !number || !number.includes('.')) return;
    const above = number.slice(0, number.lastIndexOf('.'));
    for (let j = i - 1; j >= 0; j--) {
      if (numbers[j] === above && parent[j] === parent[i]) {
        parent[i] = j;
        break;
      }
    }
  });
  return parent;
}

/**
 * Every item below each item (children, their children, ...), by {@link itemParents}.
 * @returns per item, the indexes of the items below it, in document order
 */
export function itemsBelow(items: readonly ScannedItem[]): number[][] {
  const parent = itemParents(items);
  const below: number[][] = items.map(() => []);
  items.forEach((_, i) => {
    for (let p = parent[i]; p !== undefined; p = parent[p]) below[p]!.push(i);
  });
  return below;
}
