import type { CheckedDocument } from '../check/checked-document.js';
import { metadataRecord, stringField } from '../document/source-document.js';
import { RepoPaths } from '../fs/repo-paths.js';
import { KIND } from '../kinds/kind.js';
import type { Rule, RuleContext } from './rule.js';
import { RULE } from './rule-ids.js';

/**
 * `tasks/index.json` and the documents it indexes agree: every entry's path
 * exists, every mini-spec has an entry, and entry and spec give the same
 * `last_review` (seed 004: "`/tasks/index.json` reflects the refreshed
 * `last_review`"). Index paths are repo-relative; a leading `/` means the root.
 */
export const indexConsistency: Rule = {
  id: RULE.INDEX_CONSISTENCY,
  summary: 'tasks/index.json names a missing path, misses a mini-spec, or disagrees with it on last_review.',
  defaultSeverity: 'error',
  readsDocument: (document) => document.kind === KIND.TASKS_INDEX || document.kind === KIND.MINI_SPEC,
  checkRepository(context) {
    const indexes = context.documents.filter((d) => d.kind === KIND.TASKS_INDEX && !d.metadata?.syntaxError);
    if (indexes.length === 0) return;
    const specs = new Map(context.documents.filter((d) => d.kind === KIND.MINI_SPEC).map((d) => [d.path, d]));
    const indexed = new Set<string>();
    for (const index of indexes) checkIndex(index, specs, indexed, context);
    for (const spec of specs.values()) {
      if (indexed.has(spec.path)) continue;
      const index = indexes[0]!;
      const at = index.metadata?.locate(['items'])?.key ?? 0;
      context.report(index, at, `Mini-spec \`${spec.path}\` is missing from the index; add an entry with its id, path and last_review.`);
    }
  },
};

function checkIndex(index: CheckedDocument, specs: ReadonlyMap<string, CheckedDocument>, indexed: Set<string>, context: RuleContext): void {
  const items = metadataRecord(index).items;
  if (!Array.isArray(items)) return;
  for (const [i, entry] of items.entries()) {
    if (!entry || typeof entry !== 'object') continue;
    const record = entry as Record<string, unknown>;
    const written = stringField(record, 'path');
    if (written === undefined) continue;
    const at = (key: string) => index.metadata?.locate(['items', String(i), key])?.value ?? index.metadata?.locate(['items', String(i)])?.value ?? 0;
    const relative = RepoPaths.normalize(written.replace(/^\/+/, ''));
    if (relative === undefined) {
      context.report(index, at('path'), `Index path \`${written}\` leaves the repository.`);
      continue;
    }
    indexed.add(relative);
    const kind = context.paths.kind(relative);
    if (kind !== 'file' && kind !== 'directory') {
      context.report(index, at('path'), `Index entry \`${String(record.id)}\` names \`${written}\`, which does not exist.`);
      continue;
    }
    const spec = specs.get(relative);
    if (!spec) continue;
    const specRecord = metadataRecord(spec);
    const indexReview = stringField(record, 'last_review');
    const specReview = stringField(specRecord, 'last_review');
    if (indexReview !== undefined && specReview !== undefined && indexReview !== specReview) {
      context.report(index, at('last_review'), `Index gives \`last_review\` ${indexReview} for \`${relative}\`, but the spec says ${specReview}; make them agree.`);
    }
    const specId = stringField(specRecord, 'id');
    const entryId = stringField(record, 'id');
    if (specId !== undefined && entryId !== undefined && specId !== entryId) {
      context.report(index, at('id'), `Index entry id \`${entryId}\` differs from the spec's id \`${specId}\` in \`${relative}\`.`);
    }
  }
}
