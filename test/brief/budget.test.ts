/**
 * `brief --max-tokens` never contradicts itself: a section whose entries were
 * left out says how many it shows and how many it left out (never "No
 * checkpoints." when there were some), in correct English for one or many;
 * and when the parts never left out (status line, contradictions, acceptance
 * criteria) alone exceed the budget, the brief says so in its first lines and
 * in JSON (`budget.exceeded`), and still exits 0. Seed 000 and small real git
 * repositories with fixed dates.
 */
import { describe, expect, it } from 'vitest';
import { brief } from '../../src/brief/brief.js';
import type { Brief } from '../../src/brief/brief-model.js';
import { renderWithin } from '../../src/brief/fit-budget.js';
import { renderMarkdown } from '../../src/brief/render-markdown.js';
import { countTokens } from '../../src/tokens/count-tokens.js';
import { lines, manifest, validPacket } from '../helpers/check-repo.js';
import { runCli } from '../helpers/run-cli.js';
import { SEED_000_NOW, SEED_000_OPEN_CRITERION, seed000Repo } from '../helpers/seed-000-repo.js';
import { commitAll, gitInit, tempRepo } from '../helpers/temp-repo.js';
import { section, validateBrief } from './brief-checks.js';

/** What a section says when it has nothing: never said by a section that only had its entries left out. */
const NOTHING = ['No checkpoint yet.', 'No checkpoints.', 'No commit mentions the task.', 'No run manifest names the task.'];

/** The brief of a task, as the API computes it. */
async function briefOf(root: string, task: string, now: string): Promise<Brief> {
  const result = await brief({ root, task, now, env: {} });
  expect(result).toBeDefined();
  return result!;
}

/** How many entries a budget leaves out (timeline, commits and runs together). */
function dropped(whole: Brief, maxTokens: number): number {
  return renderWithin(whole, renderMarkdown, maxTokens).brief.budget!.omitted.reduce((sum, o) => sum + o.count, 0);
}

/** The smallest budget in [1, hi] for which `ok` holds (`ok` false below it and true from it on). */
function smallest(hi: number, ok: (maxTokens: number) => boolean): number {
  let lo = 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ok(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The budget that leaves out exactly `count` entries: the smallest that leaves out no more. */
function budgetLeavingOut(whole: Brief, count: number): number {
  const max = smallest(countTokens(renderMarkdown(whole)) + 1000, (m) => dropped(whole, m) <= count);
  expect(dropped(whole, max), `a budget that leaves out exactly ${count}`).toBe(count);
  return max;
}

/** The smallest budget the brief fits with every entry left out. */
function tightestFit(whole: Brief): number {
  return smallest(countTokens(renderMarkdown(whole)) + 1000, (m) => !renderWithin(whole, renderMarkdown, m).brief.budget!.exceeded);
}

describe('brief --max-tokens on seed 000 (4 timeline entries, 7 commits, no runs)', () => {
  it('--max-tokens 50: the first lines say the brief takes N tokens, over the budget, and why; every section says what it left out; exit 0', async () => {
    const root = seed000Repo();
    const run = await runCli(['brief', '--task', '460', '--max-tokens', '50', '--now', SEED_000_NOW], root);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const text = run.stdout;
    const tokens = countTokens(text);
    expect(tokens).toBeGreaterThan(50);
    const head = text.split('\n').slice(0, 3).join('\n');
    expect(head).toContain(`**This brief takes ${tokens} tokens, over the budget of 50:** its status line, contradictions and acceptance criteria are never left out, and they alone take more.`);
    expect(head).toContain('Everything else that can be left out was: 4 timeline entries and 7 commits.');
    // It never claims to fit.
    expect(text).not.toContain('Shortened to fit');
    expect(text).not.toContain('to fit 50 tokens');
    for (const nothing of NOTHING.slice(0, 3)) expect(text).not.toContain(nothing);
    expect(section(text, 'Last checkpoint')).toContain('_Not shown: all 4 timeline entries were left out for the budget of 50 tokens._');
    expect(section(text, 'Timeline')).toBe('\n_0 of 4 timeline entries shown; the 4 oldest left out for the budget of 50 tokens._\n');
    expect(section(text, 'Commits')).toBe('\n_0 of 7 commits shown; the 7 oldest left out for the budget of 50 tokens._\n');
    expect(section(text, 'Runs')).toBe('\nNo run manifest names the task.\n'); // there never were any
    expect(section(text, 'History')).toContain('_Left out 4 timeline entries and 7 commits for the budget of 50 tokens, and still over it (see the top).');
    // What is never left out is all there.
    expect(text).toContain('**Status: done-unverified**');
    expect(section(text, 'Contradictions')).toContain('verified-then-closed');
    expect(section(text, 'Open acceptance criteria')).toContain(`- [ ] ${SEED_000_OPEN_CRITERION}`);
    expect(section(text, 'Ticked acceptance criteria')).toContain('- [x] Spec contract');
  });

  it('--max-tokens 250 (the issue\'s budget): no section says it has nothing when its entries were left out, and an over-budget brief says so first', async () => {
    const root = seed000Repo();
    const run = await runCli(['brief', '--task', '460', '--max-tokens', '250', '--now', SEED_000_NOW], root);
    expect(run.code).toBe(0);
    const text = run.stdout;
    for (const nothing of NOTHING.slice(0, 3)) expect(text).not.toContain(nothing);
    expect(text).not.toMatch(/\b1 oldest|\b1 (?:commits|timeline entries|runs)\b/);
    const tokens = countTokens(text);
    if (tokens > 250) {
      expect(text.split('\n')[2]).toContain(`**This brief takes ${tokens} tokens, over the budget of 250:**`);
      expect(text).not.toContain('Shortened to fit 250 tokens');
    } else {
      expect(text).not.toContain('over the budget');
    }
  });

  it('JSON over the budget: budget.exceeded is true, tokens counts the output, everything droppable is left out, and it validates; within it, exceeded is false', async () => {
    const root = seed000Repo();
    const run = await runCli(['brief', '--task', '460', '--format', 'json', '--max-tokens', '50', '--now', SEED_000_NOW], root);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as Brief;
    validateBrief(result);
    expect(result.budget).toEqual({ max_tokens: 50, tokens: countTokens(run.stdout), omitted: [{ section: 'timeline', count: 4 }, { section: 'commits', count: 7 }], exceeded: true });
    expect(result.timeline).toEqual([]);
    expect(result.commits).toEqual([]);
    expect(result.criteria).toHaveLength(4);
    expect(result.contradictions.map((c) => c.kind)).toEqual(['done-claim-unbacked']);

    const roomy = await runCli(['brief', '--task', '460', '--format', 'json', '--max-tokens', '100000', '--now', SEED_000_NOW], root);
    const fits = JSON.parse(roomy.stdout) as Brief;
    validateBrief(fits);
    expect(fits.budget).toEqual({ max_tokens: 100000, tokens: countTokens(roomy.stdout), omitted: [], exceeded: false });

    // Without --max-tokens there is no budget record at all.
    const plain = JSON.parse((await runCli(['brief', '--task', '460', '--format', 'json', '--now', SEED_000_NOW], root)).stdout) as Brief;
    expect(plain.budget).toBeUndefined();
  });

  it('a budget the brief fits only with every entry left out: "0 of 4 timeline entries shown; the 4 oldest left out to fit N tokens", never "No checkpoints."', async () => {
    const root = seed000Repo();
    const whole = await briefOf(root, '460', SEED_000_NOW);
    const max = tightestFit(whole);
    const run = await runCli(['brief', '--task', '460', '--max-tokens', String(max), '--now', SEED_000_NOW], root);
    expect(run.code).toBe(0);
    const text = run.stdout;
    expect(countTokens(text)).toBeLessThanOrEqual(max);
    expect(text).not.toContain('over the budget');
    for (const nothing of NOTHING.slice(0, 3)) expect(text).not.toContain(nothing);
    expect(section(text, 'Last checkpoint')).toBe(`\n_Not shown: all 4 timeline entries were left out to fit ${max} tokens._\n`);
    expect(section(text, 'Timeline')).toBe(`\n_0 of 4 timeline entries shown; the 4 oldest left out to fit ${max} tokens._\n`);
    expect(section(text, 'Commits')).toBe(`\n_0 of 7 commits shown; the 7 oldest left out to fit ${max} tokens._\n`);
    expect(section(text, 'History')).toContain(`_Shortened to fit ${max} tokens: left out the 4 oldest timeline entries and the 7 oldest commits. Run without --max-tokens for all of it._`);

    // One token less and it no longer fits: then it says so, and says "for the budget of", not "to fit".
    const over = renderWithin(whole, renderMarkdown, max - 1);
    expect(over.brief.budget!.exceeded).toBe(true);
    expect(over.text).toContain(`**This brief takes ${countTokens(over.text)} tokens, over the budget of ${max - 1}:**`);
    expect(over.text).not.toContain(`to fit ${max - 1} tokens`);
  });

  it('one entry left out is "the oldest", not "1 oldest"; the shown count and the total stay right', async () => {
    const root = seed000Repo();
    const whole = await briefOf(root, '460', SEED_000_NOW);

    const oneCheckpoint = renderWithin(whole, renderMarkdown, budgetLeavingOut(whole, 1));
    const m1 = oneCheckpoint.brief.budget!.max_tokens;
    expect(section(oneCheckpoint.text, 'Timeline')).toContain(`_3 of 4 timeline entries shown; the oldest left out to fit ${m1} tokens._`);
    expect(section(oneCheckpoint.text, 'History')).toContain(`_Shortened to fit ${m1} tokens: left out the oldest timeline entry. Run without`);
    // The last checkpoint is among the entries shown, so it is still the "Last checkpoint".
    expect(section(oneCheckpoint.text, 'Last checkpoint')).toContain('**handoff** by claude');

    const oneCommit = renderWithin(whole, renderMarkdown, budgetLeavingOut(whole, 5));
    const m5 = oneCommit.brief.budget!.max_tokens;
    expect(section(oneCommit.text, 'Commits')).toContain(`_6 of 7 commits shown; the oldest left out to fit ${m5} tokens._`);
    expect(section(oneCommit.text, 'Commits')).toContain('Merge pull request #636');
    expect(section(oneCommit.text, 'History')).toContain(`_Shortened to fit ${m5} tokens: left out the 4 oldest timeline entries and the oldest commit. Run without`);

    const twoCommits = renderWithin(whole, renderMarkdown, budgetLeavingOut(whole, 6));
    expect(section(twoCommits.text, 'Commits')).toContain(`_5 of 7 commits shown; the 2 oldest left out to fit ${twoCommits.brief.budget!.max_tokens} tokens._`);
    for (const text of [oneCheckpoint.text, oneCommit.text, twoCommits.text]) expect(text).not.toMatch(/\b1 oldest|\b1 (?:commits|timeline entries|runs)\b/);
  });
});

describe('brief --max-tokens: sections of one entry, runs, and nothing to leave out', () => {
  const NOW = '2026-06-02T12:00:00Z';

  /** Task 7: a packet, one checkpoint, one run manifest and one commit that mentions it. */
  function singleRepo(): string {
    const root = tempRepo({
      'state/packets/7/packet.md': validPacket(7, ['- [ ] The importer reads the sample ledger']),
      'state/checkpoints/7/2026-06-01T10-00-00Z-progress.md': lines('---', 'task: 7', 'checkpoint_kind: progress', 'created: 2026-06-01T10:00:00Z', 'agent: codex', 'summary: Half the importer is written.', '---', '', 'Notes.'),
      '.runs/7/r1/manifest.json': manifest({ run_id: 'r1', task_id: '7', started_at: '2026-06-01T09:00:00Z', finished_at: '2026-06-01T09:10:00Z' }),
    });
    gitInit(root);
    commitAll(root, 'feat: the importer, half of it\n\nTask: 7', '2026-06-01T11:00:00Z');
    return root;
  }

  it('every section of one entry left out says "0 of 1 …", in the singular, and the runs section too', async () => {
    const root = singleRepo();
    const whole = await briefOf(root, '7', NOW);
    expect([whole.timeline.length, whole.commits.length, whole.runs.length]).toEqual([1, 1, 1]);
    const max = tightestFit(whole);
    const run = await runCli(['brief', '--task', '7', '--max-tokens', String(max), '--now', NOW], root);
    expect(run.code).toBe(0);
    const text = run.stdout;
    for (const nothing of NOTHING) expect(text).not.toContain(nothing);
    expect(section(text, 'Last checkpoint')).toBe(`\n_Not shown: the only timeline entry was left out to fit ${max} tokens._\n`);
    expect(section(text, 'Timeline')).toBe(`\n_0 of 1 timeline entry shown; left out to fit ${max} tokens._\n`);
    expect(section(text, 'Commits')).toBe(`\n_0 of 1 commit shown; left out to fit ${max} tokens._\n`);
    expect(section(text, 'Runs')).toBe(`\n_0 of 1 run shown; left out to fit ${max} tokens._\n`);
    expect(section(text, 'History')).toContain(`_Shortened to fit ${max} tokens: left out the oldest timeline entry, the oldest commit and the oldest run. Run without`);

    const over = await runCli(['brief', '--task', '7', '--max-tokens', '20', '--now', NOW], root);
    expect(over.code).toBe(0);
    expect(over.stdout.split('\n')[2]).toContain('Everything else that can be left out was: 1 timeline entry, 1 commit and 1 run.');
  });

  it('a brief with nothing to leave out, over its budget: says so at the top and in JSON, exit 0', async () => {
    const root = tempRepo({ 'state/packets/7/packet.md': validPacket(7, ['- [ ] The importer reads the sample ledger']) }); // no git, no checkpoint, no run
    const run = await runCli(['brief', '--task', '7', '--max-tokens', '10', '--now', NOW], root);
    expect(run.code).toBe(0);
    const tokens = countTokens(run.stdout);
    expect(run.stdout.split('\n')[2]).toBe(`**This brief takes ${tokens} tokens, over the budget of 10:** its status line, contradictions and acceptance criteria are never left out, and they alone take more. Nothing else in it can be left out.`);
    expect(run.stdout).not.toContain('Shortened');
    for (const nothing of NOTHING) if (nothing !== 'No commit mentions the task.') expect(run.stdout).toContain(nothing); // they really are empty

    const json = await runCli(['brief', '--task', '7', '--format', 'json', '--max-tokens', '10', '--now', NOW], root);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as Brief;
    validateBrief(result);
    expect(result.budget).toEqual({ max_tokens: 10, tokens: countTokens(json.stdout), omitted: [], exceeded: true });
  });
});
