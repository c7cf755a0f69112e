/**
 * `specguard brief --task <id>`: round trip with `checkpoint create`, unknown
 * and unsafe task ids, no git, a shallow clone, the token budget, and the
 * status derived from evidence. Real git repositories with fixed dates.
 */
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { brief } from '../../src/brief/brief.js';
import type { Brief } from '../../src/brief/brief-model.js';
import { SpecguardError } from '../../src/errors.js';
import { countTokens } from '../../src/tokens/count-tokens.js';
import { lines } from '../helpers/check-repo.js';
import { runCli } from '../helpers/run-cli.js';
import { SEED_000_NOW, seed000Repo } from '../helpers/seed-000-repo.js';
import { commitAll, git, gitInit, tempRepo, writeFiles } from '../helpers/temp-repo.js';
import { section, validateBrief } from './brief-checks.js';

/** stderr holds exactly one line and no stack trace. */
function expectOneLine(stderr: string): void {
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
}

const PACKET_PATH = 'state/packets/7/packet.md';

/** Task 7's packet; its acceptance criteria start at line 20 (`criteria[i]` is on line 20 + i) without extra frontmatter. */
function packet(criteria: string[], extraFrontmatter: string[] = []): string {
  return lines(
    '---',
    'task: 7',
    'title: Import the CSV ledger',
    'created: 2026-05-20',
    'agent: codex',
    ...extraFrontmatter,
    '---',
    '',
    '# Import the CSV ledger',
    '',
    '## Objective',
    '',
    'Read the ledger export into the accounts table.',
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
const FIRST_CRITERION_LINE = 20;

/** A checkpoint of task 7. */
function checkpoint(kind: string, created: string, summary: string, nextSteps: string[] = []): string {
  return lines(
    '---',
    'task: 7',
    `checkpoint_kind: ${kind}`,
    `created: ${created}`,
    'agent: codex',
    `summary: ${JSON.stringify(summary)}`,
    ...(nextSteps.length > 0 ? ['next_steps:', ...nextSteps.map((s) => `  - ${JSON.stringify(s)}`)] : []),
    '---',
    '',
    'Working notes.',
  );
}

/** A run manifest of task 7. */
function manifest(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    run_id: 'r1',
    task_id: '7',
    started_at: '2026-06-01T09:00:00Z',
    finished_at: '2026-06-01T09:10:00Z',
    status: 'succeeded',
    commands: [{ command: 'npm test', exit_code: 0 }],
    ...overrides,
  };
}

const NOW = '2026-06-02T12:00:00Z';

async function briefOf(root: string, task = '7', now = NOW): Promise<Brief> {
  const result = await brief({ root, task, now, env: {} });
  expect(result).toBeDefined();
  return result!;
}

describe('brief', () => {
  it('round trip: a checkpoint written by `checkpoint create` is the last timeline entry and the "Last checkpoint" of the brief', async () => {
    const root = seed000Repo();
    const summary = 'Took over from claude: the live-database criterion is still open.';
    const create = await runCli(['checkpoint', 'create', '--task', '460', '--kind', 'rescue', '--agent', 'rescuer', '--summary', summary, '--now', '2026-06-02T10:00:00Z'], root);
    expect(create.code).toBe(0);
    const created = create.stdout.trim();
    expect(created).toBe('state/checkpoints/460/2026-06-02T10-00-00Z-rescue.md');

    const json = await runCli(['brief', '--task', '460', '--format', 'json', '--now', '2026-06-02T11:00:00Z'], root);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as Brief;
    validateBrief(result);
    const last = result.timeline[result.timeline.length - 1]!;
    expect(last).toMatchObject({ file: created, checkpoint_kind: 'rescue', agent: 'rescuer', created: '2026-06-02T10:00:00Z', summary, state: 'current' });
    expect(last.head).toBe(git(root, ['rev-parse', 'HEAD']).trim());
    expect(result.timeline).toHaveLength(5);

    const markdown = await runCli(['brief', '--task', '460', '--now', '2026-06-02T11:00:00Z'], root);
    expect(markdown.code).toBe(0);
    const lastSection = section(markdown.stdout, 'Last checkpoint');
    expect(lastSection).toContain(`\`${created}\` — **rescue** by rescuer at 2026-06-02T10:00:00Z (60 minutes ago)`);
    expect(lastSection).toContain(`> ${summary}`);
    expect(section(markdown.stdout, 'Timeline').trimEnd().split('\n').pop()).toContain(`(\`${created}\`)`);
  });

  it('an unknown task: exit 1 and one stderr line naming the task', async () => {
    const root = seed000Repo();
    const run = await runCli(['brief', '--task', '999', '--now', SEED_000_NOW], root);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expectOneLine(run.stderr);
    expect(run.stderr).toContain('unknown task `999`');
    // A prefix of a known task (460) is not that task.
    const prefix = await runCli(['brief', '--task', '4', '--now', SEED_000_NOW], root);
    expect(prefix.code).toBe(1);
    expect(prefix.stderr).toContain('unknown task `4`');
  });

  it('a task id that reads as an option, a revision range or shell: exit 2 before any git call', async () => {
    const root = seed000Repo();
    // A fake `git` first on PATH records every call; a real task id shows that brief does reach it.
    const bin = tempRepo();
    const calls = path.join(bin, 'calls.log');
    writeFiles(bin, { git: `#!/bin/sh\necho "$@" >> '${calls}'\nexit 1\n` });
    chmodSync(path.join(bin, 'git'), 0o755);
    const savedPath = process.env.PATH;
    process.env.PATH = `${bin}${path.delimiter}${savedPath ?? ''}`;
    try {
      for (const argv of [['--task=-x'], ['--task', 'HEAD..main'], ['--task', 'a b'], ['--task', '$(id)'], ['--task', '../460']]) {
        const run = await runCli(['brief', ...argv, '--now', SEED_000_NOW], root);
        expect(run.code, argv.join(' ')).toBe(2);
        expect(run.stdout).toBe('');
        expectOneLine(run.stderr);
        expect(run.stderr).toContain('is not a task id');
        expect(existsSync(calls), `git was called for ${argv.join(' ')}`).toBe(false);
      }
      const error = await brief({ root: path.join(root, 'no-such-folder'), task: 'HEAD..main', env: {} }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SpecguardError);
      expect((error as SpecguardError).code).toBe('USAGE');
      expect((error as Error).message).toContain('--task');
      expect(existsSync(calls)).toBe(false);
      // Control: a valid id does call git, so the fake would have seen the calls above.
      await runCli(['brief', '--task', '460', '--now', SEED_000_NOW], root);
      expect(existsSync(calls)).toBe(true);
    } finally {
      process.env.PATH = savedPath;
    }
  });

  it('outside a git repository: works from the files, history unavailable, and the History section says so', async () => {
    const root = tempRepo({ [PACKET_PATH]: packet(['- [ ] The importer reads the sample ledger']) });
    const json = await runCli(['brief', '--task', '7', '--format', 'json', '--now', NOW], root);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as Brief;
    validateBrief(result);
    expect(result.history.available).toBe(false);
    expect(result.history.shallow).toBe(false);
    expect(result.commits).toEqual([]);
    expect(result.packet).toMatchObject({ file: PACKET_PATH, title: 'Import the CSV ledger' });
    expect(result.criteria.map((c) => c.text)).toEqual(['The importer reads the sample ledger']);

    const markdown = await runCli(['brief', '--task', '7', '--now', NOW], root);
    expect(markdown.code).toBe(0);
    expect(section(markdown.stdout, 'History')).toMatch(/Not a git repository.*unavailable/);
    expect(section(markdown.stdout, 'Commits')).toContain('Unavailable: no git history.');
  });

  it('in a shallow clone: history.shallow, the number of commits, and a note on how deep the history goes', async () => {
    const origin = seed000Repo();
    const clone = tempRepo();
    git(clone, ['clone', '-q', '--depth', '2', `file://${origin}`, '.']);
    expect(git(clone, ['rev-parse', '--is-shallow-repository']).trim()).toBe('true');
    const run = await runCli(['brief', '--task', '460', '--format', 'json', '--now', SEED_000_NOW], clone);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as Brief;
    validateBrief(result);
    expect(result.history).toMatchObject({ available: true, shallow: true, commits: 2 });
    // The two commits are the unrelated one of 2026-06-01 and the handoff checkpoint of 2026-05-31.
    expect(Date.parse(result.history.oldest!)).toBe(Date.parse('2026-05-31T16:00:00Z'));
    expect(result.history.note).toContain('Shallow clone: the history holds 2 commits back to');
    expect(result.history.note).toContain(result.history.oldest!);
    expect(result.history.note).toContain('--unshallow');
    // Only what is in the clone: the handoff commit, not the older ones.
    expect(result.commits.map((c) => c.subject)).toEqual(['checkpoint: 460 verified-then-closed']);

    const markdown = await runCli(['brief', '--task', '460', '--now', SEED_000_NOW], clone);
    expect(section(markdown.stdout, 'History')).toContain(result.history.note!);
  });

  describe('--max-tokens', () => {
    const OPEN = ['The importer reads the sample ledger', 'Duplicate rows are rejected with their line number', 'The runbook says how to re-run an import'];
    const pad = (n: number): string => String(n).padStart(2, '0');

    /** Task 7 with 60 committed progress checkpoints, six hours apart, and a packet that claims it is done. */
    function busyRepo(): string {
      const root = tempRepo({ 'docs/guide.md': '# guide\n' });
      gitInit(root);
      commitAll(root, 'chore: initial commit', '2026-05-01T08:00:00Z');
      const files: Record<string, string> = {
        [PACKET_PATH]: packet([...OPEN.map((t) => `- [ ] ${t}`), '- [x] The guide is written: `docs/guide.md`'], ['status: done']),
      };
      for (let i = 1; i <= 60; i++) {
        const created = new Date(Date.parse('2026-05-15T00:00:00Z') + (i - 1) * 6 * 3_600_000).toISOString().replace('.000Z', 'Z');
        files[`state/checkpoints/7/${created.replace(/:/g, '-')}-progress.md`] = checkpoint('progress', created, `Step ${pad(i)}: wrote part ${pad(i)} of the importer and its unit tests.`, [`Write part ${pad(i + 1)}`]);
      }
      writeFiles(root, files);
      commitAll(root, 'checkpoints of the importer\n\nTask: 7', '2026-05-30T08:00:00Z');
      return root;
    }

    it('keeps the markdown within the budget, keeps status, contradictions and every open criterion, and leaves out the oldest timeline entries first', async () => {
      const root = busyRepo();
      const whole = await runCli(['brief', '--task', '7', '--now', NOW], root);
      expect(whole.code).toBe(0);
      expect(countTokens(whole.stdout)).toBeGreaterThan(1500); // else the budget would cut nothing

      const run = await runCli(['brief', '--task', '7', '--max-tokens', '1500', '--now', NOW], root);
      expect(run.code).toBe(0);
      const text = run.stdout;
      expect(countTokens(text)).toBeLessThanOrEqual(1500);
      expect(text).toContain('**Status: done-unverified**');
      expect(text).toContain('## Contradictions');
      expect(section(text, 'Contradictions')).toContain('Task packet claims "status: done"');
      const open = section(text, 'Open acceptance criteria');
      for (const criterion of OPEN) expect(open).toContain(`- [ ] ${criterion}`);

      const timeline = section(text, 'Timeline');
      const steps = [...timeline.matchAll(/^- \S+ \*\*progress\*\* by codex: Step (\d\d):/gm)].map((m) => Number(m[1]));
      const left = 60 - steps.length;
      expect(left).toBeGreaterThan(0);
      expect(steps.length).toBeGreaterThan(0);
      // The newest entries stay, in order; the oldest are the ones left out.
      expect(steps).toEqual(Array.from({ length: steps.length }, (_, i) => left + 1 + i));
      expect(steps[steps.length - 1]).toBe(60);
      expect(text).not.toContain('Step 01:');
      expect(timeline).toContain(`_${steps.length} of 60 timeline entries shown; the ${left} oldest left out to fit 1500 tokens._`);
      expect(text).toContain(`_Shortened to fit 1500 tokens: left out the ${left} oldest timeline entries`);
      expect(section(text, 'Last checkpoint')).toContain('Step 60:');
    });

    it('JSON within a budget records what it left out, keeps criteria and contradictions, and still validates against the schema', async () => {
      const root = busyRepo();
      const run = await runCli(['brief', '--task', '7', '--format', 'json', '--max-tokens', '1500', '--now', NOW], root);
      expect(run.code).toBe(0);
      const result = JSON.parse(run.stdout) as Brief;
      validateBrief(result);
      expect(result.budget?.max_tokens).toBe(1500);
      expect(countTokens(run.stdout)).toBeLessThanOrEqual(1500);
      const omittedTimeline = result.budget!.omitted.find((o) => o.section === 'timeline');
      expect(omittedTimeline?.count).toBeGreaterThan(0);
      expect(result.timeline).toHaveLength(60 - omittedTimeline!.count);
      // Commits go only after the whole timeline.
      if (result.budget!.omitted.some((o) => o.section === 'commits')) expect(omittedTimeline!.count).toBe(60);
      expect(result.criteria.filter((c) => !c.checked).map((c) => c.text)).toEqual(OPEN);
      expect(result.contradictions.map((c) => c.kind)).toEqual(['done-claim-unbacked']);
      expect(result.status).toBe('done-unverified');
    });

    it('JSON with room for part of the timeline keeps its newest entries', async () => {
      const root = busyRepo();
      const run = await runCli(['brief', '--task', '7', '--format', 'json', '--max-tokens', '4000', '--now', NOW], root);
      expect(run.code).toBe(0);
      const result = JSON.parse(run.stdout) as Brief;
      validateBrief(result);
      expect(countTokens(run.stdout)).toBeLessThanOrEqual(4000);
      expect(result.budget!.omitted).toEqual([{ section: 'timeline', count: expect.any(Number) as number }]);
      const count = result.budget!.omitted[0]!.count;
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThan(60);
      expect(result.timeline.map((c) => c.summary.slice(0, 7))).toEqual(Array.from({ length: 60 - count }, (_, i) => `Step ${pad(count + 1 + i)}`));
      expect(result.commits).toHaveLength(1);
    });

    it('JSON never exceeds --max-tokens, even at the boundary, and budget.tokens counts the output printed', { timeout: 90_000 }, async () => {
      // Over 1000 tokens, so that the count itself takes more tokens than the placeholder 0.
      const root = busyRepo();
      const run = async (max: number): Promise<{ text: string; result: Brief }> => {
        const cli = await runCli(['brief', '--task', '7', '--format', 'json', '--max-tokens', String(max), '--now', NOW], root);
        expect(cli.code).toBe(0);
        return { text: cli.stdout, result: JSON.parse(cli.stdout) as Brief };
      };
      const roomy = await run(100_000);
      expect(roomy.result.budget!.omitted).toEqual([]);
      const size = countTokens(roomy.text);
      expect(size).toBeGreaterThan(1000);
      // Budgets around the brief's own size: each output must fit its budget and report its own size.
      for (let max = size - 3; max <= size + 3; max++) {
        const { text, result } = await run(max);
        expect.soft(countTokens(text), `--max-tokens ${max}: output tokens`).toBeLessThanOrEqual(max);
        expect.soft(result.budget!.tokens, `--max-tokens ${max}: budget.tokens`).toBe(countTokens(text));
      }
    });
  });

  describe('the status comes from the evidence', () => {
    it('not-started: a packet alone, outside git', async () => {
      const root = tempRepo({ [PACKET_PATH]: packet(['- [ ] The importer reads the sample ledger']) });
      const result = await briefOf(root);
      expect(result.status).toBe('not-started');
      expect(result.next_step).toMatchObject({ text: 'The importer reads the sample ledger', source: 'criterion', file: PACKET_PATH, line: FIRST_CRITERION_LINE });
    });

    it('not-started: a packet in a repository whose commits mention other tasks only', async () => {
      const root = tempRepo({ [PACKET_PATH]: packet(['- [ ] The importer reads the sample ledger']) });
      gitInit(root);
      commitAll(root, 'chore: add the packets', '2026-05-20T08:00:00Z');
      writeFiles(root, { 'src/other.ts': 'export {};\n' });
      commitAll(root, 'feat: other work for #70 and [77]\n\nTask: 71', '2026-06-02T08:00:00Z');
      const result = await briefOf(root);
      expect(result.history.available).toBe(true);
      expect(result.commits).toEqual([]);
      expect(result.status).toBe('not-started');
    });

    it('in-progress: a recent progress checkpoint; its next step is the next step', async () => {
      const root = tempRepo({
        [PACKET_PATH]: packet(['- [ ] The importer reads the sample ledger']),
        'state/checkpoints/7/2026-06-01T12-00-00Z-progress.md': checkpoint('progress', '2026-06-01T12:00:00Z', 'Parser written; duplicates not handled.', ['Reject duplicate rows']),
      });
      const result = await briefOf(root);
      expect(result.status).toBe('in-progress');
      expect(result.next_step).toMatchObject({ text: 'Reject duplicate rows', source: 'checkpoint' });
      expect(result.contradictions).toEqual([]);
    });

    it('blocked: the latest checkpoint is of kind blocked', async () => {
      const root = tempRepo({
        [PACKET_PATH]: packet(['- [ ] The importer reads the sample ledger']),
        'state/checkpoints/7/2026-05-31T12-00-00Z-progress.md': checkpoint('progress', '2026-05-31T12:00:00Z', 'Parser written.'),
        'state/checkpoints/7/2026-06-01T12-00-00Z-blocked.md': checkpoint('blocked', '2026-06-01T12:00:00Z', 'Waiting for database credentials.'),
      });
      const result = await briefOf(root);
      expect(result.status).toBe('blocked');
      expect(result.status_reason).toContain('Waiting for database credentials.');
    });

    it('stalled: nothing has happened for more than 3 days', async () => {
      const root = tempRepo({
        [PACKET_PATH]: packet(['- [ ] The importer reads the sample ledger']),
        'state/checkpoints/7/2026-05-28T12-00-00Z-progress.md': checkpoint('progress', '2026-05-28T12:00:00Z', 'Parser written.'),
      });
      const result = await briefOf(root);
      expect(result.status).toBe('stalled');
      expect(result.status_reason).toContain('5 days');
      // The same repository two days after its last checkpoint is in progress: the age decides.
      expect((await briefOf(root, '7', '2026-05-30T12:00:00Z')).status).toBe('in-progress');
    });

    it('stalled: a running manifest whose heartbeat is 2 hours old, with a heartbeat-stale contradiction', async () => {
      const root = tempRepo({
        [PACKET_PATH]: packet(['- [ ] The importer reads the sample ledger']),
        'state/checkpoints/7/2026-06-02T11-00-00Z-progress.md': checkpoint('progress', '2026-06-02T11:00:00Z', 'Started the import run.'),
        '.runs/7/r1/manifest.json': manifest({ status: 'running', started_at: '2026-06-02T09:00:00Z', heartbeat_at: '2026-06-02T10:00:00Z', finished_at: undefined, commands: [{ command: 'npm run import', exit_code: null }] }),
      });
      const result = await briefOf(root);
      expect(result.status).toBe('stalled');
      expect(result.runs).toEqual([expect.objectContaining({ file: '.runs/7/r1/manifest.json', status: 'running', heartbeat_age_minutes: 120, stale: true })]);
      expect(result.contradictions).toEqual([expect.objectContaining({ kind: 'heartbeat-stale', file: '.runs/7/r1/manifest.json', line: 1 })]);
      expect(result.contradictions[0]!.message).toContain('2 hours old');
    });

    it('done: every criterion ticked with evidence that exists, one of them a succeeded run manifest', async () => {
      const root = tempRepo({
        [PACKET_PATH]: packet(['- [x] The importer reads the sample ledger: `.runs/7/r1/manifest.json`', '- [x] The guide is written: `docs/guide.md`']),
        'docs/guide.md': '# Importer guide\n',
        '.runs/7/r1/manifest.json': manifest({}),
      });
      const result = await briefOf(root);
      expect(result.criteria.map((c) => c.state)).toEqual(['verified', 'verified']);
      expect(result.contradictions).toEqual([]);
      expect(result.status).toBe('done');
      expect(result.next_step).toBeUndefined();
    });

    it('done-unverified: a done checkpoint while a criterion is open', async () => {
      const root = tempRepo({
        [PACKET_PATH]: packet(['- [x] The guide is written: `docs/guide.md`', '- [ ] Duplicate rows are rejected']),
        'docs/guide.md': '# Importer guide\n',
        'state/checkpoints/7/2026-06-01T12-00-00Z-done.md': checkpoint('done', '2026-06-01T12:00:00Z', 'Handing the importer over.'),
      });
      const result = await briefOf(root);
      expect(result.status).toBe('done-unverified');
      expect(result.contradictions).toEqual([expect.objectContaining({ kind: 'done-claim-unbacked', file: 'state/checkpoints/7/2026-06-01T12-00-00Z-done.md', line: 3 })]);
      expect(result.contradictions[0]!.message).toContain('Duplicate rows are rejected');
      expect(result.next_step).toMatchObject({ text: 'Duplicate rows are rejected', source: 'criterion', line: FIRST_CRITERION_LINE + 1 });
    });
  });

  it('an [x] criterion citing a failed run manifest is an evidence-failed contradiction at its line', async () => {
    const root = tempRepo({
      [PACKET_PATH]: packet(['- [ ] The guide is written', '- [x] The importer reads the sample ledger: `.runs/7/r1/manifest.json`']),
      '.runs/7/r1/manifest.json': manifest({ status: 'failed', commands: [{ command: 'npm test', exit_code: 1 }] }),
    });
    const result = await briefOf(root);
    const line = FIRST_CRITERION_LINE + 1;
    expect(readFileSync(path.join(root, PACKET_PATH), 'utf8').split('\n')[line - 1]).toContain('.runs/7/r1/manifest.json');
    expect(result.contradictions).toEqual([expect.objectContaining({ kind: 'evidence-failed', file: PACKET_PATH, line })]);
    expect(result.contradictions[0]!.message).toContain('`failed`');
    expect(result.criteria[1]).toMatchObject({ line, checked: true, state: 'failed' });
    expect(result.status).not.toBe('done');
  });
});
