/**
 * Seeded-defect assertion: the findings of a `specguard check --format json`
 * report must be exactly the seeded defects, compared as a multiset of
 * (ruleId, file, line). Speed must never come from skipping work, and a
 * finding the corpus did not seed is a false positive.
 */
import { readFileSync } from 'node:fs';
import type { ExpectedFinding } from './corpus.js';

/** A finding as the JSON report gives it (schemas/report.schema.json), the fields compared and shown. */
interface ReportFinding {
  ruleId: string;
  file: string;
  line: number;
  column?: number;
  severity?: string;
  message?: string;
}

/** The outcome of a comparison. */
export interface FindingsCheck {
  ok: boolean;
  expected: number;
  found: number;
  /** Seeded defects the report does not have. */
  missed: ExpectedFinding[];
  /** Findings the corpus did not seed. */
  unexpected: ReportFinding[];
  /** Set when the report could not be read at all. */
  error?: string;
}

const keyOf = (f: { ruleId: string; file: string; line: number }): string => `${f.ruleId}\u0000${f.file}\u0000${f.line}`;

/** Compares the report in `reportFile` with the seeded defects. */
export function checkFindings(reportFile: string, expected: readonly ExpectedFinding[]): FindingsCheck {
  let findings: ReportFinding[];
  try {
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { findings?: unknown };
    if (!Array.isArray(report.findings)) throw new Error('no `findings` array');
    findings = report.findings as ReportFinding[];
  } catch (error) {
    return { ok: false, expected: expected.length, found: 0, missed: [...expected], unexpected: [], error: `cannot read the JSON report ${reportFile}: ${(error as Error).message}` };
  }
  const left = new Map<string, ExpectedFinding[]>();
  for (const e of expected) left.set(keyOf(e), [...(left.get(keyOf(e)) ?? []), e]);
  const unexpected: ReportFinding[] = [];
  for (const f of findings) {
    const bucket = left.get(keyOf(f));
    if (bucket && bucket.length > 0) bucket.pop();
    else unexpected.push(f);
  }
  const missed = [...left.values()].flat();
  return { ok: missed.length === 0 && unexpected.length === 0, expected: expected.length, found: findings.length, missed, unexpected };
}

/** The difference, for people. */
export function describeMismatch(check: FindingsCheck, label: string, limit = 40): string {
  const lines = [`${label}: the findings are not the seeded defects (${check.found} found, ${check.expected} seeded).`];
  if (check.error) lines.push(`  ${check.error}`);
  if (check.missed.length > 0) {
    lines.push(`  missed (${check.missed.length}): seeded, not reported`);
    for (const m of check.missed.slice(0, limit)) lines.push(`    - ${m.ruleId}  ${m.file}:${m.line}  (${m.note})`);
    if (check.missed.length > limit) lines.push(`    … and ${check.missed.length - limit} more`);
  }
  if (check.unexpected.length > 0) {
    lines.push(`  unexpected (${check.unexpected.length}): reported, not seeded`);
    for (const u of check.unexpected.slice(0, limit)) lines.push(`    + ${u.ruleId}  ${u.file}:${u.line}${u.column !== undefined ? `:${u.column}` : ''}  ${u.message ?? ''}`);
    if (check.unexpected.length > limit) lines.push(`    … and ${check.unexpected.length - limit} more`);
  }
  return lines.join('\n');
}
