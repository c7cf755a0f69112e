import type { Rule } from './rule.js';
import { RULE } from './rule-ids.js';

/** A frontmatter `kind:` that names no built-in or configured kind. */
export const unknownKind: Rule = {
  id: RULE.UNKNOWN_KIND,
  summary: 'A frontmatter kind: that names no known kind.',
  defaultSeverity: 'error',
  checkDocument(document, context) {
    if (document.declaredKind === undefined || document.kindDefinition) return;
    const where = document.metadata?.locate(['kind']);
    const known = context.config.kinds.map((kind) => `\`${kind.name}\``).join(', ');
    context.report(document, where?.value ?? 0, `Unknown kind \`${document.declaredKind}\`; known kinds: ${known}. The file's schema was not checked.`);
  },
};
