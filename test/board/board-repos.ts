/**
 * Repositories for the board tests, real git with fixed dates: the bundled
 * example (seed 004) committed into a fresh repository, and seed 000's story
 * with six more tasks, one per status: done, blocked, not started, stalled
 * by silence, stalled by a dead run, in progress with contradictions (and a
 * stale, drifting spec and a task list of its own).
 */
import { cpSync } from 'node:fs';
import path from 'node:path';
import { lines, markdown } from '../helpers/check-repo.js';
import { commitFiles, miniSpec } from '../helpers/git-fixtures.js';
import { SEED_000_NOW, seed000Repo } from '../helpers/seed-000-repo.js';
import { commitAll, gitInit, tempRepo } from '../helpers/temp-repo.js';

/** The clock of the README's example. */
export const SEED_004_NOW = '2025-10-20';

/**
 * test/fixtures/seed-004 copied to `<temp>/seed-004` (so the board is titled after it) and committed on
 * 2025-10-16T03:00:00Z, as its authors would have.
 */
export function seed004Repo(): string {
  const root = path.join(tempRepo(), 'seed-004');
  cpSync(path.resolve('test/fixtures/seed-004'), root, { recursive: true });
  gitInit(root);
  commitAll(root, 'chore: orchestrator work state', '2025-10-16T03:00:00Z');
  return root;
}

/** The clock of {@link multiTaskRepo}. */
export const MULTI_NOW = SEED_000_NOW;

/** The task ids of {@link multiTaskRepo} and the status each must have. */
export const MULTI_STATUSES: Readonly<Record<string, string>> = {
  '7': 'done',
  '8': 'blocked',
  '9': 'not-started',
  '10': 'stalled',
  '11': 'in-progress',
  '12': 'stalled',
  '460': 'done-unverified',
};

/** A task packet with these acceptance criteria (and more frontmatter lines). */
export function packet(task: string, title: string, criteria: string[], extra: string[] = []): string {
  return markdown(
    [`task: ${JSON.stringify(task)}`, `title: ${JSON.stringify(title)}`, 'created: 2026-05-20', 'agent: codex', ...extra],
    `# ${title.replace(/[<>]/g, '')}`,
    '',
    '## Objective',
    '',
    'Do the work.',
    '',
    '## Constraints',
    '',
    'No new dependencies.',
    '',
    '## Acceptance criteria',
    '',
    ...criteria,
  );
}

/** A checkpoint of a task. */
export function checkpoint(task: string, kind: string, created: string, summary: string, nextSteps: string[] = []): string {
  return markdown(
    [
      `task: ${JSON.stringify(task)}`,
      `checkpoint_kind: ${kind}`,
      `created: ${created}`,
      'agent: codex',
      `summary: ${JSON.stringify(summary)}`,
      ...(nextSteps.length > 0 ? ['next_steps:', ...nextSteps.map((s) => `  - ${JSON.stringify(s)}`)] : []),
    ],
    'Working notes.',
  );
}

/** A run manifest of a task. */
export function run(task: string, id: string, status: string, startedAt: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { run_id: id, task_id: task, started_at: startedAt, status, commands: [{ command: 'npm test', exit_code: status === 'failed' ? 1 : 0 }], ...extra };
}

/**
 * Seed 000 (task 460) plus tasks 7 to 12 in every other state, a stale and drifting mini-spec that task 11
 * names, and task 11's task list. See {@link MULTI_STATUSES}.
 */
export function multiTaskRepo(): string {
  const root = seed000Repo();
  commitFiles(
    root,
    {
      'state/packets/7/packet.md': packet('7', 'Import the CSV ledger', ['- [x] The importer reads the sample ledger — `.runs/7/r1/manifest.json`']),
      '.runs/7/r1/manifest.json': run('7', 'r1', 'succeeded', '2026-06-01T09:00:00Z', { finished_at: '2026-06-01T09:05:00Z' }),
      'state/checkpoints/7/2026-06-01T10-00-00Z-done.md': checkpoint('7', 'done', '2026-06-01T10:00:00Z', 'Importer done; the run proves it.'),
      'state/packets/8/packet.md': packet('8', 'Nightly reconciliation', ['- [ ] Reconciliation runs against the live database']),
      'state/checkpoints/8/2026-06-01T12-00-00Z-blocked.md': checkpoint('8', 'blocked', '2026-06-01T12:00:00Z', 'Waiting for database credentials.', ['Ask the operator for read-only credentials']),
      'state/packets/9/packet.md': packet('9', 'Export to the warehouse', ['- [ ] Export job scheduled', '- [ ] Row counts match']),
      'state/packets/10/packet.md': packet('10', 'Currency conversion', ['- [x] Rates table seeded `fixtures/rates.csv`', '- [ ] Conversions rounded half-even']),
      'fixtures/rates.csv': 'currency,rate\nEUR,1.0\n',
      'state/checkpoints/10/2026-05-20T09-00-00Z-progress.md': checkpoint('10', 'progress', '2026-05-20T09:00:00Z', 'Rates seeded; rounding not started.'),
      '.runs/12/r9/manifest.json': run('12', 'r9', 'running', '2026-06-02T05:00:00Z', { heartbeat_at: '2026-06-02T06:00:00Z' }),
    },
    'feat: ledger tasks',
    '2026-06-01T13:00:00Z',
  );
  commitFiles(
    root,
    {
      'tasks/specs/0011-ledger.md': miniSpec({ id: '0011-ledger', lastReview: '2026-04-01', governs: ['src/**'] }),
      'state/packets/11/packet.md': packet(
        '11',
        'Ledger parser',
        ['- [x] Design reviewed in #12', '- [x] Fixture committed `fixtures/ledger.csv`', '- [x] Parser tests pass `.runs/11/r2/manifest.json`', '- [ ] Parser documented'],
        ['spec: tasks/specs/0011-ledger.md'],
      ),
      'fixtures/ledger.csv': 'date,amount\n2026-06-01,10\n',
      '.runs/11/r2/manifest.json': run('11', 'r2', 'failed', '2026-06-02T07:00:00Z', { finished_at: '2026-06-02T07:10:00Z' }),
      'state/checkpoints/11/2026-06-02T08-00-00Z-progress.md': checkpoint('11', 'progress', '2026-06-02T08:00:00Z', 'Parser drafted; tests fail on empty lines.', ['Fix empty-line handling']),
      'tasks/tasks-0011-ledger.md': markdown(['task: "11"', 'title: Ledger parser work'], '# Ledger parser', '', '- [x] Fixture `fixtures/ledger.csv`', '- [x] Tests `.runs/11/r2/manifest.json`', '- [ ] Docs', '- [ ] Benchmarks'),
    },
    'feat(ledger): parser draft\n\nTask: 11',
    '2026-06-02T08:00:00Z',
  );
  commitFiles(root, { 'src/ledger.ts': lines('export const ledger = 1;') }, 'feat: ledger module', '2026-06-02T08:30:00Z');
  return root;
}
