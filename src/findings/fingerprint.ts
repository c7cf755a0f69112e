/**
 * Stable fingerprints of findings: what a finding is, not where it is. A hash
 * of the rule id, the file, the message with every number blanked (ages in
 * days and line numbers change without the problem changing) and the
 * whitespace-folded text of the finding's line. Lines inserted above a
 * finding leave its fingerprint as it was.
 */
import { createHash } from 'node:crypto';

/**
 * Computes a fingerprint.
 * @param lineText - the text of the line the finding points at ('' when it concerns a whole file)
 * @returns 32 hex digits (128 bits of SHA-256)
 */
export function fingerprintOf(ruleId: string, file: string, message: string, lineText: string): string {
  const normalizedMessage = message.replace(/\d+/g, '#');
  const normalizedText = lineText.replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${ruleId}\0${file}\0${normalizedMessage}\0${normalizedText}`).digest('hex').slice(0, 32);
}
