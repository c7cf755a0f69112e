/**
 * What a document's findings depend on besides its own text: the paths its
 * rules looked up, the run manifests they read, the commits they resolved,
 * the day (for freshness) and HEAD (for history). Recorded while the rules
 * run, kept in the cache, and checked again before a cached result is reused.
 */
import type { PathKind } from '../fs/repo-paths.js';
import { DAY_MS } from '../time/clock.js';

/** A commit citation's verdict status, as the evidence verifier gave it. */
export type CommitStatus = 'ok' | 'missing' | 'unverifiable';

/** The dependencies of one document's findings, as stored in the cache (plain JSON). */
export interface Dependencies {
  /** Repo-relative paths looked up, with what each was. */
  paths?: Array<[string, PathKind]>;
  /** Repo-relative run manifests read, with the SHA-256 (hex) of their bytes at the time. */
  manifests?: Array<[string, string]>;
  /** Commits resolved, with their verdict status. */
  commits?: Array<[string, CommitStatus]>;
  /** The UTC day (days since 1970-01-01) of `now`, when a rule read the clock. */
  day?: number;
  /** HEAD's commit when a rule read git history ('' for a repository without commits or outside git). */
  head?: string;
}

/** Dependencies while they are being recorded. */
export class DependencySet {
  readonly paths = new Map<string, PathKind>();
  readonly manifests = new Set<string>();
  readonly commits = new Map<string, CommitStatus>();
  usesClock = false;
  usesHistory = false;

  /** A plain copy, to move between threads. */
  snapshot(): RecordedDependencies {
    return { paths: [...this.paths], manifests: [...this.manifests], commits: [...this.commits], usesClock: this.usesClock, usesHistory: this.usesHistory };
  }
}

/** Recorded dependencies as plain data (structured-clonable). */
export interface RecordedDependencies {
  paths: Array<[string, PathKind]>;
  manifests: string[];
  commits: Array<[string, CommitStatus]>;
  usesClock: boolean;
  usesHistory: boolean;
}

/**
 * The stored form of recorded dependencies.
 * @param manifestHash - SHA-256 (hex) of a manifest's bytes now; `undefined` when it cannot be read
 * @param now - the run's clock
 * @param head - HEAD's commit ('' when there is none)
 */
export function storedDependencies(recorded: RecordedDependencies, manifestHash: (path: string) => string | undefined, now: Date, head: string): Dependencies {
  const out: Dependencies = {};
  if (recorded.paths.length > 0) out.paths = recorded.paths;
  if (recorded.manifests.length > 0) out.manifests = recorded.manifests.map((p) => [p, manifestHash(p) ?? '']);
  if (recorded.commits.length > 0) out.commits = recorded.commits;
  if (recorded.usesClock) out.day = utcDay(now);
  if (recorded.usesHistory) out.head = head;
  return out;
}

/**
 * Collects dependencies per document. The evidence verifier and the path
 * lookups report into {@link current}, which the caller sets around the
 * synchronous work done for one document.
 */
export class DependencyRecorder {
  private readonly sets = new Map<string, DependencySet>();
  /** The set being recorded into, or `undefined` between documents. */
  current: DependencySet | undefined;

  /** The set of a document (created on first use). */
  of(documentPath: string): DependencySet {
    let set = this.sets.get(documentPath);
    if (!set) {
      set = new DependencySet();
      this.sets.set(documentPath, set);
    }
    return set;
  }

  /** Runs `work` with a document's set as {@link current}. */
  within<T>(documentPath: string, work: () => T): T {
    const previous = this.current;
    this.current = this.of(documentPath);
    try {
      return work();
    } finally {
      this.current = previous;
    }
  }

  /** Takes a document's set out of the recorder (it records nothing more for it). */
  take(documentPath: string): DependencySet | undefined {
    const set = this.sets.get(documentPath);
    this.sets.delete(documentPath);
    return set;
  }
}

/** Days since 1970-01-01 of a date's UTC day: freshness is counted in whole UTC days (src/time/clock.ts). */
export function utcDay(now: Date): number {
  return Math.floor(now.getTime() / DAY_MS);
}
