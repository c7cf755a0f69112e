import picomatch from 'picomatch';
import { KIND } from '../kinds/kind.js';
import { specReview } from '../specs/spec-review.js';
import { DAY_MS } from '../time/clock.js';
import type { Rule } from './rule.js';
import { RULE } from './rule-ids.js';

/**
 * Code drifting from its spec: commits after a mini-spec's `last_review` day
 * touched files its `governs` globs match, so the spec may no longer describe
 * them. Date windows alone miss this. Read from one pass over HEAD's history
 * per run. In a shallow clone the count is a lower bound, and a note says so.
 */
export const specDrift: Rule = {
  id: RULE.SPEC_DRIFT,
  summary: "Commits after a mini-spec's last review changed files it governs.",
  defaultSeverity: 'warning',
  readsDocument: (document) => document.kind === KIND.MINI_SPEC,
  async checkRepository(context) {
    const specs = context.documents
      .filter((d) => d.kind === KIND.MINI_SPEC)
      .map((spec) => ({ spec, review: specReview(spec, context.now, context.config) }))
      .filter(({ review }) => review.governs.length > 0 && review.lastReview !== undefined && review.status !== 'superseded');
    if (specs.length === 0) return;
    const history = await context.history();
    if (!history) {
      context.note('spec-drift was not checked: no git history here.');
      return;
    }
    for (const { spec, review } of specs) {
      const match = picomatch(review.governs, { dot: true });
      // Commits on the review day count as reviewed; drift starts the day after.
      const reviewed = Date.parse(`${review.lastReview}T00:00:00Z`) + DAY_MS;
      const drifting = history.commits.filter((c) => Date.parse(c.committedAt) >= reviewed && c.files.some((f) => f.path !== spec.path && match(f.path)));
      const newest = drifting[0];
      const partial = history.shallow && history.oldest !== undefined && history.oldest >= reviewed;
      if (partial) context.note(`spec-drift: this is a shallow clone whose history starts after some reviews; counts of drifting commits are lower bounds (fetch more history for exact counts).`);
      if (!newest) continue;
      const files = [...new Set(drifting.flatMap((c) => c.files.map((f) => f.path).filter((p) => p !== spec.path && match(p))))].sort();
      const count = `${partial ? 'at least ' : ''}${drifting.length} commit${drifting.length === 1 ? '' : 's'}`;
      const where = spec.metadata?.locate(['last_review'])?.value ?? 0;
      context.report(
        spec,
        where,
        `${count} changed files this spec governs after its last review (${review.lastReview}); newest: \`${newest.sha.slice(0, 12)}\` ${newest.committedAt.slice(0, 10)} "${newest.subject}". Review the spec against ${files.length === 1 ? `\`${files[0]}\`` : `${files.length} files`} and update \`last_review\`.`,
        { related: files },
      );
    }
  },
};
