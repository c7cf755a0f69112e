/**
 * Output sanitizing at the sinks: text that comes from a file, a file name, a
 * commit, a config or the command line is shown, never obeyed. A terminal
 * acts on control characters (ESC starts colour, cursor and OSC 8 hyperlink
 * sequences, BEL rings), and a CI runner acts on lines that start with
 * `::` (GitHub and Forgejo workflow commands), so such text is made visible
 * before it reaches a terminal or a log.
 */

/** C0 controls, DEL and C1 controls (U+0080 to U+009F). Tab is kept out of the set by {@link visibleLine}'s callers that allow it. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f-\x9f]/g;

/** A control character as a visible escape: `\n`, `\t`, `\r`, or `\u001b` style. */
function escapeControl(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Text made safe for one line of a terminal or CI log: every control character (C0, DEL, C1, including
 * ESC, BEL, CR and LF) is shown as a visible escape, so it can neither start a line nor drive the terminal.
 * @example visibleLine('a\x1b[31mb\nc') === 'a\\u001b[31mb\\nc'
 */
export function visibleLine(text: string): string {
  return text.replace(CONTROL, escapeControl);
}
