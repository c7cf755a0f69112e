import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Formatter } from './formatter.js';

/** A repo-relative path as a relative URI reference: each segment percent-encoded (`#`, `?`, spaces). */
function uriOf(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/**
 * SARIF 2.1.0 (OASIS), as code-scanning upload accepts it: one run, a rules
 * table (every rule, so that `ruleIndex` is stable, each with its `helpUri`), results with regions
 * relative to `%SRCROOT%`, and `partialFingerprints` from the finding's
 * fingerprint so that alerts follow findings across edits. Notes become tool
 * execution notifications.
 */
export const sarifFormatter: Formatter = (report, context) => {
  const known = [...(context.rules ?? [])];
  for (const finding of report.findings) {
    if (!known.some((r) => r.id === finding.ruleId)) known.push({ id: finding.ruleId, summary: finding.ruleId, defaultSeverity: finding.severity, ...(finding.url ? { url: finding.url } : {}) });
  }
  const rules: ReportingDescriptor[] = known.map((rule) => ({
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z])/g, (_, __: string, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.summary },
    ...(rule.url ? { helpUri: rule.url } : {}),
    defaultConfiguration: { level: rule.defaultSeverity === 'error' ? 'error' : 'warning' },
  }));
  const index = new Map(known.map((rule, i) => [rule.id, i]));
  const results: Result[] = report.findings.map((finding) => ({
    ruleId: finding.ruleId,
    ruleIndex: index.get(finding.ruleId)!,
    level: finding.severity === 'error' ? 'error' : 'warning',
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uriOf(finding.file), uriBaseId: '%SRCROOT%' },
          region: {
            startLine: finding.line,
            startColumn: finding.column,
            ...(finding.endLine !== undefined ? { endLine: finding.endLine } : {}),
            ...(finding.endColumn !== undefined ? { endColumn: finding.endColumn } : {}),
          },
        },
      },
    ],
    ...(finding.fingerprint ? { partialFingerprints: { 'specguard/v1': finding.fingerprint } } : {}),
    ...(finding.related && finding.related.length > 0
      ? { relatedLocations: finding.related.map((file, id) => ({ id, physicalLocation: { artifactLocation: { uri: uriOf(file), uriBaseId: '%SRCROOT%' } } })) }
      : {}),
  }));
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'specguard', ...(context.toolVersion ? { version: context.toolVersion, semanticVersion: context.toolVersion } : {}), rules } },
        results,
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: true,
            ...(report.notes && report.notes.length > 0 ? { toolExecutionNotifications: report.notes.map((text) => ({ message: { text }, level: 'note' as const })) } : {}),
          },
        ],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
