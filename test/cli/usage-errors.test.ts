/**
 * Errors a newcomer makes on the command line and in the config come back as one line on stderr,
 * prefixed `specguard:`, with a suggestion where one is near, and exit 2.
 */
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../src/rules/rule-ids.js';
import { lines } from '../helpers/check-repo.js';
import { runCli } from '../helpers/run-cli.js';
import { tempRepo } from '../helpers/temp-repo.js';

/** Runs the CLI and asserts exit 2 with exactly one prefixed line on stderr and nothing on stdout; returns that line. */
async function usageLine(argv: string[], cwd: string): Promise<string> {
  const run = await runCli(argv, cwd);
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.endsWith('\n')).toBe(true);
  const shown = run.stderr.trimEnd().split('\n');
  expect(shown, run.stderr).toHaveLength(1);
  expect(shown[0]).toMatch(/^specguard: /);
  return shown[0]!;
}

describe('command-line errors', () => {
  const root = tempRepo({ 'README.md': '# Repo\n' });

  it('a misspelt option is named, with the option meant', async () => {
    expect(await usageLine(['check', '--fromat', 'json'], root)).toBe("specguard: unknown option '--fromat' (did you mean --format?)");
  });

  it('a misspelt required option is named as unknown, not as the required one missing', async () => {
    expect(await usageLine(['brief', '--tsak', '0001'], root)).toBe("specguard: unknown option '--tsak' (did you mean --task?)");
    expect(await usageLine(['checkpoint', 'create', '--tsak', '0001', '--kind', 'start'], root)).toBe("specguard: unknown option '--tsak' (did you mean --task?)");
  });

  it('a required option really missing says which and where to read more', async () => {
    expect(await usageLine(['brief'], root)).toBe("specguard: required option '-t, --task <id>' not specified (see specguard brief --help)");
  });

  it('a bad number reads as a sentence', async () => {
    expect(await usageLine(['brief', '--task', '0001', '--max-tokens', 'abc'], root)).toBe("specguard: --max-tokens: 'abc' is not a whole number of at least 1");
    expect(await usageLine(['check', '--max-warnings', '-3'], root)).toBe("specguard: --max-warnings: '-3' is not a whole number of at least 0");
  });

  it('a misspelt command gets the command meant', async () => {
    expect(await usageLine(['chek'], root)).toBe("specguard: unknown command 'chek' (did you mean check?)");
  });

  it('control characters typed on the command line are shown, not sent to the terminal', async () => {
    expect(await usageLine(['check', '--x\x1b[31m'], root)).toBe("specguard: unknown option '--x\\u001b[31m'");
  });
});

describe('config errors', () => {
  it('an unknown rule gets the rule meant, not the list of every rule', async () => {
    const line = await usageLine(['check'], tempRepo({ 'specguard.config.yaml': lines('rules:', '  evidence-mising: off') }));
    expect(line).toBe('specguard: specguard.config.yaml:2:3: unknown rule `evidence-mising` (did you mean `evidence-missing`?)');
    expect(RULE_IDS.filter((id) => line.includes(id))).toEqual(['evidence-missing']);
  });

  it('an unknown rule nothing is near to points at the help', async () => {
    const line = await usageLine(['check'], tempRepo({ 'specguard.config.yaml': lines('rules:', '  something-else-entirely: off') }));
    expect(line).toBe('specguard: specguard.config.yaml:2:3: unknown rule `something-else-entirely`; `specguard check --help` links the rules');
  });

  it('a YAML syntax error is explained in plain words, with its line and column', async () => {
    const indent = await usageLine(['check'], tempRepo({ 'specguard.config.yaml': lines('rules:', '  evidence-missing: off', ' link-broken: off') }));
    expect(indent).toMatch(/^specguard: specguard\.config\.yaml:3:1: the config is not valid YAML: the indentation is off: the lines of one mapping or list must start in the same column \(/);
    const tab = await usageLine(['check'], tempRepo({ 'specguard.config.yaml': 'rules:\n\tevidence-missing: off\n' }));
    expect(tab).toMatch(/^specguard: specguard\.config\.yaml:2:1: the config is not valid YAML: a tab indents a line; YAML indents with spaces only/);
    const quote = await usageLine(['check'], tempRepo({ 'specguard.config.yaml': 'ignore: "drafts/**\n' }));
    expect(quote).toMatch(/^specguard: specguard\.config\.yaml:\d+:\d+: the config is not valid YAML: a quoted value is never closed: add the closing quote \(Missing closing "quote\)$/);
  });
});
