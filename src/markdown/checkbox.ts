/** Where a task list item's `[ ]` / `[x]` is written. */
import type { ListItem } from 'mdast';

/**
 * The offset of an item's checkbox (`[`), or of the item itself when the
 * checkbox cannot be found on its first line.
 */
export function checkboxOffset(text: string, item: ListItem): number {
  const start = item.position?.start.offset ?? 0;
  const lineEnd = text.slice(start).search(/[\r\n]/);
  const firstLine = text.slice(start, lineEnd === -1 ? undefined : start + lineEnd);
  const at = firstLine.search(/\[[ xX]\]/);
  return at === -1 ? start : start + at;
}
