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

/**
 * The labels of the plain list items a task item sits under, outermost first: seed 004 writes
 * `1. Governance & Approvals` then `   1. Secure PRD approval sign-off` then the task item
 * `      - [ ] Status: Pending`. Read line by line upwards from the item, taking each less indented list item
 * line, and stopping at a heading or a line at the left margin that is not a list item. Fenced code is
 * skipped. At most `limit` labels (the nearest ones).
 * @param text - the whole file
 * @param itemStart - offset of the item's list marker
 */
export function itemContext(text: string, itemStart: number, limit = 3): string[] {
  const lineStart = text.lastIndexOf('\n', itemStart - 1) + 1;
  let indent = itemStart - lineStart;
  const labels: string[] = [];
  let end = lineStart - 1;
  let fenced = false;
  // Upwards, one line at a time; bounded by the text before the item.
  while (end > 0 && labels.length < limit && indent > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).replace(/\r$/, '');
    end = start - 1;
    if (/^[ \t]*(?:```|~~~)/.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (fenced || line.trim() === '') continue;
    const lead = line.length - line.trimStart().length;
    if (/^#{1,6}\s/.test(line.trimStart()) && lead < 4) break;
    if (lead >= indent) continue;
    const item = /^(?:[-*+]|\d{1,9}[.)])[ \t]+(?!\[[ xX]\][ \t])(.*)$/.exec(line.trimStart());
    if (!item) {
      if (lead === 0) break;
      continue;
    }
    labels.unshift(item[0].replace(/\s+/g, ' ').trim());
    indent = lead;
  }
  return labels;
}
