import picomatch from 'picomatch';
import { KIND } from '../kinds/kind.js';
import { specBlockers, specReview } from '../specs/spec-review.js';
import type { Rule } from './rule.js';
import { RULE } from './rule-ids.js';

/**
 * Pull-request mode only (`--changed-since`): a changed file that a mini-spec
 * governs (its `governs` globs), while that spec is stale, not approved, or
 * records no approvals. The finding points at the changed file and names the
 * spec, so the author knows which review to get before the change can land.
 * A superseded spec governs nothing.
 */
export const specRequired: Rule = {
  id: RULE.SPEC_REQUIRED,
  summary: 'A changed file governed by a mini-spec that is stale, not approved, or without approvals (--changed-since).',
  defaultSeverity: 'error',
  readsDocument: (document) => document.kind === KIND.MINI_SPEC,
  checkRepository(context) {
    const changes = context.changes;
    if (!changes) return;
    const specs = context.documents
      .filter((d) => d.kind === KIND.MINI_SPEC)
      .map((spec) => ({ spec, review: specReview(spec, context.now, context.config) }))
      .filter(({ review }) => review.governs.length > 0 && review.status !== 'superseded')
      .map((entry) => ({ ...entry, match: picomatch(entry.review.governs, { dot: true }), blockers: specBlockers(entry.review) }))
      .filter((entry) => entry.blockers.length > 0);
    if (specs.length === 0) return;
    for (const file of [...changes.files].sort()) {
      for (const { spec, review, match, blockers } of specs) {
        if (file === spec.path || !match(file)) continue;
        const name = review.id !== undefined ? ` (${review.id})` : '';
        context.reportFile(file, `Changed under mini-spec \`${spec.path}\`${name}, but ${blockers.join('; ')}. Review and approve the spec before changing what it governs.`, { related: [spec.path] });
      }
    }
  },
};
