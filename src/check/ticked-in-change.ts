/**
 * Which boxes a change ticked, decided from content, not from diff text: the task items of each changed file
 * are compared with those of its version at the merge base, by identity (the item's text, the texts of the
 * items it is nested under and the heading it stands under). A box is ticked in the change when it is ticked now and no item of the same
 * identity was ticked at the base. So neither `.gitattributes` (`*.md -diff`, which leaves no hunks), nor a
 * content line that looks like a diff header, nor removing the fence or comment around an item can hide a
 * tick from pull-request mode or make a baseline wave it through.
 */
import path from 'node:path';
import { isNewLine, type ChangeSet } from './changes.js';
import { makeDocument } from './load.js';
import type { ScannedItem } from '../markdown/body-scan.js';
import type { RepositoryReader } from './workspace.js';

/** A file's task items, each with its identity: the heading it stands under, the items it is nested in, its text. */
function itemsOf(file: string, text: string): Array<{ item: ScannedItem; key: string }> {
  if (!/\.(md|markdown|mdx)$/i.test(file)) return [];
  const body = makeDocument(file, file, 'markdown', text.replace(/^\uFEFF/, '')).body();
  const parentOf = new Map<ScannedItem, ScannedItem>();
  for (const item of body.items) for (const descendant of item.descendants) parentOf.set(descendant, item); // deepest ancestor last
  return body.items.map((item) => {
    const path: string[] = [];
    for (let at: ScannedItem | undefined = item; at; at = parentOf.get(at)) path.unshift(at.text);
    const heading = body.headings.filter((h) => h.start < item.start).at(-1)?.text ?? '';
    return { item, key: [heading, ...path].join('\u0000') };
  });
}

/**
 * The lines (1-based, in the work tree's version) of the boxes each changed file's change ticked.
 * @param files - changed files (repo-relative) to judge; a file the change adds has every ticked box ticked in it
 * @returns file → lines; a file that cannot be read is judged as ticked throughout (nothing waved through)
 */
export async function tickedInChange(reader: RepositoryReader, changes: ChangeSet, files: readonly string[]): Promise<Map<string, Set<number>>> {
  const git = await reader.git();
  const ids = files.map((file) => changes.baseBlobs.get(file)).filter((id): id is string => id !== undefined);
  const blobs = git && ids.length > 0 ? await git.readBlobBytes(ids).catch(() => new Map<string, Buffer>()) : new Map<string, Buffer>();
  const out = new Map<string, Set<number>>();
  for (const file of files) {
    let now: Array<{ item: ScannedItem; key: string }>;
    try {
      now = itemsOf(file, reader.fs.readFile(path.join(reader.root, ...file.split('/'))).toString('utf8'));
    } catch {
      continue; // gone from the work tree: nothing of it is reported
    }
    const id = changes.baseBlobs.get(file);
    const bytes = id !== undefined ? blobs.get(id) : undefined;
    const before = bytes ? itemsOf(file, bytes.toString('utf8')) : [];
    // Ticked at the base, by identity, counted: two equal ticked items at the base cover two now.
    const ticked = new Map<string, number>();
    for (const { item, key } of before) if (item.checked) ticked.set(key, (ticked.get(key) ?? 0) + 1);
    // Of equal items, those on lines the change left alone take the base's ticks first: the count of new ticks is
    // the content's, and the diff only says which of equal items is the new one.
    const candidates = now.filter(({ item }) => item.checked);
    const ordered = [...candidates.filter(({ item }) => !isNewLine(changes, file, item.line)), ...candidates.filter(({ item }) => isNewLine(changes, file, item.line))];
    const lines = new Set<number>();
    for (const { item, key } of ordered) {
      const left = ticked.get(key) ?? 0;
      if (left > 0) ticked.set(key, left - 1);
      else lines.add(item.line);
    }
    out.set(file, lines);
  }
  return out;
}
