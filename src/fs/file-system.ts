/**
 * The file-system calls specguard makes while checking, behind one interface
 * so that tests and hosts (an editor, a server) can supply their own.
 */
import { promises as fsp, type Stats } from 'node:fs';

/** What specguard reads. All paths are absolute. */
export interface FileSystem {
  readFile(path: string): Promise<Buffer>;
  /** Like `lstat(2)`: a symlink is reported as itself. */
  lstat(path: string): Promise<Stats>;
  stat(path: string): Promise<Stats>;
  /** Resolves symlinks. */
  realpath(path: string): Promise<string>;
}

/** The real file system. */
export const nodeFileSystem: FileSystem = {
  readFile: (p) => fsp.readFile(p),
  lstat: (p) => fsp.lstat(p),
  stat: (p) => fsp.stat(p),
  realpath: (p) => fsp.realpath(p),
};
