/**
 * Each finding points at its rule's documentation, the rule's section of the
 * README: `url` in the JSON report, `helpUri` in SARIF's rules table, and a
 * terminal hyperlink on the rule id in a coloured stylish report.
 */
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/findings/finding.js';
import { stylishFormatter } from '../../src/formatters/stylish.js';
import { BUILTIN_RULES } from '../../src/rules/builtin-rules.js';
import { HOMEPAGE, ruleUrl } from '../../src/rules/rule-docs.js';
import { NOW } from '../helpers/check-repo.js';
import { repoWithFindings } from '../helpers/formatter-repos.js';
import { runCli } from '../helpers/run-cli.js';

describe("rules' documentation URLs", () => {
  it("are the project's home page (package.json) with the rule id as anchor", async () => {
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { homepage: string };
    expect(HOMEPAGE).toBe(pkg.homepage);
    expect(ruleUrl('evidence-missing')).toBe(`${pkg.homepage}#evidence-missing`);
  });

  it('are in each finding of the JSON report', async () => {
    const run = await runCli(['check', '--now', NOW, '--format', 'json'], repoWithFindings());
    const report = JSON.parse(run.stdout) as Report;
    expect(report.findings.length).toBeGreaterThan(3);
    for (const finding of report.findings) expect(finding.url).toBe(ruleUrl(finding.ruleId));
  });

  it("are every SARIF rule's helpUri", async () => {
    const run = await runCli(['check', '--now', NOW, '--format', 'sarif'], repoWithFindings());
    const rules = (JSON.parse(run.stdout) as Log).runs[0]!.tool.driver.rules!;
    expect(rules.map((r) => [r.id, r.helpUri])).toEqual(BUILTIN_RULES.map((r) => [r.id, ruleUrl(r.id)]));
  });

  it('link the rule ids of a coloured stylish report, and leave a plain one as it was', async () => {
    const run = await runCli(['check', '--now', NOW, '--format', 'json'], repoWithFindings());
    const report = JSON.parse(run.stdout) as Report;
    const coloured = stylishFormatter(report, { color: true });
    const first = report.findings[0]!;
    expect(coloured).toContain(`\x1b]8;;${first.url}\x1b\\${first.ruleId}\x1b]8;;\x1b\\`);
    const plain = stylishFormatter(report, { color: false });
    expect(plain).not.toContain('\x1b');
    expect(plain).not.toContain('https://');
  });
});
