import picomatch from 'picomatch';
import { KIND } from '../kinds/kind.js';
import { specReview } from '../specs/spec-review.js';
import type { CommitRecord } from '../git/log.js';
import { DAY_MS } from '../time/clock.js';
import type { Rule } from './rule.js';
import { RULE } from './rule-ids.js';
import { shortSha } from '../git/short-sha.js';

/**
 * Code drifting from its spec: commits after a mini-spec's last review touched
 * files its `governs` globs match, so the spec may no longer describe them.
 * Date windows alone miss this. With `reviewed_commit` (written by `specguard
 * spec review`) the review is anchored to a commit and the count is exact: the
 * commits after it; without, the commits after the `last_review` day. A commit
 * that adds the spec together with code is not drift. Read from one pass over
 * HEAD's history per run. In a shallow clone a date-based count is a lower
 * bound, and a note says so.
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
    const git = specs.some(({ review }) => review.reviewedCommit) ? await context.git() : undefined;
    const boundary = new Set(history.shallow ? history.commits.filter((c) => Date.parse(c.committedAt) === history.oldest || c === history.commits.at(-1)).map((c) => c.sha) : []);
    // Per commit, once for every spec: the paths it added (a commit that adds thousands of files is asked 500 times).
    const added = new Map<CommitRecord, Set<string>>();
    const addedBy = (c: CommitRecord): Set<string> => {
      let paths = added.get(c);
      if (!paths) added.set(c, (paths = new Set(c.files.filter((f) => f.status === 'A').map((f) => f.path))));
      return paths;
    };
    for (const { spec, review } of specs) {
      const match = picomatch(review.governs, { dot: true });
      // A commit that adds the spec wrote it with the code it governs: that code is what the spec describes. (At a
      // shallow clone's boundary every file reads as added: there, adding proves nothing.)
      const addsSpec = (c: CommitRecord): boolean => !boundary.has(c.sha) && addedBy(c).has(spec.path);
      const governed = (c: CommitRecord): boolean => !addsSpec(c) && c.files.some((f) => f.path !== spec.path && match(f.path));
      let drifting: CommitRecord[];
      let partial: boolean;
      let since = `its last review (${review.lastReview})`;
      const anchor = review.reviewedCommit && git ? await git.resolveCommit(review.reviewedCommit) : undefined;
      if (review.reviewedCommit && git && !anchor) {
        const where = spec.metadata?.locate(['reviewed_commit'])?.value ?? 0;
        context.report(spec, where, `\`reviewed_commit\` ${review.reviewedCommit} is not a commit of this history${history.shallow ? ' (this is a shallow clone: fetch more history)' : ''}; review the spec again (specguard spec review).`);
        continue;
      }
      if (anchor && git) {
        // Exact: the commits after the one the review read the code at.
        const after = await git.commitsAfter(anchor);
        drifting = history.commits.filter((c) => after.has(c.sha) && governed(c));
        partial = false;
        since = `its last review (${review.lastReview}, at commit \`${shortSha(anchor)}\`)`;
      } else {
        // Commits on the review day count as reviewed; drift starts the day after.
        const reviewed = Date.parse(`${review.lastReview}T00:00:00Z`) + DAY_MS;
        drifting = history.commits.filter((c) => Date.parse(c.committedAt) >= reviewed && governed(c));
        partial = history.shallow && history.oldest !== undefined && history.oldest >= reviewed;
      }
      const newest = drifting[0];
      if (partial) context.note(`spec-drift: this is a shallow clone whose history starts after some reviews; counts of drifting commits are lower bounds (fetch more history for exact counts).`);
      if (!newest) continue;
      const files = [...new Set(drifting.flatMap((c) => c.files.map((f) => f.path).filter((p) => p !== spec.path && match(p))))].sort();
      const count = `${partial ? 'at least ' : ''}${drifting.length} commit${drifting.length === 1 ? '' : 's'}`;
      const where = spec.metadata?.locate(['last_review'])?.value ?? 0;
      context.report(
        spec,
        where,
        `${count} changed files this spec governs after ${since}; newest: \`${shortSha(newest.sha)}\` ${newest.committedAt.slice(0, 10)} "${newest.subject}". Review the spec against ${files.length === 1 ? `\`${files[0]}\`` : `${files.length} files`} and update \`last_review\`.`,
        { related: files },
      );
    }
  },
};
