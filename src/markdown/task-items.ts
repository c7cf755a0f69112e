/**
 * GFM task list items (`- [ ]`, `- [x]`) of an mdast tree, each with its own
 * content (its text, not that of the items nested under it) and its nested
 * task items. `[x]` in prose, in code spans or in fenced code is not a
 * checkbox: only remark-gfm's `listItem.checked` counts.
 */
import type { ListItem, Nodes, Root } from 'mdast';

/** One task list item. */
export interface TaskItem {
  /** True for `[x]` / `[X]`, false for `[ ]`. */
  checked: boolean;
  /** The list item node (its position starts at the list marker). */
  node: ListItem;
  /** The item's own content: its children except nested lists. */
  own: Nodes[];
  /** Task items nested anywhere below this one. */
  descendants: TaskItem[];
}

/** Every task list item of a tree, in document order (parents before their children). */
export function taskItems(root: Root): TaskItem[] {
  const all: TaskItem[] = [];
  collect(root, all);
  return all;
}

function collect(node: Nodes, into: TaskItem[]): TaskItem[] {
  const found: TaskItem[] = [];
  if (node.type === 'listItem' && typeof node.checked === 'boolean') {
    const item: TaskItem = { checked: node.checked, node, own: node.children.filter((c) => c.type !== 'list'), descendants: [] };
    into.push(item);
    for (const child of node.children) item.descendants.push(...collect(child, into));
    found.push(item, ...item.descendants);
    return found;
  }
  if ('children' in node) {
    for (const child of node.children as Nodes[]) found.push(...collect(child, into));
  }
  return found;
}
