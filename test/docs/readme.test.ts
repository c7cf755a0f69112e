/**
 * The README shows real output: the report and the brief it quotes are what
 * the commands print on the bundled example today.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { gitInit, tempRepo } from '../helpers/temp-repo.js';

const README = readFileSync('README.md', 'utf8');

/** The first fenced block of a language that follows a line containing `after`. */
function blockAfter(after: string, language: string): string {
  const start = README.indexOf(after);
  expect(start, `README mentions ${after}`).toBeGreaterThan(-1);
  const open = README.indexOf(`\`\`\`${language}\n`, start);
  const close = README.indexOf('\n```\n', open);
  return README.slice(open + language.length + 4, close + 1);
}

/** Drops the History section, whose wording depends on how deep the clone is. */
function withoutHistory(brief: string): string {
  return brief.slice(0, brief.indexOf('## History'));
}

describe('README', () => {
  it('quotes the example report exactly as `check` prints it', async () => {
    const run = await runCli(['check', 'test/fixtures/seed-004', '--now', '2025-10-20'], process.cwd());
    expect(blockAfter('`--now 2025-10-20` checks it', 'text')).toBe(run.stdout);
  });

  it('quotes the example brief exactly as `brief` prints it', async () => {
    const run = await runCli(['brief', '--task', '0001', 'test/fixtures/seed-004', '--now', '2025-10-20'], process.cwd());
    expect(run.code).toBe(0);
    expect(withoutHistory(blockAfter('npm run brief -- --task 0001', 'markdown'))).toBe(withoutHistory(run.stdout));
  });

  it('quotes what `init` prints in a repository with a package.json and a .github/ folder', async () => {
    const root = tempRepo({ 'package.json': '{\n  "name": "app"\n}\n', '.github/CODEOWNERS': '* @team\n' });
    gitInit(root);
    const run = await runCli(['init', '--yes'], root);
    expect(run.code).toBe(0);
    expect(blockAfter('`.github/` folder it prints', 'text')).toBe(run.stdout);
  });
});
