/**
 * `--format sarif`: the log validates against the SARIF 2.1.0 JSON Schema that
 * ships with @microsoft/sarif-multitool, its rules table lists every rule, and
 * each result points at its rule, its finding's region, file and fingerprint.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import * as addFormatsModule from 'ajv-formats';
import type { FormatsPlugin } from 'ajv-formats';
import type { Log, Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../src/findings/finding.js';
import { sarifFormatter } from '../../src/formatters/sarif.js';
import { BUILTIN_RULES } from '../../src/rules/builtin-rules.js';
import { checkRepo, lines, NOW } from '../helpers/check-repo.js';
import { cleanRepo, repoWithFindings } from '../helpers/formatter-repos.js';
import { runCli } from '../helpers/run-cli.js';
import { tempRepo } from '../helpers/temp-repo.js';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default: { default?: FormatsPlugin } & FormatsPlugin }).default.default ??
  (addFormatsModule as unknown as { default: FormatsPlugin }).default) as FormatsPlugin;

/** The schema ships in the platform package of @microsoft/sarif-multitool (`-linux`, `-darwin`, `-win32`). */
const SCHEMA_FILE = path.join(
  path.dirname(createRequire(import.meta.url).resolve(`@microsoft/sarif-multitool-${process.platform}/package.json`)),
  'sarif-2.1.0.json',
);

const validateSarif = (() => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
})();

/** Validates a log against the SARIF 2.1.0 schema. */
function expectValidSarif(log: unknown): void {
  expect(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
}

/** The JSON report and the SARIF log of one repository, through the CLI. */
async function both(root: string): Promise<{ report: Report; log: Log; code: number }> {
  const json = await runCli(['check', '--now', NOW, '--format', 'json'], root);
  const sarif = await runCli(['check', '--now', NOW, '--format', 'sarif'], root);
  expect(sarif.code).toBe(json.code);
  return { report: JSON.parse(json.stdout) as Report, log: JSON.parse(sarif.stdout) as Log, code: sarif.code };
}

function location(result: Result) {
  return result.locations![0]!.physicalLocation!;
}

describe('SARIF formatter', () => {
  it('validates against the SARIF 2.1.0 schema', async () => {
    const { log, report, code } = await both(repoWithFindings());
    expect(code).toBe(1);
    expect(report.findings.length).toBeGreaterThanOrEqual(5);
    expectValidSarif(log);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]!.tool.driver.name).toBe('specguard');
  });

  it('the schema check is not vacuous: a broken log fails it', async () => {
    const { log } = await both(repoWithFindings());
    const broken = JSON.parse(JSON.stringify(log)) as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    broken.runs[0]!.results[0]!.level = 'fatal';
    expect(validateSarif(broken)).toBe(false);
    const noLine = JSON.parse(JSON.stringify(log)) as Log;
    location(noLine.runs[0]!.results![0]!).region!.startLine = 0;
    expect(validateSarif(noLine)).toBe(false);
  });

  it('lists every rule of the run in the rules table, and each result points at its rule', async () => {
    const { log } = await both(repoWithFindings());
    const rules = log.runs[0]!.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual(BUILTIN_RULES.map((r) => r.id));
    for (const [i, rule] of rules.entries()) {
      const source = BUILTIN_RULES[i]!;
      expect(rule.shortDescription?.text).toBe(source.summary);
      expect(rule.defaultConfiguration?.level).toBe(source.defaultSeverity);
    }
    const results = log.runs[0]!.results!;
    expect(new Set(results.map((r) => r.ruleId)).size).toBeGreaterThanOrEqual(4);
    for (const result of results) {
      expect(result.ruleIndex).toBeTypeOf('number');
      expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId);
    }
  });

  it("matches each result's region, file, level, message and fingerprint to its finding", async () => {
    const { log, report } = await both(repoWithFindings());
    const results = log.runs[0]!.results!;
    expect(results).toHaveLength(report.findings.length);
    // The fixture has a finding with an end position, one without, and a warning.
    expect(report.findings.some((f) => f.endLine !== undefined)).toBe(true);
    expect(report.findings.some((f) => f.endLine === undefined)).toBe(true);
    expect(report.findings.some((f) => f.severity === 'warning')).toBe(true);
    report.findings.forEach((finding: Finding, i) => {
      const result = results[i]!;
      expect(result.ruleId).toBe(finding.ruleId);
      expect(result.level).toBe(finding.severity);
      expect(result.message.text).toBe(finding.message);
      const physical = location(result);
      expect(physical.artifactLocation).toEqual({ uri: finding.file, uriBaseId: '%SRCROOT%' });
      expect(physical.region).toEqual({
        startLine: finding.line,
        startColumn: finding.column,
        ...(finding.endLine !== undefined ? { endLine: finding.endLine } : {}),
        ...(finding.endColumn !== undefined ? { endColumn: finding.endColumn } : {}),
      });
      expect(finding.fingerprint).toMatch(/^[0-9a-f]{32}$/);
      expect(result.partialFingerprints).toEqual({ 'specguard/v1': finding.fingerprint });
    });
    expect(log.runs[0]!.columnKind).toBe('utf16CodeUnits');
  });

  it('lists related files as related locations, and notes as tool execution notifications', async () => {
    const { log, report } = await both(repoWithFindings());
    const index = report.findings.findIndex((f) => f.ruleId === 'evidence-failed');
    expect(index).toBeGreaterThanOrEqual(0);
    const related = log.runs[0]!.results![index]!.relatedLocations!.map((l) => l.physicalLocation?.artifactLocation?.uri);
    expect(related).toEqual(report.findings[index]!.related);
    expect(related).toContain('.runs/1/manifest.json');
    expect(report.notes!.length).toBeGreaterThan(0);
    const notifications = log.runs[0]!.invocations![0]!.toolExecutionNotifications!;
    expect(notifications.map((n) => n.message.text)).toEqual(report.notes);
  });

  it('gives a valid log with no results, and the whole rules table, for a clean repository', async () => {
    const { log, code } = await both(cleanRepo());
    expect(code).toBe(0);
    expectValidSarif(log);
    expect(log.runs[0]!.results).toEqual([]);
    expect(log.runs[0]!.tool.driver.rules!.map((r) => r.id)).toEqual(BUILTIN_RULES.map((r) => r.id));
  });

  it('adds a rules-table entry for a rule the context does not list', async () => {
    const report = await checkRepo(repoWithFindings());
    const log = JSON.parse(sarifFormatter(report, { color: false })) as Log;
    expectValidSarif(log);
    const rules = log.runs[0]!.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual([...new Set(report.findings.map((f) => f.ruleId))]);
    for (const result of log.runs[0]!.results!) expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId);
  });

  it.each(['tasks/tasks-release plan.md', 'tasks/tasks-#12.md', 'tasks/tasks-why?.md', 'tasks/tasks-100%.md'])(
    'writes a URI that names the file %s',
    async (file) => {
      const root = tempRepo({ [file]: lines('# Tasks', '', '- [x] shipped') });
      const { log, report } = await both(root);
      expectValidSarif(log);
      expect(report.findings.map((f) => f.file)).toEqual([file]);
      const uri = location(log.runs[0]!.results![0]!).artifactLocation!.uri!;
      // Resolved against the source root, the URI must name the file, with no query or fragment.
      const url = new URL(uri, 'file:///srcroot/');
      expect(url.search).toBe('');
      expect(url.hash).toBe('');
      expect(decodeURIComponent(url.pathname)).toBe(`/srcroot/${file}`);
    },
  );
});
