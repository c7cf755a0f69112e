/**
 * Where a mini-spec's review stands: its status, approvals, and the age of its
 * `last_review` against its window. Shared by `spec-freshness`,
 * `spec-required` and `spec-drift`.
 */
import type { CheckedDocument } from '../check/checked-document.js';
import type { ResolvedConfig } from '../config/config.js';
import { metadataRecord, stringField } from '../document/source-document.js';
import { ageInDays } from '../time/clock.js';

/** A mini-spec's review state. */
export interface SpecReview {
  id?: string;
  status?: string;
  /** `YYYY-MM-DD` as written, if it is a real date. */
  lastReview?: string;
  /** Days since `lastReview` (negative when in the future). */
  ageDays?: number;
  /** The review window in days: `review_interval_days`, else the config's freshness window. */
  windowDays: number;
  /** Missing, unparsable, or older than the window. */
  stale: boolean;
  approved: boolean;
  hasApprovals: boolean;
  /** The globs of the files it governs. */
  governs: string[];
  /** The commit its last review read the code at (`reviewed_commit`, 7 to 40 hex digits), if it names one. */
  reviewedCommit?: string;
}

/** Reads a mini-spec's review state. */
export function specReview(spec: CheckedDocument, now: Date, config: ResolvedConfig): SpecReview {
  const record = metadataRecord(spec);
  const raw = record.last_review;
  const age = typeof raw === 'string' ? ageInDays(raw, now) : undefined;
  const interval = record.review_interval_days;
  const windowDays = typeof interval === 'number' && Number.isInteger(interval) && interval >= 1 ? interval : config.freshnessDays;
  const status = stringField(record, 'status');
  const id = stringField(record, 'id');
  const governs = Array.isArray(record.governs) ? record.governs.filter((g): g is string => typeof g === 'string' && g !== '') : [];
  const reviewed = stringField(record, 'reviewed_commit');
  const reviewedCommit = reviewed !== undefined && /^[0-9a-f]{7,40}$/.test(reviewed) ? reviewed : undefined;
  return {
    ...(id !== undefined ? { id } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(age !== undefined ? { lastReview: raw as string, ageDays: age } : {}),
    windowDays,
    stale: age === undefined || age > windowDays,
    approved: status === 'approved',
    hasApprovals: Array.isArray(record.approvals) && record.approvals.length > 0,
    governs,
    ...(reviewedCommit ? { reviewedCommit } : {}),
  };
}

/** Why a spec cannot govern a change, in words; empty when it can (fresh, approved, with approvals). */
export function specBlockers(review: SpecReview): string[] {
  const reasons: string[] = [];
  if (review.ageDays === undefined) reasons.push('it has no valid `last_review`');
  else if (review.stale) reasons.push(`its review is stale (\`last_review\` ${review.lastReview}, ${review.ageDays} days old, over the ${review.windowDays}-day window)`);
  if (!review.approved) reasons.push(`its status is \`${review.status ?? 'missing'}\`, not \`approved\``);
  if (!review.hasApprovals) reasons.push('it records no approvals');
  return reasons;
}
