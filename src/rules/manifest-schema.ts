import { KIND } from '../kinds/kind.js';
import type { Rule } from './rule.js';
import { RULE } from './rule-ids.js';

/** A run manifest that fails `schemas/run-manifest.schema.json`, whether or not a task item cites it. */
export const manifestSchema: Rule = {
  id: RULE.MANIFEST_SCHEMA,
  summary: 'A run manifest that fails its JSON Schema, cited or not.',
  defaultSeverity: 'error',
  checkDocument(document, context) {
    if (document.kind !== KIND.RUN_MANIFEST) return;
    for (const problem of document.schemaProblems) context.report(document, problem.range, problem.message);
  },
};
