/**
 * Evidence judged at the time of the claim: a cited path that existed in the
 * commit that ticked its box and was moved or deleted later is not missing
 * (a note, and `brief` says where it went); a path that did not exist at the
 * tick is missing; outside git and for a box ticked in the working tree,
 * today's tree decides. Real repositories with commits at fixed dates.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { brief } from '../../src/brief/brief.js';
import { renderMarkdown } from '../../src/brief/render-markdown.js';
import { checkRepo, findingsOf, lines, places } from '../helpers/check-repo.js';
import { commitFiles, committedRepo, short } from '../helpers/git-fixtures.js';
import { commitAll, git, writeFiles } from '../helpers/temp-repo.js';

const LIST = 'tasks/tasks-0001-importer.md';
const OPEN = lines('# Tasks', '', '- [ ] 1.0 The importer reads the ledger');
/** The box is on line 3; the citation starts at column 53. */
const TICKED = lines('# Tasks', '', '- [x] 1.0 The importer reads the ledger — evidence: `tests/import.test.ts`');
const TEST_FILE = 'export {};\n';

/** `git mv`, into a folder made first. */
function gitMove(root: string, from: string, to: string): void {
  mkdirSync(path.dirname(path.join(root, to)), { recursive: true });
  git(root, ['mv', from, to]);
}

/** A repository where the tested file is added, the box ticked citing it, then the file moved by `git mv`. */
function movedAfterTick(): { root: string; tick: string; move: string } {
  const { root } = committedRepo({ [LIST]: OPEN, 'tests/import.test.ts': TEST_FILE }, '2026-10-01T10:00:00Z', 'importer: plan and test');
  const tick = commitFiles(root, { [LIST]: TICKED }, 'importer: done', '2026-10-02T10:00:00Z');
  gitMove(root, 'tests/import.test.ts', 'tests/unit/import.test.ts');
  const move = commitAll(root, 'tests: move unit tests into tests/unit', '2026-10-03T10:00:00Z');
  return { root, tick, move };
}

describe('evidence judged at the tick', () => {
  it('a path moved after the tick is not missing: a note names where it went, and brief shows it', async () => {
    const { root, tick, move } = movedAfterTick();
    const report = await checkRepo(root);
    expect(findingsOf(report, 'evidence-missing')).toEqual([]);
    expect(report.notes).toContain(
      `\`${LIST}:3\`: cited \`tests/import.test.ts\` existed when this box was ticked (\`${short(tick)}\`) and was moved to \`tests/unit/import.test.ts\` in \`${short(move)}\`; cite the new path. Not reported as missing.`,
    );

    const result = (await brief({ root, task: '0001', now: '2026-10-04T00:00:00Z', env: {} }))!;
    const criterion = result.criteria.find((c) => c.text.startsWith('1.0'))!;
    expect(criterion.state).toBe('verified');
    expect(criterion.evidence).toEqual([expect.objectContaining({ cited: 'tests/import.test.ts', status: 'moved', moved_to: 'tests/unit/import.test.ts', commit: move })]);
    expect(renderMarkdown(result)).toContain(`\`tests/import.test.ts\` (moved to \`tests/unit/import.test.ts\` in \`${short(move)}\`)`);
  });

  it('without the history the same citation is missing: outside git, today\'s tree decides', async () => {
    const { root } = movedAfterTick();
    rmSync(path.join(root, '.git'), { recursive: true, force: true });
    const report = await checkRepo(root);
    expect(places(findingsOf(report, 'evidence-missing'))).toEqual([[LIST, 3, 53]]);
  });

  it('a path deleted after the tick is not missing either: the note names the deleting commit', async () => {
    const { root } = committedRepo({ [LIST]: OPEN, 'tests/import.test.ts': TEST_FILE }, '2026-10-01T10:00:00Z', 'importer: plan and test');
    const tick = commitFiles(root, { [LIST]: TICKED }, 'importer: done', '2026-10-02T10:00:00Z');
    git(root, ['rm', '-q', 'tests/import.test.ts']);
    const removal = commitAll(root, 'tests: drop the importer test', '2026-10-03T10:00:00Z');
    const report = await checkRepo(root);
    expect(findingsOf(report, 'evidence-missing')).toEqual([]);
    expect(report.notes).toContain(
      `\`${LIST}:3\`: cited \`tests/import.test.ts\` existed when this box was ticked (\`${short(tick)}\`) and was deleted in \`${short(removal)}\`; the box stood when it was ticked. Not reported as missing.`,
    );
  });

  it('a path deleted before the box was ticked, then cited, is missing', async () => {
    const { root } = committedRepo({ [LIST]: OPEN, 'tests/import.test.ts': TEST_FILE }, '2026-10-01T10:00:00Z', 'importer: plan and test');
    git(root, ['rm', '-q', 'tests/import.test.ts']);
    commitAll(root, 'tests: drop the importer test', '2026-10-02T10:00:00Z');
    commitFiles(root, { [LIST]: TICKED }, 'importer: done', '2026-10-03T10:00:00Z');
    const report = await checkRepo(root);
    const findings = findingsOf(report, 'evidence-missing');
    expect(places(findings)).toEqual([[LIST, 3, 53]]);
    expect(findings[0]!.severity).toBe('error');
    expect((report.notes ?? []).filter((n) => n.includes('existed when this box was ticked'))).toEqual([]);
  });

  it('a box ticked in the working tree is judged by today\'s tree', async () => {
    const { root } = committedRepo({ [LIST]: OPEN, 'tests/import.test.ts': TEST_FILE }, '2026-10-01T10:00:00Z', 'importer: plan and test');
    rmSync(path.join(root, 'tests/import.test.ts'));
    writeFiles(root, { [LIST]: TICKED });
    const report = await checkRepo(root);
    expect(places(findingsOf(report, 'evidence-missing'))).toEqual([[LIST, 3, 53]]);
  });

  it('follows a cited run folder through a rename of its files, and resolves a path below a folder the item names', async () => {
    const manifest = { run_id: 'r1', task_id: '0001', started_at: '2026-10-01T09:00:00Z', status: 'succeeded', commands: [{ command: 'npm test', exit_code: 0 }] };
    const ticked = lines('# Tasks', '', '- [x] 1.0 The importer reads the ledger — see `.runs/r1/`', '- [x] 2.0 In `packages/core`, evidence: `src/ledger.ts`');
    const { root } = committedRepo({ [LIST]: OPEN, '.runs/r1/manifest.json': manifest, 'packages/core/src/ledger.ts': TEST_FILE }, '2026-10-01T10:00:00Z', 'importer: plan and run');
    commitFiles(root, { [LIST]: ticked }, 'importer: done', '2026-10-02T10:00:00Z');
    gitMove(root, '.runs/r1', '.runs/2026/r1');
    gitMove(root, 'packages/core/src/ledger.ts', 'packages/core/src/ledger/index.ts');
    const move = commitAll(root, 'runs: file by year; core: ledger module', '2026-10-03T10:00:00Z');
    const report = await checkRepo(root);
    expect(findingsOf(report, 'evidence-missing')).toEqual([]);
    const note = (report.notes ?? []).find((n) => n.startsWith(`\`${LIST}:3\``))!;
    expect(note).toContain(`moved to \`.runs/2026/r1\` in \`${short(move)}\``);
    expect(note).toContain('(and 1 more cited path of this file moved or deleted since their boxes were ticked)');

    const result = (await brief({ root, task: '0001', now: '2026-10-04T00:00:00Z', env: {} }))!;
    expect(result.criteria.find((c) => c.text.startsWith('2.0'))!.evidence).toEqual([
      expect.objectContaining({ cited: 'src/ledger.ts', status: 'moved', moved_to: 'packages/core/src/ledger/index.ts', commit: move }),
    ]);
  });
});
