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

/**
 * Text made safe for a GitHub or Forgejo workflow command: control characters other than CR and LF are shown
 * as visible escapes (the command's own escaping turns CR and LF into `%0D` and `%0A`, so a value never starts
 * a line the runner would obey, such as `::stop-commands::`).
 */
export function visibleForCommand(text: string): string {
  return text.replace(CONTROL, (c) => (c === '\n' || c === '\r' ? c : escapeControl(c)));
}

/** Characters XML 1.0 does not allow in a document (C0 controls but tab, LF and CR; U+FFFE, U+FFFF; lone surrogates). */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text made safe for an XML 1.0 document (the JUnit report): characters XML cannot hold, and the C1 controls
 * and DEL it discourages, are shown as visible escapes, so the report stays well-formed.
 */
export function xmlText(text: string): string {
  return text.replace(XML_INVALID, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/[\x7f-\x9f]/g, escapeControl);
}
