/** The check every command makes first: that the folder it was given exists. */
import { statSync } from 'node:fs';
import { SpecguardError } from '../errors.js';

/**
 * Throws unless `dir` is a folder.
 * @param dir - absolute path
 * @throws SpecguardError (`USAGE`) `<dir>: not a folder`
 */
export function assertFolder(dir: string): void {
  let isFolder = false;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    // reported below
  }
  if (!isFolder) throw new SpecguardError('USAGE', `${dir}: not a folder`);
}
