/**
 * Writes a new file atomically and never over an existing one: the content
 * goes to a temporary file in the same folder, is flushed to disk, then
 * hard-linked under its final name (link(2) fails if the name exists, so two
 * writers can never take the same name). A kill at any moment leaves either
 * no file or a complete one under the final name; the temporary file it may
 * leave is hidden, ends in `.tmp` (no kind's glob takes it), and is removed
 * by a later write in the same folder once its writer is gone.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, mkdir, open, readdir, stat, unlink, writeFile } from 'node:fs/promises';
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
    await removeStaleTemporaries(dir);
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await holdForTests();
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

/** A temporary file of {@link writeNewFile}: `.<stem>.<pid>.<12 hex digits>.tmp`. */
const TEMPORARY = /^\..+\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/** How old a temporary file of a dead writer must be before it is removed. */
const STALE_MS = 60_000;

/** Removes the temporary files that killed writers left in a folder: their process is gone and they are old. */
async function removeStaleTemporaries(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(TEMPORARY.exec(name)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    const file = path.join(dir, name);
    try {
      if (Date.now() - (await stat(file)).mtimeMs > STALE_MS) await unlink(file);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Test hook: with `SPECGUARD_TEST_HOLD_BEFORE_LINK` naming a file, that file is created once the temporary
 * file is complete, and the write then waits (a minute) before linking, so that a test can kill the process
 * exactly between the two steps.
 */
async function holdForTests(): Promise<void> {
  const marker = process.env.SPECGUARD_TEST_HOLD_BEFORE_LINK;
  if (!marker) return;
  await writeFile(marker, 'held\n');
  await new Promise((resolve) => setTimeout(resolve, 60_000));
}
