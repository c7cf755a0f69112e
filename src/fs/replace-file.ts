/**
 * Replaces a file atomically: the new content is written, flushed, as a new
 * temporary file in the same folder ({@link writeNewFile}), takes the old
 * file's permissions, and is renamed over the old name (rename(2) is atomic
 * within a file system). A kill at any moment leaves either the old file or
 * the new one under the name, never a mix.
 */
import { chmod, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { SpecguardError } from '../errors.js';
import { writeNewFile } from './write-new-file.js';

/**
 * Writes `content` to `file`, replacing what is there (or creating it).
 * @param file - absolute path
 * @throws SpecguardError (`WRITE`) when the folder cannot be written (read-only checkout, permissions)
 */
export async function replaceFile(file: string, content: string): Promise<void> {
  const mode = await stat(file).then(
    (stats) => stats.mode & 0o7777,
    () => undefined,
  );
  const temp = await writeNewFile(path.dirname(file), `.${path.basename(file)}.${process.pid}`, '.tmp', content);
  try {
    if (mode !== undefined) await chmod(temp, mode);
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    throw new SpecguardError('WRITE', `cannot replace ${file} (${code ?? (error as Error).message})`, { cause: error });
  }
}
