/**
 * Seed 000's story: task 460 was logged as "verified-then-closed" while its
 * live-database criterion was still open. The brief must say it is not done,
 * point at the claim, and name the open criterion as the next step.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import * as addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { brief } from '../../src/brief/brief.js';
import { runCli } from '../helpers/run-cli.js';
import { SEED_000_NOW, SEED_000_OPEN_CRITERION, seed000Repo } from '../helpers/seed-000-repo.js';

const addFormats = ((addFormatsModule as unknown as { default: { default?: unknown } }).default.default ?? (addFormatsModule as unknown as { default: unknown }).default) as (ajv: Ajv2020) => void;
const CLAIM_FILE = 'state/checkpoints/460/2026-05-31T16-00-00Z-handoff.md';

/** Replaces commit shas by placeholders, so that the golden files do not depend on git's object format. */
function stableShas(text: string): string {
  return text.replace(/\b[0-9a-f]{40}\b/g, '<sha>').replace(/\b[0-9a-f]{12}\b/g, '<sha12>');
}

describe('brief of seed 000 (task 460)', () => {
  it('says the task is not done, cites the claim by file and line, and names the open criterion as the next step', async () => {
    const root = seed000Repo();
    const result = await brief({ root, task: '460', now: SEED_000_NOW, env: {} });
    expect(result).toBeDefined();
    expect(result!.status).toBe('done-unverified');
    const claim = result!.contradictions.find((c) => c.kind === 'done-claim-unbacked');
    expect(claim).toMatchObject({ file: CLAIM_FILE, line: 6 });
    expect(claim!.message).toContain('verified-then-closed');
    expect(readFileSync(path.join(root, CLAIM_FILE), 'utf8').split('\n')[5]).toContain('verified-then-closed');
    expect(result!.next_step).toMatchObject({ text: SEED_000_OPEN_CRITERION, source: 'criterion', file: 'state/packets/460/packet.md' });
    expect(result!.criteria.find((c) => c.text === SEED_000_OPEN_CRITERION)).toMatchObject({ checked: false, state: 'open' });
  });

  it('recovers the deleted and the rewritten checkpoint from git history, in time order', async () => {
    const root = seed000Repo();
    const result = await brief({ root, task: '460', now: SEED_000_NOW, env: {} });
    expect(result!.timeline.map((c) => [c.checkpoint_kind, c.state])).toEqual([
      ['start', 'deleted'],
      ['progress', 'rewritten'],
      ['progress', 'current'],
      ['handoff', 'current'],
    ]);
    expect(result!.timeline[1]!.summary).toBe('Templates drafted; schema spec half written.');
  });

  it('lists the commits that mention the task by trailer, #id or [id], and no others', async () => {
    const root = seed000Repo();
    const result = await brief({ root, task: '460', now: SEED_000_NOW, env: {} });
    const subjects = result!.commits.map((c) => c.subject);
    expect(subjects).toContain('Merge pull request #636 from codex/460-spec');
    expect(subjects).toContain('feat(memory): draft packet templates [460]');
    expect(subjects).toContain('chore: prune start checkpoint of #460');
    expect(subjects).not.toContain('docs: unrelated change mentioning #4601 and [46]');
    expect(subjects).not.toContain('chore: initial commit');
    expect(result!.commits.find((c) => c.subject.startsWith('docs(memory)'))!.files).toContain('state/memory/task-run-schema.md');
  });

  it('renders JSON that validates against schemas/brief.schema.json', async () => {
    const root = seed000Repo();
    const run = await runCli(['brief', '--task', '460', '--format', 'json', root, '--now', SEED_000_NOW], root);
    expect(run.code).toBe(0);
    const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync('schemas/brief.schema.json', 'utf8')));
    const json = JSON.parse(run.stdout) as unknown;
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    await expect(stableShas(run.stdout)).toMatchFileSnapshot('../golden/brief-seed-000.json');
  });

  it('renders markdown with the fixed section order (golden file)', async () => {
    const root = seed000Repo();
    const run = await runCli(['brief', '--task', '460', root, '--now', SEED_000_NOW], root);
    expect(run.code).toBe(0);
    const headings = run.stdout.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual(['## Contradictions', '## Open acceptance criteria', '## Ticked acceptance criteria', '## Last checkpoint', '## Timeline', '## Commits', '## Runs', '## History']);
    expect(run.stdout.indexOf('**Status: done-unverified**')).toBeLessThan(run.stdout.indexOf('## Contradictions'));
    await expect(stableShas(run.stdout)).toMatchFileSnapshot('../golden/brief-seed-000.md');
  });
});
