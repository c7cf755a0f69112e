import type { Rule } from './rule.js';
import { RULE } from './rule-ids.js';

/** YAML frontmatter (or a JSON document) that does not parse, at the parser's line and column. */
export const frontmatterSyntax: Rule = {
  id: RULE.FRONTMATTER_SYNTAX,
  summary: 'YAML frontmatter or a JSON document that does not parse.',
  defaultSeverity: 'error',
  checkDocument(document, context) {
    const error = document.metadata?.syntaxError;
    if (!error) return;
    const what = document.format === 'json' || error.message.startsWith('Frontmatter') ? '' : 'Frontmatter YAML does not parse: ';
    context.report(document, error.offset, `${what}${error.message}.`.replace(/\.\.$/, '.'));
  },
};
