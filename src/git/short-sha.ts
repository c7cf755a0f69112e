/**
 * The abbreviated commit id that specguard's messages use.
 * @param sha - a full (or longer than 12 digits) commit id
 * @returns its first 12 hex digits (git's `--abbrev=12`), long enough to stay unique in large repositories
 */
export function shortSha(sha: string): string {
  return sha.slice(0, 12);
}
