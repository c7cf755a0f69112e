/**
 * Reads a file a pull request may have placed: only a regular file inside the repository (a symlink is followed
 * only when it leads to one), and only up to a size cap, so that a link to `/etc/shadow`, a device such as
 * `/dev/zero` or a FIFO never reaches a reader. See SECURITY.md, "A hostile pull request".
 */
import path from 'node:path';
import type { FileSystem } from './file-system.js';

const realRoots = new Map<string, string>();

/**
 * Whether a real (symlink-free) path lies inside the real path of the root.
 * @throws an `ErrnoException` from realpath(3) when the root does not exist
 */
export function insideRoot(fs: FileSystem, root: string, real: string): boolean {
  let realRoot = realRoots.get(root);
  if (realRoot === undefined) {
    realRoot = fs.realpath(root);
    realRoots.set(root, realRoot);
  }
  const inside = path.relative(realRoot, real);
  return inside !== '' && !inside.startsWith(`..${path.sep}`) && inside !== '..' && !path.isAbsolute(inside);
}

/**
 * A file's bytes, or one sentence saying why it was not read (never its content). Never throws.
 * @param root - absolute path of the repository root the file must lie in
 * @param absolutePath - the file
 * @param maxBytes - the size cap, in bytes
 * @param tooLarge - the sentence for a file over the cap, given its size and the cap (bytes)
 */
export function readBounded(fs: FileSystem, root: string, absolutePath: string, maxBytes: number, tooLarge: (size: number, maxBytes: number) => string): Buffer | string {
  try {
    let stats = fs.lstat(absolutePath);
    if (stats.isSymbolicLink()) {
      // A link is read only when it leads to a file inside the repository.
      if (!insideRoot(fs, root, fs.realpath(absolutePath))) return 'Symlink to a file outside the repository; it was not followed.';
      stats = fs.stat(absolutePath);
    }
    if (!stats.isFile()) return 'Not a regular file; it was not read.';
    if (stats.size > maxBytes) return tooLarge(stats.size, maxBytes);
    return fs.readFile(absolutePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? 'it no longer exists' : code === 'ELOOP' ? 'a symlink loop' : (code ?? String(error));
    return `Cannot read the file (${why}).`;
  }
}

/**
 * {@link readBounded} for a file named by something a pull request controls (a config's `schema`, a template):
 * its real path, through symlinks in any of its folders or `..`, must lie inside the root too. Never throws.
 * @returns the bytes, or one sentence saying why the file was not read (never its content); `undefined` when it
 * does not exist
 */
export function readInsideRoot(fs: FileSystem, root: string, absolutePath: string, maxBytes: number, tooLarge: (size: number, maxBytes: number) => string): Buffer | string | undefined {
  let real: string;
  try {
    real = fs.realpath(absolutePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    return `Cannot read the file (${code === 'ELOOP' ? 'a symlink loop' : (code ?? String(error))}).`;
  }
  try {
    if (!insideRoot(fs, root, real)) return 'It lies outside the repository; it was not read.';
  } catch {
    return 'It lies outside the repository; it was not read.';
  }
  return readBounded(fs, root, absolutePath, maxBytes, tooLarge);
}

/**
 * A sentence of {@link readBounded} or {@link readInsideRoot} as a clause after a file's name
 * (`schema x.json: it lies outside the repository; it was not read`).
 */
export function notRead(why: string): string {
  const clause = `${why.charAt(0).toLowerCase()}${why.slice(1)}`.replace(/\.$/, '');
  return /not (?:read|followed)$/.test(clause) ? clause : `${clause}; it was not read`;
}
