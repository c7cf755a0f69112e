/**
 * YAML syntax errors in plain words. The `yaml` package's messages are
 * precise but written for people who know the spec ("Nested mappings are not
 * allowed in compact mappings"); each error code gets a sentence that says
 * what is usually wrong and how to fix it, followed by the parser's own words
 * in parentheses so nothing is lost.
 */

/** Plain words per `yaml` error code (`YAMLError.code`, see the yaml package's docs on errors). */
const PLAIN: Readonly<Record<string, string>> = {
  ALIAS_PROPS: 'an alias (`*name`) cannot carry a tag or an anchor',
  BAD_ALIAS: 'an anchor (`&name`) or alias (`*name`) is empty or ends in a colon',
  BAD_DIRECTIVE: 'a `%` directive line is not one YAML knows',
  BAD_DQ_ESCAPE: 'a backslash escape in a double-quoted value is not valid; use single quotes, or double the backslash',
  BAD_INDENT: 'the indentation is off: the lines of one mapping or list must start in the same column',
  BAD_PROP_ORDER: 'a tag or anchor stands before a `-` or `?` instead of after it',
  BAD_SCALAR_START: 'a value starts with a character YAML reserves (such as `@` or a backtick); put the value in quotes',
  BLOCK_AS_IMPLICIT_KEY: 'a value holds `: ` (a colon and a space), which YAML reads as a second key on the same line; put the value in quotes',
  BLOCK_IN_FLOW: 'a block list or mapping stands inside `[...]` or `{...}`',
  DUPLICATE_KEY: 'a key appears twice in one mapping',
  MISSING_CHAR: 'something is not closed or not separated: a quote, bracket or brace left open, a key without `: `, or a comment `#` without a space before it',
  MULTILINE_IMPLICIT_KEY: 'a key runs over more than one line; this is often a value that lost its indentation or a missing colon on the line before',
  MULTIPLE_ANCHORS: 'a value has more than one anchor',
  MULTIPLE_DOCS: 'there is more than one YAML document (a second `---` line)',
  MULTIPLE_TAGS: 'a value has more than one tag',
  NON_STRING_KEY: 'a key is a list or a mapping, not a plain name',
  TAB_AS_INDENT: 'a tab indents a line; YAML indents with spaces only',
  TAG_RESOLVE_FAILED: 'a `!tag` names a type YAML does not know',
  UNEXPECTED_TOKEN: 'there is text YAML does not expect here, such as a stray comma, bracket or quote',
};

/**
 * One line describing a YAML syntax error: plain words for its code, then the parser's message.
 * @param code - the `yaml` package's error code (e.g. `BAD_INDENT`), if known
 * @param parserMessage - the parser's message (its first line is kept)
 * @returns e.g. `a tab indents a line; YAML indents with spaces only (Tabs are not allowed as indentation)`
 */
export function plainYamlError(code: string | undefined, parserMessage: string): string {
  const words = /^Missing closing .?quote/.test(parserMessage) ? 'a quoted value is never closed: add the closing quote' : code !== undefined ? PLAIN[code] : undefined;
  return words ? `${words} (${parserMessage})` : parserMessage;
}
