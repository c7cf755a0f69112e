/**
 * Safe lookups of repo-relative paths: what a path is, without ever reading
 * outside the repository. A path whose real location (symlinks resolved)
 * lies outside the root is reported as `outside` and not touched further.
 */
import path from 'node:path';
import type { FileSystem } from './file-system.js';
import { readInsideRoot } from './read-bounded.js';

/** What a repo-relative path names. */
export type PathKind = 'file' | 'directory' | 'missing' | 'outside' | 'loop';

/** Answers, and caches for the run, what repo-relative paths are. */
export class RepoPaths {
  private readonly root: string;
  private readonly fs: FileSystem;
  private realRoot: string | undefined;
  private readonly cache = new Map<string, PathKind>();

  /** @param root - absolute repository root */
  constructor(root: string, fs: FileSystem) {
    this.root = root;
    this.fs = fs;
  }

  /**
   * Normalizes a path written in a document to a repo-relative POSIX path.
   * @param written - the path as written (`/` or `\` separators)
   * @param base - the repo-relative folder it is relative to (`''` for the root)
   * @returns `undefined` when it is absolute or leaves the root with `..`
   */
  static normalize(written: string, base = ''): string | undefined {
    const posix = written.replace(/\\/g, '/');
    if (posix.startsWith('/') || /^[a-z]:\//i.test(posix)) return undefined;
    const joined = path.posix.normalize(path.posix.join(base, posix));
    if (joined === '..' || joined.startsWith('../')) return undefined;
    return joined.replace(/\/$/, '') || '.';
  }

  /**
   * The repo-relative POSIX path of an absolute path inside the repository.
   * @returns `undefined` when it lies outside the root (or is the root itself)
   */
  relativeOf(absolutePath: string): string | undefined {
    const relative = path.relative(this.root, absolutePath);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return relative.split(path.sep).join('/');
  }

  /** Absolute path of a repo-relative path. */
  absolute(relativePath: string): string {
    return path.join(this.root, ...relativePath.split('/'));
  }

  /**
   * A file's bytes, read only as a regular file whose real path (through a symlinked folder on the way too) lies
   * inside the repository, and up to a cap (see {@link readInsideRoot}).
   * @param maxBytes - the cap, in bytes
   * @returns the bytes, or why the file was not read: one sentence, and whether only its size kept it unread
   */
  read(relativePath: string, maxBytes: number): Buffer | { why: string; tooLarge: boolean } {
    let tooLarge = false;
    const read = readInsideRoot(this.fs, this.root, this.absolute(relativePath), maxBytes, (size, cap) => {
      tooLarge = true;
      return `The file has ${size} bytes, over the ${cap}-byte cap; it was not read.`;
    });
    if (read === undefined) return { why: 'It does not exist.', tooLarge: false };
    return typeof read === 'string' ? { why: read, tooLarge } : read;
  }

  /** What a normalized repo-relative path names. */
  kind(relativePath: string): PathKind {
    let answer = this.cache.get(relativePath);
    if (answer === undefined) {
      answer = this.inspect(relativePath);
      this.cache.set(relativePath, answer);
    }
    return answer;
  }

  /**
   * Records what an `lstat` made elsewhere found: a regular file, no symlink (the cache's hashing of every
   * discovered file). It is a `file` when its folder is a real folder inside the root, as {@link kind} would find
   * with an `lstat` of its own; otherwise nothing is recorded and {@link kind} looks for itself.
   */
  knownFile(relativePath: string): void {
    if (this.cache.has(relativePath)) return;
    const slash = relativePath.lastIndexOf('/');
    if (slash === -1 || this.kind(relativePath.slice(0, slash)) === 'directory') this.cache.set(relativePath, 'file');
  }

  private realRootOf(): string {
    try {
      return this.fs.realpath(this.root);
    } catch {
      return this.root;
    }
  }

  /**
   * One `lstat` for a path that is no symlink, in a folder already known to be a real folder inside the root
   * (memoized for the run): its real path is that folder's and its name, so it lies inside too. A symlink, or a
   * path under anything else, is resolved whole by {@link resolve}. Cited paths share their folders, so a run
   * makes one system call per path rather than one per component of each.
   */
  private inspect(relativePath: string): PathKind {
    const slash = relativePath.lastIndexOf('/');
    if (relativePath === '.' || (slash !== -1 && this.kind(relativePath.slice(0, slash)) !== 'directory')) return this.resolve(relativePath);
    let stats;
    try {
      stats = this.fs.lstat(this.absolute(relativePath));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : this.resolve(relativePath);
    }
    if (stats.isSymbolicLink()) return this.resolve(relativePath);
    return stats.isDirectory() ? 'directory' : 'file';
  }

  /** What a path is, from its real path (symlinks resolved): `outside` when that leaves the root. */
  private resolve(relativePath: string): PathKind {
    const absolute = this.absolute(relativePath);
    let real: string;
    try {
      real = this.fs.realpath(absolute);
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'loop' : 'missing';
    }
    this.realRoot ??= this.realRootOf();
    const inside = path.relative(this.realRoot, real);
    if (inside.startsWith('..') || path.isAbsolute(inside)) return 'outside';
    try {
      return this.fs.stat(absolute).isDirectory() ? 'directory' : 'file';
    } catch {
      return 'missing';
    }
  }
}
