/**
 * Replaces a file atomically: the new content goes to a temporary file in the
 * same folder, is flushed to disk, takes the old file's permissions, and is
 * renamed over the old name (rename(2) is atomic within a file system). A kill
 * at any moment leaves either the old file or the new one, never a mix.
 */
import { randomBytes } from 'node:crypto';
import { chmod, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { SpecguardError } from '../errors.js';

/**
 * Writes `content` to `file`, replacing what is there (or creating it).
 * @param file - absolute path; its folder must exist
 * @throws SpecguardError (`WRITE`) when the folder cannot be written (read-only checkout, permissions)
 */
export async function replaceFile(file: string, content: string): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const mode = await stat(file).then(
      (stats) => stats.mode & 0o7777,
      () => undefined,
    );
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (mode !== undefined) await chmod(temp, mode);
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EROFS' ? 'read-only file system' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? (error as Error).message);
    throw new SpecguardError('WRITE', `cannot write ${file} (${why})`, { cause: error });
  }
}
