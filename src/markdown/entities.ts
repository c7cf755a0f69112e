/**
 * Character references (CommonMark 0.31 §2.5, entity and numeric character references) for the fast body scan:
 * numeric references decoded as micromark decodes them, and the named references that agent documents use. The
 * HTML5 list has over 2,000 names; a name not in this table is reported as unknown and the caller declines where
 * the decoded text matters. Every name that decodes to an ASCII character is in the table, so text whose only
 * unknown references are non-ASCII cannot hide a URL or an e-mail address from the caller's checks.
 */

/** Named character references: all 45 that decode to ASCII, and common others. */
const NAMED: Record<string, string> = {
  // ASCII
  AMP: '&', DiacriticalGrave: '`', GT: '>', Hat: '^', LT: '<', NewLine: '\n', QUOT: '"', Tab: '\t', UnderBar: '_', VerticalLine: '|',
  amp: '&', apos: "'", ast: '*', bsol: '\\', colon: ':', comma: ',', commat: '@', dollar: '$', equals: '=', excl: '!', grave: '`',
  gt: '>', lbrace: '{', lbrack: '[', lcub: '{', lowbar: '_', lpar: '(', lsqb: '[', lt: '<', midast: '*', num: '#', percnt: '%',
  period: '.', plus: '+', quest: '?', quot: '"', rbrace: '}', rbrack: ']', rcub: '}', rpar: ')', rsqb: ']', semi: ';', sol: '/',
  verbar: '|', vert: '|',
  // Common others
  nbsp: '\u00a0', copy: '\u00a9', reg: '\u00ae', trade: '\u2122', hellip: '\u2026', mdash: '\u2014', ndash: '\u2013',
  larr: '\u2190', rarr: '\u2192', uarr: '\u2191', darr: '\u2193', harr: '\u2194', lArr: '\u21d0', rArr: '\u21d2', hArr: '\u21d4',
  times: '\u00d7', divide: '\u00f7', plusmn: '\u00b1', deg: '\u00b0', middot: '\u00b7', bull: '\u2022', laquo: '\u00ab',
  raquo: '\u00bb', lsquo: '\u2018', rsquo: '\u2019', ldquo: '\u201c', rdquo: '\u201d', sbquo: '\u201a', bdquo: '\u201e',
  sect: '\u00a7', para: '\u00b6', euro: '\u20ac', pound: '\u00a3', yen: '\u00a5', cent: '\u00a2', check: '\u2713',
  cross: '\u2717', le: '\u2264', ge: '\u2265', ne: '\u2260', asymp: '\u2248', infin: '\u221e', micro: '\u00b5',
  frac12: '\u00bd', frac14: '\u00bc', frac34: '\u00be', sup2: '\u00b2', sup3: '\u00b3', iexcl: '\u00a1', iquest: '\u00bf',
  shy: '\u00ad', zwj: '\u200d', zwnj: '\u200c', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009', dagger: '\u2020',
  Dagger: '\u2021', prime: '\u2032', Prime: '\u2033', minus: '\u2212', lowast: '\u2217', star: '\u2606', starf: '\u2605',
  hearts: '\u2665', hyphen: '\u2010', dash: '\u2010',
};

/** A character reference at the start of a string: `&name;`, `&#123;` or `&#x7B;` (micromark's limits). */
export const CHARACTER_REFERENCE = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{0,31}));/y;

/**
 * Decodes the character reference matched by {@link CHARACTER_REFERENCE}.
 * @returns the character(s); `undefined` for a name this table does not know (it may or may not be an entity)
 */
export function decodeReference(match: RegExpExecArray): string | undefined {
  if (match[1] !== undefined) return decodeNumeric(Number.parseInt(match[1], 16));
  if (match[2] !== undefined) return decodeNumeric(Number.parseInt(match[2], 10));
  return Object.hasOwn(NAMED, match[3]!) ? NAMED[match[3]!] : undefined;
}

/** micromark-util-decode-numeric-character-reference: invalid and unsafe code points read as U+FFFD. */
function decodeNumeric(code: number): string {
  if (
    code < 9 ||
    code === 11 ||
    (code > 13 && code < 32) ||
    (code > 126 && code < 160) ||
    (code > 55_295 && code < 57_344) ||
    (code > 64_975 && code < 65_008) ||
    (code & 65_535) === 65_535 ||
    (code & 65_535) === 65_534 ||
    code > 1_114_111
  ) {
    return '\uFFFD';
  }
  return String.fromCodePoint(code);
}
