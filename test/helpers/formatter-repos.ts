/**
 * Repositories for the formatter tests: one with findings of several rules
 * (errors with and without an end position, a warning, a finding with a
 * related file, a note), and a clean one.
 */
import { lines, manifest, validSpec } from './check-repo.js';
import { miniSpec, SPEC } from './git-fixtures.js';
import { tempRepo } from './temp-repo.js';

export const LIST = 'tasks/tasks-0001.md';

/**
 * Findings in the task list, lines 3 to 6: checkbox-evidence, evidence-missing (with an end position),
 * evidence-failed (with a related manifest), evidence-external (a warning); spec-freshness in the spec;
 * and a note (spec-drift, no git).
 */
export function repoWithFindings(): string {
  return tempRepo({
    'README.md': '# Repo\n',
    '.runs/1/manifest.json': manifest({ status: 'failed' }),
    [SPEC]: miniSpec({ lastReview: '2026-01-01' }),
    [LIST]: lines('# Tasks', '', '- [x] shipped', '- [x] docs `docs/missing.md`', '- [x] run `.runs/1/manifest.json`', '- [x] fixed in #12'),
  });
}

/** No findings at all. */
export function cleanRepo(): string {
  return tempRepo({ 'README.md': '# Repo\n', 'tasks/specs/0001-core.md': validSpec('0001-core'), [LIST]: lines('# Tasks', '', '- [x] wrote it `README.md`', '- [ ] open') });
}
