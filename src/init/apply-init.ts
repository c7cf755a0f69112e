/**
 * Apply step of `init`: writes the planned files. A new file is written with
 * {@link writeNewFile} (atomic, never over an existing file); a file replaced
 * (`--force`, or package.json gaining scripts) goes through a temporary file
 * and a rename. Files left alone are not touched, not even their times.
 */
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { replaceFile } from '../fs/replace-file.js';
import { writeNewFile } from '../fs/write-new-file.js';
import { EXISTS_NOTE, type InitPlan, type PlannedAction } from './plan-init.js';

/** What happened to one file. */
export type InitFileStatus = 'created' | 'unchanged' | 'skipped' | 'overwritten' | 'updated';

/** One file's outcome. */
export interface InitFileResult {
  /** Repo-relative POSIX path. */
  path: string;
  status: InitFileStatus;
  /** Why it was skipped, or what an update did. */
  note?: string;
}

const STATUS: Record<PlannedAction, InitFileStatus> = { create: 'created', unchanged: 'unchanged', skip: 'skipped', overwrite: 'overwritten', update: 'updated' };

/**
 * Writes a plan, file by file in plan order.
 * @returns each file's outcome, in plan order; a file that appeared since the plan was made is skipped, not replaced
 * @throws SpecguardError (`WRITE`) when a file cannot be written; the files before it are written
 */
export async function applyInit(plan: InitPlan): Promise<InitFileResult[]> {
  const results: InitFileResult[] = [];
  for (const file of plan.files) {
    const absolute = path.join(plan.root, ...file.path.split('/'));
    let status = STATUS[file.action];
    let note = file.note;
    if (file.action === 'create') {
      const extension = path.extname(absolute);
      const written = await writeNewFile(path.dirname(absolute), path.basename(absolute, extension), extension, file.content);
      if (written !== absolute) {
        // The name was taken after the plan was made: writeNewFile chose another name; take that back.
        await unlink(written);
        status = 'skipped';
        note = EXISTS_NOTE;
      }
    } else if (file.action === 'overwrite' || file.action === 'update') {
      await replaceFile(absolute, file.content);
    }
    results.push({ path: file.path, status, ...(note !== undefined ? { note } : {}) });
  }
  return results;
}
