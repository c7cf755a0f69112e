/**
 * HTML blocks (CommonMark 0.31 §4.6) as micromark's `html-flow.js` reads them: the seven start conditions and
 * their end conditions. The content of an HTML block is raw (no links, no task items); for the body scan only its
 * extent matters, and its text when it sits in a task item. Type 7 (any complete tag alone on its line) may not
 * interrupt a paragraph.
 */

/** Tag names that open an HTML block of type 6 (micromark-util-html-tag-name `htmlBlockNames`). */
const BLOCK_NAMES = new Set(
  'address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link main menu menuitem nav noframes ol optgroup option p param search section summary table tbody td tfoot th thead title tr track ul'.split(
    ' ',
  ),
);

/** Tag names of type 1 (raw text: no blank line ends them). */
const RAW_NAMES = new Set(['pre', 'script', 'style', 'textarea']);

const TAG_NAME = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)/;
/** A complete open or closing tag alone on its line (type 7); an unquoted attribute value stops at `/` in micromark. */
const COMPLETE_OPEN = /^<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^ \t"'=<>`][^ \t"'=<>`/]*|'[^']*'|"[^"]*"))?)*[ \t]*\/?>[ \t]*$/;
const COMPLETE_CLOSE = /^<\/[A-Za-z][A-Za-z0-9-]*[ \t]*>[ \t]*$/;

/**
 * The type (1–7) of the HTML block that starts at `q` (the line's first non-blank character), or 0.
 * @param interrupt - the line would interrupt a paragraph: type 7 may not start then
 */
export function htmlBlockStart(text: string, q: number, end: number, interrupt: boolean): number {
  if (text.charCodeAt(q) !== 60 /* < */) return 0;
  const c = text.charCodeAt(q + 1);
  if (c === 33 /* ! */) {
    if (text.startsWith('<!--', q)) return 2;
    if (text.startsWith('<![CDATA[', q)) return 5;
    const d = text.charCodeAt(q + 2);
    return (d >= 65 && d <= 90) || (d >= 97 && d <= 122) ? 4 : 0;
  }
  if (c === 63 /* ? */) return 3;
  const line = text.slice(q, end);
  const tag = TAG_NAME.exec(line);
  if (!tag) return 0;
  const closing = tag[1] === '/';
  const name = tag[2]!.toLowerCase();
  const after = line.charCodeAt(tag[0].length);
  const ends = Number.isNaN(after) || after === 32 || after === 9 || after === 62 /* > */;
  if (!closing && RAW_NAMES.has(name) && (ends || after === 47)) {
    if (after !== 47) return 1;
  }
  if (BLOCK_NAMES.has(name) && (ends || (after === 47 && line.charCodeAt(tag[0].length + 1) === 62))) return 6;
  if (interrupt) return 0;
  return (closing ? COMPLETE_CLOSE : COMPLETE_OPEN).test(line) ? 7 : 0;
}

/** What ends an HTML block of types 1–5, searched for on each of its lines. */
const END_PATTERNS: Record<number, RegExp> = {
  1: /<\/(?:script|pre|style|textarea)>/i,
  2: /-->/,
  3: /\?>/,
  4: />/,
  5: /\]\]>/,
};

/**
 * Where the end is searched for on the first line, from the `<`: micromark reads `<!-->`, `<!--->` and `<?>` as
 * complete (the opening's own `--` or `?` can start the end).
 */
const OPENING_LENGTH: Record<number, number> = { 1: 1, 2: 2, 3: 1, 4: 2, 5: 9 };

/**
 * Whether a line of an HTML block of type 1–5 holds its end condition.
 * @param first - the line is the one the block starts on (`from` at its `<`): the end is looked for after the opening
 */
export function htmlBlockEnds(text: string, from: number, end: number, type: number, first: boolean): boolean {
  const start = first ? from + OPENING_LENGTH[type]! : from;
  return start <= end && END_PATTERNS[type]!.test(text.slice(start, end));
}
