import { KIND } from '../kinds/kind.js';
import type { Rule } from './rule.js';
import { RULE } from './rule-ids.js';

/**
 * Frontmatter (or a JSON document other than a run manifest) that fails its
 * kind's JSON Schema, at the offending key. Run manifests have their own rule,
 * `manifest-schema`.
 */
export const frontmatterSchema: Rule = {
  id: RULE.FRONTMATTER_SCHEMA,
  summary: "Frontmatter that fails its kind's JSON Schema.",
  defaultSeverity: 'error',
  checkDocument(document, context) {
    if (document.kind === KIND.RUN_MANIFEST) return;
    for (const problem of document.schemaProblems) context.report(document, problem.range, problem.message);
  },
};
