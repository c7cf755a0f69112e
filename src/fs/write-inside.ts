/**
 * Bounds on what specguard writes on its own account (a checkpoint, the files
 * `init` plans, the board's default page): inside the repository, never
 * through a symlink a pull request may have committed (`state/checkpoints/0042
 * -> /outside/…`). See SECURITY.md, "A hostile pull request".
 */
import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { SpecguardError } from '../errors.js';

/**
 * Refuses to write `target` unless the nearest folder of it that exists lies inside `root` by its real path (no
 * symlink or `..` leads out), and `target` itself is not a symlink.
 * @param root - absolute path of the repository root
 * @param target - absolute path of the file about to be written (it may not exist yet, nor its folders)
 * @param shown - how messages name the file (repo-relative)
 * @throws SpecguardError (`WRITE`) naming the file and the symlink or folder at fault; nothing is written
 */
export function assertWritesInside(root: string, target: string, shown: string): void {
  const realRoot = realpathSync(root);
  const existing = lstatOrUndefined(target);
  if (existing?.isSymbolicLink()) throw new SpecguardError('WRITE', `${shown} is a symlink; specguard never writes through one, so nothing was written`);
  let folder = path.dirname(target);
  while (!lstatOrUndefined(folder)) {
    const up = path.dirname(folder);
    if (up === folder) break;
    folder = up;
  }
  let real: string;
  try {
    real = realpathSync(folder);
  } catch (error) {
    throw new SpecguardError('WRITE', `cannot write ${shown} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
  const inside = path.relative(realRoot, real);
  if (inside.startsWith(`..${path.sep}`) || inside === '..' || path.isAbsolute(inside)) {
    const at = path.relative(root, folder).split(path.sep).join('/') || '.';
    throw new SpecguardError('WRITE', `${shown}: its folder \`${at}\` leads outside the repository (a symlink); specguard never writes there, so nothing was written`);
  }
}

function lstatOrUndefined(file: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}
