/**
 * The file-system calls specguard makes while checking, behind one interface
 * so that tests and hosts (an editor, a server) can supply their own.
 * Synchronous on purpose: a check reads many small files, and per-call
 * promise and thread-pool overhead would cost more than the reads.
 */
import { lstatSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';

/** What specguard reads. All paths are absolute; every call may throw a Node.js `ErrnoException`. */
export interface FileSystem {
  readFile(path: string): Buffer;
  /** Like `lstat(2)`: a symlink is reported as itself. */
  lstat(path: string): Stats;
  stat(path: string): Stats;
  /** Resolves symlinks. */
  realpath(path: string): string;
}

/** The real file system. */
export const nodeFileSystem: FileSystem = {
  readFile: (p) => readFileSync(p),
  lstat: (p) => lstatSync(p),
  stat: (p) => statSync(p),
  // One realpath(3) call, rather than an lstat per path component.
  realpath: (p) => realpathSync.native(p),
};
