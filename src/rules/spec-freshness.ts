import { metadataRecord } from '../document/source-document.js';
import { KIND } from '../kinds/kind.js';
import { specReview } from '../specs/spec-review.js';
import { ageInDays } from '../time/clock.js';
import type { Rule } from './rule.js';
import { RULE } from './rule-ids.js';

/**
 * A mini-spec whose `last_review` is missing, in the future, or older than its
 * review window: `review_interval_days`, else the config's `freshness.days`
 * (default 30, after seed 004's "`last_review` date ≤30 days"). A superseded
 * spec needs no review.
 */
export const specFreshness: Rule = {
  id: RULE.SPEC_FRESHNESS,
  summary: 'A mini-spec whose last_review is missing or older than its review window.',
  defaultSeverity: 'error',
  checkDocument(document, context) {
    if (document.kind !== KIND.MINI_SPEC || document.metadata?.syntaxError) return;
    const record = metadataRecord(document);
    if (record.status === 'superseded') return;
    const review = record.last_review;
    if (review === undefined || review === null || review === '') {
      // frontmatter-schema already says the key is missing (or the frontmatter is not a mapping, or absent).
      const reported = (p: (typeof document.schemaProblems)[number]): boolean =>
        p.instancePath === '' && (p.keyword === 'type' || (p.keyword === 'required' && (p.property === undefined || p.property === 'last_review')));
      if (document.schemaProblems.some(reported)) return;
      const at = document.metadata?.locate([])?.value.start ?? 0;
      context.report(document, at, 'Mini-spec has no `last_review` date, so its freshness cannot be known; add `last_review: YYYY-MM-DD` after a review.');
      return;
    }
    if (typeof review !== 'string') return; // frontmatter-schema reports the wrong type
    const age = ageInDays(review, context.now);
    if (age === undefined) return; // frontmatter-schema reports the bad date
    const where = document.metadata?.locate(['last_review']);
    const range = where?.value ?? 0;
    if (age < 0) {
      context.report(document, range, `\`last_review\` ${review} is ${-age} day${age === -1 ? '' : 's'} in the future; write the date the review happened.`);
      return;
    }
    const window = specReview(document, context.now, context.config).windowDays;
    if (age > window) {
      context.report(document, range, `Review is stale: \`last_review\` ${review} is ${age} days old, over the ${window}-day window; review the spec and update \`last_review\`.`);
    }
  },
};
