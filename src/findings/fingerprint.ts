/**
 * Stable fingerprints of findings: what a finding is, not where it is. A hash
 * of the rule id, the file, the message with every number blanked (ages in
 * days and line numbers change without the problem changing) and the
 * whitespace-folded text of the finding's line. Lines inserted above a
 * finding leave its fingerprint as it was.
 */
import { createHash } from 'node:crypto';

/** How much of a finding's line (characters from its start) its fingerprint reads: bounded, so no line costs more. */
export const FINGERPRINT_WINDOW = 1024;

/**
 * Computes a fingerprint.
 * @param lineText - the text of the line the finding points at ('' when it concerns a whole file)
 * @returns 32 hex digits (128 bits of SHA-256)
 */
export function fingerprintOf(ruleId: string, file: string, message: string, lineText: string): string {
  const normalizedMessage = message.replace(/\d+/g, '#');
  const normalizedText = lineText.slice(0, FINGERPRINT_WINDOW).replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${ruleId}\0${file}\0${normalizedMessage}\0${normalizedText}`).digest('hex').slice(0, 32);
}

/** How {@link matchFingerprints} reads fingerprints. */
export interface FingerprintKeys<F, K> {
  /** A finding's fingerprint; `undefined` (or empty) matches nothing. */
  finding(finding: F): string | undefined;
  /** A known entry's fingerprint. */
  known(entry: K): string;
}

/**
 * Matches findings to known entries (a baseline, the findings of an earlier version) by fingerprint, counted with
 * multiplicity: each entry accounts for one finding, so two equal findings need two entries. Findings take
 * entries in the order given. An exempt finding is never matched, but once the others have taken theirs it uses
 * up a leftover entry of its fingerprint, if any, so that the entry does not count as gone.
 * @returns the findings matched, and the entries no finding took (in their order)
 */
export function matchFingerprints<F, K>(
  findings: readonly F[],
  known: readonly K[],
  keys: FingerprintKeys<F, K>,
  exempt: (finding: F) => boolean = () => false,
): { matched: Set<F>; leftover: K[] } {
  const remaining = new Map<string, K[]>();
  for (const entry of known) {
    const key = keys.known(entry);
    const list = remaining.get(key);
    if (list) list.push(entry);
    else remaining.set(key, [entry]);
  }
  const take = (finding: F): boolean => {
    const key = keys.finding(finding);
    const entries = key ? remaining.get(key) : undefined;
    return entries !== undefined && entries.pop() !== undefined;
  };
  const matched = new Set<F>();
  for (const finding of findings) if (!exempt(finding) && take(finding)) matched.add(finding);
  for (const finding of findings) if (exempt(finding)) take(finding);
  return { matched, leftover: [...remaining.values()].flat() };
}
