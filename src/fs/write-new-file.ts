/**
 * Writes a new file atomically and never over an existing one: the content
 * goes to a temporary file in the same folder, is flushed to disk, then
 * hard-linked under its final name (link(2) fails if the name exists, so two
 * writers can never take the same name). A kill at any moment leaves either
 * no file or a complete one under the final name.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, mkdir, open, unlink } from 'node:fs/promises';
import path from 'node:path';
import { SpecguardError } from '../errors.js';

/**
 * Writes `content` to `<dir>/<stem><extension>`, or `<stem>-2<extension>`,
 * `-3`, ... when a name is taken.
 * @returns the absolute path written
 * @throws SpecguardError (`WRITE`) when the folder cannot be created or written (read-only checkout, permissions)
 */
export async function writeNewFile(dir: string, stem: string, extension: string, content: string): Promise<string> {
  const temp = path.join(dir, `.${stem}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    for (let n = 1; n < 10_000; n++) {
      const target = path.join(dir, `${stem}${n === 1 ? '' : `-${n}`}${extension}`);
      try {
        await link(temp, target);
        return target;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') continue;
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
        // A file system without hard links: copy, still refusing to replace an existing file.
        try {
          await copyFile(temp, target, constants.COPYFILE_EXCL);
          return target;
        } catch (copyError) {
          if ((copyError as NodeJS.ErrnoException).code === 'EEXIST') continue;
          throw copyError;
        }
      }
    }
    throw new Error('no free file name');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EROFS' ? 'read-only file system' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? (error as Error).message);
    throw new SpecguardError('WRITE', `cannot write a new file in ${dir} (${why})`, { cause: error });
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}
