/**
 * `--format junit`: well-formed XML with one testcase per finding (an error
 * is a failure, a warning is not), one passing testcase for the files without
 * findings, and text and attributes escaped.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/findings/finding.js';
import { buildReport } from '../../src/findings/finding.js';
import { junitFormatter } from '../../src/formatters/junit.js';
import { lines, NOW } from '../helpers/check-repo.js';
import { cleanRepo, repoWithFindings } from '../helpers/formatter-repos.js';
import { runCli } from '../helpers/run-cli.js';
import { tempRepo } from '../helpers/temp-repo.js';

interface Attributes {
  [name: `@_${string}`]: string;
}
interface TestCase extends Attributes {
  failure?: Array<Attributes & { '#text'?: string }>;
  'system-out'?: string;
}
interface TestSuite extends Attributes {
  testcase: TestCase[];
}
interface JUnit {
  testsuites: Attributes & { testsuite: TestSuite[] };
}

/** Checks that the text is well-formed XML, then parses it (attributes as strings, entities decoded). */
function parseJUnit(xml: string): JUnit {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => ['testsuite', 'testcase', 'failure'].includes(name),
  });
  return parser.parse(xml) as JUnit;
}

function testcases(junit: JUnit): TestCase[] {
  return junit.testsuites.testsuite.flatMap((suite) => suite.testcase);
}

/** The JSON report and the JUnit XML of one repository, through the CLI. */
async function both(root: string): Promise<{ report: Report; xml: string; code: number }> {
  const json = await runCli(['check', '--now', NOW, '--format', 'json'], root);
  const junit = await runCli(['check', '--now', NOW, '--format', 'junit'], root);
  expect(junit.code).toBe(json.code);
  return { report: JSON.parse(json.stdout) as Report, xml: junit.stdout, code: junit.code };
}

describe('JUnit formatter', () => {
  it('gives one testcase per finding, a failure for each error, and one passing testcase', async () => {
    const { report, xml, code } = await both(repoWithFindings());
    expect(code).toBe(1);
    const junit = parseJUnit(xml);
    const cases = testcases(junit);
    const { errors, warnings } = report.summary;
    expect(errors).toBeGreaterThan(0);
    expect(warnings).toBeGreaterThan(0);
    expect(cases).toHaveLength(report.findings.length + 1);
    expect(junit.testsuites['@_tests']).toBe(String(report.findings.length + 1));
    expect(junit.testsuites['@_failures']).toBe(String(errors));
    expect(cases.filter((c) => c.failure)).toHaveLength(errors);

    for (const finding of report.findings) {
      const testcase = cases.find((c) => c['@_classname'] === finding.file && c['@_name'] === `${finding.ruleId} at ${finding.line}:${finding.column}`);
      expect(testcase, `${finding.file} ${finding.ruleId}`).toBeDefined();
      expect(testcase!['@_file']).toBe(finding.file);
      if (finding.severity === 'error') {
        expect(testcase!.failure).toHaveLength(1);
        expect(testcase!.failure![0]!['@_message']).toBe(finding.message);
        expect(testcase!.failure![0]!['@_type']).toBe(finding.ruleId);
        expect(testcase!.failure![0]!['#text']).toBe(`${finding.file}:${finding.line}:${finding.column} ${finding.message} (${finding.ruleId})`);
      } else {
        expect(testcase!.failure).toBeUndefined();
        expect(testcase!['system-out']).toContain(finding.message);
      }
    }

    // One suite per file with findings, each counting its own; then the passing testcase.
    const files = [...new Set(report.findings.map((f) => f.file))];
    const suites = junit.testsuites.testsuite;
    expect(suites.map((s) => s['@_name'])).toEqual([...files, 'specguard']);
    for (const suite of suites.slice(0, -1)) {
      const own = report.findings.filter((f) => f.file === suite['@_name']);
      expect(suite['@_tests']).toBe(String(own.length));
      expect(suite['@_failures']).toBe(String(own.filter((f) => f.severity === 'error').length));
    }
    const passing = suites.at(-1)!.testcase;
    expect(passing).toHaveLength(1);
    expect(passing[0]!.failure).toBeUndefined();
    expect(passing[0]!['@_name']).toBe(`${report.summary.files - files.length} of ${report.summary.files} files without findings`);
  });

  it('gives a valid report with zero failures for a clean repository', async () => {
    const { xml, code, report } = await both(cleanRepo());
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);
    const junit = parseJUnit(xml);
    expect(junit.testsuites['@_failures']).toBe('0');
    expect(junit.testsuites['@_tests']).toBe('1');
    const cases = testcases(junit);
    expect(cases).toHaveLength(1);
    expect(cases[0]!.failure).toBeUndefined();
    expect(cases[0]!['@_name']).toBe(`${report.summary.files} of ${report.summary.files} files without findings`);
  });

  it('escapes <, & and quotes in messages and file names', () => {
    const message = `Expected <b>bold</b> & "double" and 'single' quotes > here; ]]> too`;
    const file = `tasks/tasks-<R&D> "q" 'a'.md`;
    const report = buildReport(
      [
        { ruleId: 'checkbox-evidence', severity: 'error', file, line: 3, column: 3, message },
        { ruleId: 'evidence-external', severity: 'warning', file, line: 4, column: 5, message },
      ],
      2,
    );
    const xml = junitFormatter(report, { color: false });
    expect(xml).not.toContain('<b>');
    expect(xml).not.toContain('R&D');
    const cases = testcases(parseJUnit(xml));
    expect(cases).toHaveLength(3);
    expect(cases[0]!['@_classname']).toBe(file);
    expect(cases[0]!['@_file']).toBe(file);
    expect(cases[0]!.failure![0]!['@_message']).toBe(message);
    expect(cases[0]!.failure![0]!['#text']).toBe(`${file}:3:3 ${message} (checkbox-evidence)`);
    expect(cases[1]!['system-out']).toBe(`warning: ${file}:4:5 ${message} (evidence-external)`);
  });

  it('escapes them end to end, from a file name and a cited path', async () => {
    const file = `tasks/tasks-<R&D> "q" 'a'.md`;
    const root = tempRepo({ [file]: lines('# Tasks', '', '- [x] shipped', '- [x] notes, see `docs/R&D.md`') });
    const { report, xml } = await both(root);
    expect(report.findings.map((f) => [f.file, f.ruleId])).toEqual([
      [file, 'checkbox-evidence'],
      [file, 'evidence-missing'],
    ]);
    expect(report.findings[1]!.message).toContain('docs/R&D.md');
    const cases = testcases(parseJUnit(xml));
    expect(cases[0]!['@_file']).toBe(file);
    expect(cases[1]!.failure![0]!['@_message']).toBe(report.findings[1]!.message);
  });
});
