/**
 * The clock that freshness and ages are measured against. `--now` (an ISO
 * 8601 date or date-time) wins, then `SOURCE_DATE_EPOCH` (seconds since the
 * Unix epoch, per reproducible-builds.org), then the system clock; so tests
 * and CI runs are reproducible.
 */
import { SpecguardError } from '../errors.js';

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/**
 * Resolves the current time.
 * @param now - a Date, or an ISO 8601 date (`2026-11-21`, read as UTC midnight) or date-time
 * @param env - the environment, for `SOURCE_DATE_EPOCH`
 * @throws SpecguardError (`USAGE`) when `now` or `SOURCE_DATE_EPOCH` does not parse
 */
export function resolveNow(now: Date | string | undefined, env: Record<string, string | undefined> = {}): Date {
  if (now instanceof Date) {
    if (Number.isNaN(now.getTime())) throw new SpecguardError('USAGE', '--now: not a valid date');
    return now;
  }
  if (typeof now === 'string') {
    const iso = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(now.trim());
    const parsed = new Date(/^\d{4}-\d{2}-\d{2}$/.test(now.trim()) ? `${now.trim()}T00:00:00Z` : now.trim());
    if (!iso || Number.isNaN(parsed.getTime())) throw new SpecguardError('USAGE', `--now: \`${now}\` is not an ISO 8601 date or date-time (e.g. 2026-11-21 or 2026-11-21T09:00:00Z)`);
    // JavaScript rolls 2025-02-30 over to March 2; a calendar date that does not exist is refused.
    if (ageInDays(now.trim().slice(0, 10), parsed) === undefined) throw new SpecguardError('USAGE', `--now: \`${now}\` is not a calendar date (${now.trim().slice(0, 10)} does not exist)`);
    return parsed;
  }
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) throw new SpecguardError('USAGE', `SOURCE_DATE_EPOCH: \`${epoch}\` is not a whole number of seconds`);
    const date = new Date(Number(epoch) * 1000);
    // Past year 9999 no ISO 8601 date can say it (and JavaScript's dates end in 275760).
    if (Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999) throw new SpecguardError('USAGE', `SOURCE_DATE_EPOCH: \`${epoch}\` is past year 9999`);
    return date;
  }
  return new Date();
}

/**
 * Whole days from a calendar date to the UTC day of `now`.
 * @param date - `YYYY-MM-DD`
 * @returns days (negative when the date is in the future), or `undefined` when `date` is not a real calendar date
 */
export function ageInDays(date: string, now: Date): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const day = Date.UTC(y, m - 1, d);
  const back = new Date(day);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((today - day) / DAY_MS);
}
