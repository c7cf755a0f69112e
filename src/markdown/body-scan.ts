/**
 * What the rules read of a markdown body: its GFM task list items (with their
 * own inline content), its links, and its top-level headings. Two producers
 * give the same scan: {@link scanWithRemark}, from a full remark (mdast)
 * parse, and the fast path in `fast-scan.ts`, which handles the common subset
 * of markdown without building a tree and declines anything else.
 */
import type { Definition, Heading, ListItem, Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { SourceRange } from '../document/metadata.js';

/** A piece of an item's own inline content that can cite evidence. Ranges are offsets in the whole file. */
export type Inline =
  /** An inline code span; `range` covers its backticks. */
  | { type: 'code'; value: string; range: SourceRange }
  /** A link (or a reference resolved through its definition); `range` covers `[text](url)`. */
  | { type: 'link'; url: string; range: SourceRange }
  /** Plain text, read as written in the source. */
  | { type: 'text'; range: SourceRange };

/** One GFM task list item. */
export interface ScannedItem {
  /** True for `[x]` / `[X]`, false for `[ ]`. */
  checked: boolean;
  /** Offset of the list marker. */
  start: number;
  /** 1-based line of the list marker. */
  line: number;
  /** Offset of the checkbox's `[`. */
  checkbox: number;
  /** The item's own inline content (its first paragraph and other blocks, nested lists excluded), in order. */
  inlines: Inline[];
  /** The item's own text, as plain text with whitespace folded. */
  text: string;
  /** Task items nested anywhere below this one. */
  descendants: ScannedItem[];
}

/** A link, image or link definition anywhere in the body. */
export interface ScannedLink {
  kind: 'link' | 'image' | 'definition';
  url: string;
  range: SourceRange;
}

/** A heading at the top level of the document (not inside a list or quote). */
export interface ScannedHeading {
  depth: number;
  /** Its plain text, trimmed. */
  text: string;
  /** Offset where the heading starts and just past its end. */
  start: number;
  end: number;
}

/** The scan of one body. Everything is in document order. */
export interface BodyScan {
  items: ScannedItem[];
  links: ScannedLink[];
  headings: ScannedHeading[];
  /** Set (and the scan empty) when the body could not be parsed within the limits: why, as a sentence. */
  skipped?: string;
}

/** Folds whitespace the way item texts are compared. */
export function foldText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Scans a body from its mdast (remark-parse + remark-gfm + remark-frontmatter). The reference implementation.
 * @param text - the whole file the tree was parsed from
 */
export function scanWithRemark(root: Root, text: string): BodyScan {
  const definitions = new Map<string, Definition>();
  const links: ScannedLink[] = [];
  const collect = (node: Nodes): void => {
    if (node.type === 'definition') {
      const label = normalizeLabel(node.identifier);
      if (!definitions.has(label)) definitions.set(label, node);
    }
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && node.position) {
      links.push({ kind: node.type, url: node.url, range: { start: node.position.start.offset ?? 0, end: node.position.end.offset ?? 0 } });
    }
    if ('children' in node) for (const child of node.children as Nodes[]) collect(child);
  };
  collect(root);
  const items: ScannedItem[] = [];
  const walk = (node: Nodes): ScannedItem[] => {
    const found: ScannedItem[] = [];
    if (node.type === 'listItem' && typeof node.checked === 'boolean') {
      const item = toItem(node, text, definitions);
      items.push(item);
      for (const child of node.children) for (const found of walk(child)) item.descendants.push(found);
      return [item, ...item.descendants];
    }
    if ('children' in node) for (const child of node.children as Nodes[]) for (const inner of walk(child)) found.push(inner);
    return found;
  };
  walk(root);
  const headings = root.children
    .filter((n): n is Heading => n.type === 'heading')
    .map((h) => ({ depth: h.depth, text: toString(h).trim(), start: h.position?.start.offset ?? 0, end: h.position?.end.offset ?? 0 }));
  return { items, links, headings };
}

function toItem(node: ListItem, text: string, definitions: ReadonlyMap<string, Definition>): ScannedItem {
  const own = node.children.filter((c) => c.type !== 'list');
  const inlines: Inline[] = [];
  const visit = (n: Nodes): void => {
    const start = n.position?.start.offset;
    const end = n.position?.end.offset;
    if (start === undefined || end === undefined) return;
    const range = { start, end };
    switch (n.type) {
      case 'inlineCode':
        inlines.push({ type: 'code', value: n.value, range });
        return;
      case 'link':
        inlines.push({ type: 'link', url: n.url, range });
        return;
      case 'linkReference': {
        const definition = definitions.get(normalizeLabel(n.identifier));
        if (definition) inlines.push({ type: 'link', url: definition.url, range });
        return;
      }
      case 'text':
        inlines.push({ type: 'text', range });
        return;
      case 'code':
      case 'html':
      case 'image':
      case 'imageReference':
      case 'list':
        return;
      default:
        if ('children' in n) for (const child of n.children as Nodes[]) visit(child);
    }
  };
  for (const child of own) visit(child);
  const start = node.position?.start.offset ?? 0;
  return {
    checked: node.checked === true,
    start,
    line: node.position?.start.line ?? 1,
    checkbox: checkboxAt(text, start),
    inlines,
    text: foldText(own.map((n) => toString(n)).join(' ')),
    descendants: [],
  };
}

/** The offset of the `[` of the checkbox on the item's first line (the item start when not found). */
export function checkboxAt(text: string, itemStart: number): number {
  const lineEnd = text.slice(itemStart).search(/[\r\n]/);
  const firstLine = text.slice(itemStart, lineEnd === -1 ? undefined : itemStart + lineEnd);
  const at = firstLine.search(/\[[ xX]\]/);
  return at === -1 ? itemStart : itemStart + at;
}

function normalizeLabel(label: string): string {
  return label.toLowerCase().replace(/\s+/g, ' ').trim();
}
