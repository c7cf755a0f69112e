/**
 * Which cached results a warm run may reuse: a file's entry holds when the
 * file's bytes hash the same and every dependency its rules recorded still
 * answers the same (path kinds, manifest bytes, commit verdicts, the UTC day,
 * HEAD). One git call resolves every cited commit of every entry together.
 */
import type { EvidenceVerifier } from '../evidence/verify.js';
import type { RepoPaths } from '../fs/repo-paths.js';
import type { CacheEntry } from './check-cache.js';
import { utcDay, type Dependencies } from './dependencies.js';

/** What reuse is judged against. */
export interface ReuseContext {
  /** SHA-256 (hex) of each discovered file's bytes, by repo-relative path; absent when it cannot be read. */
  hashes: ReadonlyMap<string, string>;
  /** Path lookups of this run (not recording). */
  paths: RepoPaths;
  /** Resolves cited commits, as the rules would. */
  verifier: EvidenceVerifier;
  now: Date;
  /** HEAD's commit now ('' when there is none or outside git). */
  head(): Promise<string>;
  /** SHA-256 (hex) of a manifest's bytes now; `undefined` when it cannot be read. */
  manifestHash(relativePath: string): string | undefined;
}

/**
 * The entries that still hold.
 * @param entries - cached entries by repo-relative path
 * @returns the reusable entries, by path
 */
export async function reusableEntries(entries: ReadonlyMap<string, CacheEntry>, context: ReuseContext): Promise<Map<string, CacheEntry>> {
  const candidates = [...entries].filter(([file, entry]) => context.hashes.get(file) === entry.hash);
  const shas = candidates.flatMap(([, entry]) => (entry.dependencies.commits ?? []).map(([sha]) => sha));
  if (shas.length > 0) await context.verifier.resolveCommits(shas);
  const head = candidates.some(([, entry]) => entry.dependencies.head !== undefined) ? await context.head() : '';
  const day = utcDay(context.now);
  return new Map(candidates.filter(([, entry]) => holds(entry.dependencies, context, day, head)));
}

/** Whether one set of dependencies still holds (its commits must have been resolved by the verifier). */
export async function dependenciesHold(dependencies: Dependencies, context: ReuseContext): Promise<boolean> {
  return holds(dependencies, context, utcDay(context.now), dependencies.head !== undefined ? await context.head() : '');
}

function holds(dependencies: Dependencies, context: ReuseContext, day: number, head: string): boolean {
  if (dependencies.day !== undefined && dependencies.day !== day) return false;
  if (dependencies.head !== undefined && dependencies.head !== head) return false;
  for (const [file, kind] of dependencies.paths ?? []) if (context.paths.kind(file) !== kind) return false;
  for (const [file, hash] of dependencies.manifests ?? []) if (context.manifestHash(file) !== hash) return false;
  for (const [sha, status] of dependencies.commits ?? []) if (context.verifier.commitVerdict(sha)?.status !== status) return false;
  return true;
}
