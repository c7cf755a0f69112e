import { createRequire } from 'node:module';

// xmlbuilder2 loads on first use: most runs write no JUnit report.
const require = createRequire(import.meta.url);
const xmlbuilder = (): typeof import('xmlbuilder2') => require('xmlbuilder2') as typeof import('xmlbuilder2');
import type { Finding } from '../findings/finding.js';
import { xmlText } from '../output/sanitize.js';
import type { Formatter } from './formatter.js';

/**
 * JUnit XML, as CI servers read it: one `<testsuite>` per file with
 * findings and one `<testcase>` per finding (an error is a `<failure>`, a
 * warning passes with its message in `<system-out>`), plus a passing
 * testcase for the files without findings, so that a clean run is not an
 * empty report.
 */
export const junitFormatter: Formatter = (report) => {
  const byFile = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  const { errors, files } = report.summary;
  const clean = Math.max(0, files - byFile.size);
  const root = xmlbuilder().create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', { name: 'specguard', tests: report.findings.length + 1, failures: errors });
  for (const [file, findings] of byFile) {
    const failures = findings.filter((f) => f.severity === 'error').length;
    const name = xmlText(file);
    const suite = root.ele('testsuite', { name, tests: findings.length, failures, errors: 0 });
    for (const finding of findings) {
      const testcase = suite.ele('testcase', { classname: name, name: `${finding.ruleId} at ${finding.line}:${finding.column}`, file: name });
      const message = xmlText(finding.message);
      const text = `${name}:${finding.line}:${finding.column} ${message} (${finding.ruleId})`;
      if (finding.severity === 'error') testcase.ele('failure', { message, type: finding.ruleId }).txt(text);
      else testcase.ele('system-out').txt(`warning: ${text}`);
    }
  }
  root
    .ele('testsuite', { name: 'specguard', tests: 1, failures: 0, errors: 0 })
    .ele('testcase', { classname: 'specguard', name: `${clean} of ${files} file${files === 1 ? '' : 's'} without findings` });
  return `${root.end({ prettyPrint: true })}\n`;
};
