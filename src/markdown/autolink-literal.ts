/**
 * GFM autolink literals (GFM spec §6.9, "Autolinks (extension)"): `www.` addresses, `http://` and `https://` URLs
 * and e-mail addresses in plain text are links. remark finds them twice, and both matter to the body scan:
 *
 * - micromark-extension-gfm-autolink-literal tokenizes them in text; those become links with a position, which
 *   the scan reports. This module ports its tokenizers (`tokenizeWwwAutolink`, `tokenizeProtocolAutolink`,
 *   `tokenizeEmailAutolink`, with their domain, path and trailing-punctuation rules) character for character.
 * - mdast-util-gfm-autolink-literal then runs regular expressions over the text nodes that are left and turns
 *   more matches into links *without* a position (which the scan cannot report, and which split the text nodes
 *   around them). {@link transformWouldLink} says whether that second pass would change a text node; the fast scan
 *   declines when it would.
 *
 * Character classes follow micromark: UTF-16 code units, Unicode whitespace `\s`, Unicode punctuation `\p{P}` and
 * symbols `\p{S}`.
 */

const EOF = -1;

function code(src: string, i: number): number {
  return i < src.length ? src.charCodeAt(i) : EOF;
}

/** micromark `markdownLineEndingOrSpace` or `unicodeWhitespace`. */
export function isWhitespace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || (c > 127 && /\s/.test(String.fromCharCode(c)));
}

const PUNCTUATION = /\p{P}|\p{S}/u;

/** micromark `unicodePunctuation` (punctuation and symbols). */
export function isPunctuation(c: number): boolean {
  if (c < 0) return false;
  if (c < 128) return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
  return PUNCTUATION.test(String.fromCharCode(c));
}

function asciiAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function asciiAlphanumeric(c: number): boolean {
  return asciiAlpha(c) || (c >= 48 && c <= 57);
}

/** `+`, `-`, `.`, `_` or an ASCII letter or digit. */
export function gfmAtext(c: number): boolean {
  return c === 43 || c === 45 || c === 46 || c === 95 || asciiAlphanumeric(c);
}

/** What may come before `www.` (micromark `previousWww`). */
export function previousWww(c: number): boolean {
  return c === EOF || c === 40 || c === 42 || c === 95 || c === 91 || c === 93 || c === 126 || c === 32 || c === 9 || c === 10 || c === 13;
}

/** What may come before `http` (micromark `previousProtocol`). */
export function previousProtocol(c: number): boolean {
  return !asciiAlpha(c);
}

/** What may come before an e-mail address (micromark `previousEmail`). */
export function previousEmail(c: number): boolean {
  return !(c === 47 || gfmAtext(c));
}

/** Characters that may trail a URL without being part of it (tokenizeTrail). */
function trailPunctuation(c: number): boolean {
  // ! " ' ) * , . : ; ? _ ~
  return c === 33 || c === 34 || c === 39 || c === 41 || c === 42 || c === 44 || c === 46 || c === 58 || c === 59 || c === 63 || c === 95 || c === 126;
}

/** Whether the punctuation at `i` only trails the URL (it is followed by the end, a blank or `<`). */
function isTrail(src: string, i: number): boolean {
  for (;;) {
    const c = code(src, i);
    if (trailPunctuation(c)) {
      i++;
      continue;
    }
    if (c === 38 /* & */) {
      i++;
      if (!asciiAlpha(code(src, i))) return false;
      while (asciiAlpha(code(src, i))) i++;
      if (code(src, i) !== 59 /* ; */) return false;
      i++;
      continue;
    }
    if (c === 93 /* ] */) {
      i++;
      const d = code(src, i);
      if (d === EOF || d === 40 || d === 91 || isWhitespace(d)) return true;
      continue;
    }
    return c === 60 /* < */ || c === EOF || isWhitespace(c);
  }
}

/** The end of a domain starting at `i`, or -1 (tokenizeDomain: no `_` in the last two labels, not empty). */
function domain(src: string, i: number): number {
  let underscoreInLast = false;
  let underscoreInLastLast = false;
  let seen = false;
  for (;;) {
    const c = code(src, i);
    if (c === 46 || c === 95) {
      if (isTrail(src, i)) break;
      if (c === 95) underscoreInLast = true;
      else {
        underscoreInLastLast = underscoreInLast;
        underscoreInLast = false;
      }
      i++;
      continue;
    }
    if (c === EOF || isWhitespace(c) || (c !== 45 && isPunctuation(c))) break;
    seen = true;
    i++;
  }
  return underscoreInLast || underscoreInLastLast || !seen ? -1 : i;
}

/** The end of a path starting at `i` (tokenizePath: balanced closing parentheses, trailing punctuation left out). */
function path(src: string, i: number): number {
  let open = 0;
  let close = 0;
  for (;;) {
    const c = code(src, i);
    if (c === 40) {
      open++;
      i++;
      continue;
    }
    if (c === 41 && close < open) {
      close++;
      i++;
      continue;
    }
    // ! " & ' ) * , . : ; < ? ] _ ~
    if (c === 33 || c === 34 || c === 38 || c === 39 || c === 41 || c === 42 || c === 44 || c === 46 || c === 58 || c === 59 || c === 60 || c === 63 || c === 93 || c === 95 || c === 126) {
      if (isTrail(src, i)) return i;
      if (c === 41) close++;
      i++;
      continue;
    }
    if (c === EOF || isWhitespace(c)) return i;
    i++;
  }
}

/** A `www.` literal at `i` (the caller checked {@link previousWww}): its end, or -1. */
export function wwwLiteral(src: string, i: number): number {
  for (let k = 0; k < 3; k++) if ((code(src, i + k) | 32) !== 119 /* w */) return -1;
  if (code(src, i + 3) !== 46 || i + 4 >= src.length) return -1;
  const end = domain(src, i);
  return end === -1 ? -1 : path(src, end);
}

/** An `http://` or `https://` literal at `i` (the caller checked {@link previousProtocol}): its end, or -1. */
export function protocolLiteral(src: string, i: number): number {
  let j = i + 1;
  while (j - i < 5 && asciiAlpha(code(src, j))) j++;
  if (code(src, j) !== 58 /* : */) return -1;
  const protocol = src.slice(i, j).toLowerCase();
  if (protocol !== 'http' && protocol !== 'https') return -1;
  if (code(src, j + 1) !== 47 || code(src, j + 2) !== 47) return -1;
  const after = code(src, j + 3);
  if (after === EOF || after < 32 || after === 127 || isWhitespace(after) || isPunctuation(after)) return -1;
  const end = domain(src, j + 3);
  return end === -1 ? -1 : path(src, end);
}

/** An e-mail literal at `i` (the caller checked {@link previousEmail}): its end, or -1. */
export function emailLiteral(src: string, i: number): number {
  let j = i;
  while (gfmAtext(code(src, j))) j++;
  if (j === i || code(src, j) !== 64 /* @ */) return -1;
  j++;
  let data = false;
  let dot = false;
  for (;;) {
    const c = code(src, j);
    if (c === 46) {
      if (!asciiAlphanumeric(code(src, j + 1))) break;
      dot = true;
      j++;
      continue;
    }
    if (c === 45 || c === 95 || asciiAlphanumeric(c)) {
      data = true;
      j++;
      continue;
    }
    break;
  }
  return data && dot && asciiAlpha(code(src, j - 1)) ? j : -1;
}

const URL_RE = /(?<![\da-z])(https?:\/\/|www(?=\.))([\w-]*\.[\w\-.]*)([^\t\n\r ]*)/gi;
const XMPP_RE = /(?<![\w+\-.@])xmpp:([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)(\/(?:[\w\-/]|\.(?=[\dA-Za-z]))*)?/g;
const MAILTO_RE = /(?<![\w+\-.@])mailto:([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)/g;
const EMAIL_RE = /(?<![\w+\-.]|(?:^|[^\d@A-Za-z])(?:mailto|xmpp):)([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)/g;

/**
 * Whether mdast-util-gfm-autolink-literal's transform would turn part of a text node's value into a link (one
 * without a position). Ports its `findUrl`, `findXmpp`, `findMailto` and `findEmail` acceptance checks.
 */
export function transformWouldLink(value: string): boolean {
  if (value.length < 4) return false;
  const lower = value.toLowerCase();
  if (lower.includes('http') || lower.includes('www')) {
    const found = firstAccepted(URL_RE, value, (match) => {
      const before = value.charCodeAt(match.index - 1);
      if (!(match.index === 0 || isWhitespace(before) || isPunctuation(before))) return false;
      const domainPart = /^w/i.test(match[1]!) ? match[1]! + match[2]! : match[2]!;
      return !isPunctuation(domainPart.charCodeAt(0)) && isCorrectDomain(domainPart);
    });
    if (found) return true;
  }
  if (!value.includes('@')) return false;
  const xmpp = firstAccepted(XMPP_RE, value, (match) => {
    const resource = match[3];
    return !(/[\d\-_]$/.test(match[2]!) || (resource && (!/[A-Za-z]$/.test(resource) || value.charAt(match.index + match[0].length) === '@')));
  });
  return xmpp || firstAccepted(MAILTO_RE, value, (m) => !/[\d\-_]$/.test(m[2]!)) || firstAccepted(EMAIL_RE, value, (m) => !/[\d\-_]$/.test(m[2]!));
}

/** Runs a global expression as mdast-util-find-and-replace does: a rejected match resumes one character later. */
function firstAccepted(re: RegExp, value: string, accept: (match: RegExpExecArray) => boolean): boolean {
  re.lastIndex = 0;
  for (let match = re.exec(value); match; match = re.exec(value)) {
    if (accept(match)) return true;
    re.lastIndex = match.index + 1;
  }
  return false;
}

function isCorrectDomain(domainPart: string): boolean {
  const parts = domainPart.split('.');
  const last = parts[parts.length - 1];
  const lastLast = parts[parts.length - 2];
  return !(parts.length < 2 || (last && (/_/.test(last) || !/[\dA-Za-z]/.test(last))) || (lastLast && (/_/.test(lastLast) || !/[\dA-Za-z]/.test(lastLast))));
}
