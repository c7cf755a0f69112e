/** Seed 004's example (`test/fixtures/seed-004`) as a real git repository with one commit at a fixed date. */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { commitAll, gitInit, tempRepo } from './temp-repo.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/seed-004/', import.meta.url));

/** The clock seed 004's repository is read against. */
export const NOW_004 = '2026-06-15T00:00:00Z';

/** Builds the repository; it is removed after the test. */
export function seed004Repo(): string {
  const root = tempRepo();
  fs.cpSync(FIXTURE, root, { recursive: true });
  gitInit(root);
  commitAll(root, 'docs: seed 004 task list', '2026-06-01T10:00:00Z');
  return root;
}
