/**
 * Writes a board page. A board is a generated file, so the board at the same
 * path is replaced; any other file is not, unless forced: a page is known as a
 * board by its `<meta name="generator" content="specguard board …">`.
 */
import { readFile, stat } from 'node:fs/promises';
import { SpecguardError } from '../errors.js';
import { replaceFile } from '../fs/replace-file.js';
import { escapeHtml } from './html.js';
import { BOARD_GENERATOR } from './render-board.js';

/** Options of {@link writeBoard}. */
export interface WriteBoardOptions {
  /** Replace the file even when it is not a board. */
  force?: boolean;
}

/**
 * Whether an HTML text is a page `specguard board` wrote (its head carries the generator meta tag).
 * @param html - the file's text (only its first 4 KiB are looked at)
 */
export function isBoardPage(html: string): boolean {
  return html.slice(0, 4096).includes(`<meta name="generator" content="${escapeHtml(BOARD_GENERATOR)} `);
}

/**
 * Writes the page atomically: to a temporary file in the same folder (created if missing), flushed, then
 * renamed over the target, so a reader never sees half a page.
 * @param file - absolute path
 * @throws SpecguardError `WRITE` when the target is a folder, is a file that is not a board (without `force`),
 *   or cannot be written (a parent that is a file, permissions, read-only file system)
 */
export async function writeBoard(file: string, html: string, options: WriteBoardOptions = {}): Promise<void> {
  const existing = await stat(file).catch(() => undefined);
  if (existing?.isDirectory()) throw new SpecguardError('WRITE', `${file} is a folder; give the board a file name (--output board.html)`);
  if (existing && !options.force) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (!isBoardPage(text)) throw new SpecguardError('WRITE', `${file} exists and is not a board specguard wrote; choose another --output, or give --force to replace it`);
  }
  // Atomic: a temporary file in the same folder, flushed, renamed over the target.
  await replaceFile(file, html);
}
