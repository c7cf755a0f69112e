/**
 * Emphasis and strong emphasis (CommonMark 0.31 §6.2, the delimiter-run algorithm) as micromark's
 * `attention.js` resolves it, and the GFM strikethrough runs (GFM §6.5) that the fast scan only detects. mdast
 * drops the markers of matched runs from an item's plain text and splits its text nodes there, so an item's text
 * and citations depend on which runs match.
 *
 * micromark's reading differs from commonmark.js in two details kept here: the rule of three uses the runs' current
 * (partly used) lengths, and `~` next to a run counts as a flanking marker (`attentionMarkers`).
 */
import { isPunctuation, isWhitespace } from './autolink-literal.js';
import type { InlineNode } from './fast-inlines.js';

/** A run of `*`, `_` or `~`: `[s, e)` in the inline source, and whether it may open and close. */
export interface Delimiter {
  t: 'delim';
  /** Character code of the marker. */
  ch: number;
  s: number;
  e: number;
  open: boolean;
  close: boolean;
}

const WHITESPACE = 1;
const PUNCTUATION = 2;

/** micromark `classifyCharacter`: 1 for whitespace (and the edges of the text), 2 for punctuation, 0 otherwise. */
function classify(code: number): number {
  if (code < 0 || isWhitespace(code)) return WHITESPACE;
  return isPunctuation(code) ? PUNCTUATION : 0;
}

/**
 * The flags of an emphasis run (micromark `tokenizeAttention`).
 * @param previous - the character code before the run (-1 at the start of the text)
 * @param next - the character code after it (-1 at the end)
 */
export function attentionFlags(marker: number, previous: number, next: number): { open: boolean; close: boolean } {
  const before = classify(previous);
  const after = classify(next);
  const open = !after || (after === PUNCTUATION && before !== 0) || next === 126;
  const close = !before || (before === PUNCTUATION && after !== 0) || previous === 126;
  return {
    open: marker === 42 ? open : open && (before !== 0 || !close),
    close: marker === 42 ? close : close && (after !== 0 || !open),
  };
}

/** The flags of a strikethrough run of one or two `~` (micromark-extension-gfm-strikethrough). */
export function strikethroughFlags(previous: number, next: number): { open: boolean; close: boolean } {
  const before = classify(previous);
  const after = classify(next);
  return { open: !after || (after === PUNCTUATION && before !== 0), close: !before || (before === PUNCTUATION && after !== 0) };
}

/** Whether a `~` run that can close has an earlier one of the same length that can open (a strikethrough forms). */
export function hasStrikethrough(nodes: readonly InlineNode[]): boolean {
  const openers: number[] = [];
  for (const node of nodes) {
    if (node.t !== 'delim' || node.ch !== 126) continue;
    const size = node.e - node.s;
    if (node.close && openers.includes(size)) return true;
    if (node.open) openers.push(size);
  }
  return false;
}

/** Most delimiter runs one text may hold before the quadratic matching is left to remark. */
const MAX_DELIMITERS = 2_000;

/**
 * Matches emphasis runs (micromark `resolveAllAttention`), wrapping what lies between a matched opener and closer
 * in an `emphasis` or `strong` node. Runs left unmatched stay as delimiter nodes (read as text).
 * @param nodes - one span of inline nodes (a whole text, or a link's label); changed in place and returned
 */
export function resolveAttention(nodes: InlineNode[]): InlineNode[] {
  let count = 0;
  for (const node of nodes) if (node.t === 'delim') count++;
  if (count === 0) return nodes;
  if (count > MAX_DELIMITERS) throw new RangeError('too many delimiter runs');
  let i = 0;
  while (i < nodes.length) {
    const closer = nodes[i]!;
    if (closer.t !== 'delim' || !closer.close || closer.ch === 126 || closer.e === closer.s) {
      i++;
      continue;
    }
    let matched = false;
    for (let o = i - 1; o >= 0; o--) {
      const opener = nodes[o]!;
      if (opener.t !== 'delim' || !opener.open || opener.ch !== closer.ch || opener.e === opener.s) continue;
      const openSize = opener.e - opener.s;
      const closeSize = closer.e - closer.s;
      // The rule of three (on the runs' current lengths, as micromark counts them).
      if ((opener.close || closer.open) && closeSize % 3 && !((openSize + closeSize) % 3)) continue;
      const use = openSize > 1 && closeSize > 1 ? 2 : 1;
      const inner = resolveAttention(nodes.slice(o + 1, i));
      opener.e -= use;
      closer.s += use;
      const group: InlineNode = { t: use > 1 ? 'strong' : 'emphasis', s: opener.e, e: closer.s, children: inner };
      const replacement: InlineNode[] = [];
      if (opener.e > opener.s) replacement.push(opener);
      replacement.push(group);
      const closerLeft = closer.e > closer.s;
      if (closerLeft) replacement.push(closer);
      nodes.splice(o, i - o + 1, ...replacement);
      // What is left of the closer is tried again.
      i = o + replacement.length - (closerLeft ? 1 : 0);
      matched = true;
      break;
    }
    if (!matched) i++;
  }
  return nodes;
}
