/**
 * Baselines for gradual adoption: record today's findings by fingerprint,
 * then report only findings that are not in the record, and the recorded
 * ones that are gone (fixed). Counts matter: two identical findings need two
 * entries.
 */
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SpecguardError } from '../errors.js';
import type { BaselineOutcome, Finding } from '../findings/finding.js';
import { matchFingerprints } from '../findings/fingerprint.js';

/** A baseline file (`--write-baseline`), version 1. */
export interface Baseline {
  version: 1;
  tool: 'specguard';
  /** One entry per finding, sorted by file, rule id and fingerprint. */
  findings: Array<{ fingerprint: string; ruleId: string; file: string; message: string }>;
}

/** Builds a baseline from findings (which must carry fingerprints). */
export function baselineOf(findings: readonly Finding[]): Baseline {
  const entries = findings
    .filter((f) => f.fingerprint)
    .map((f) => ({ fingerprint: f.fingerprint!, ruleId: f.ruleId, file: f.file, message: f.message }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint));
  return { version: 1, tool: 'specguard', findings: entries };
}

/**
 * Writes a baseline file, replacing an earlier baseline atomically (temporary file, then rename).
 * @param shownAs - how error messages name the file (the path as the user gave it)
 * @throws SpecguardError (`WRITE`) when it cannot be written
 */
export async function writeBaseline(file: string, baseline: Baseline, shownAs = file): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, `${JSON.stringify(baseline, null, 2)}\n`, { flag: 'wx' });
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new SpecguardError('WRITE', `--write-baseline: cannot write ${shownAs} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
}

/**
 * Reads a baseline file.
 * @throws SpecguardError (`USAGE`) when it is missing or not a specguard baseline
 */
export async function readBaseline(file: string): Promise<Baseline> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SpecguardError('USAGE', `--baseline: cannot read ${file} (${code === 'ENOENT' ? 'not found' : code ?? 'not valid JSON'})`, { cause: error });
  }
  const record = value as Partial<Baseline> | null;
  const valid =
    record !== null &&
    typeof record === 'object' &&
    record.version === 1 &&
    Array.isArray(record.findings) &&
    record.findings.every((f) => f && typeof f.fingerprint === 'string' && typeof f.ruleId === 'string' && typeof f.file === 'string' && typeof f.message === 'string');
  if (!valid) throw new SpecguardError('USAGE', `--baseline: ${file} is not a specguard baseline (write one with --write-baseline)`);
  return record as Baseline;
}

/**
 * Removes the findings a baseline holds.
 * @param exempt - findings never suppressed (a box ticked in the change under review)
 * @returns the findings to report, and the outcome (suppressed count, fixed entries)
 */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline, exempt: (finding: Finding) => boolean, file?: string): { findings: Finding[]; outcome: BaselineOutcome } {
  // Known findings take their entries first; a finding exempt from the baseline (a box ticked in the change)
  // then uses up a leftover entry, if any, so that entry is not listed as fixed, but is reported all the same.
  const { matched, leftover } = matchFingerprints(findings, baseline.findings, { finding: (f) => f.fingerprint, known: (entry) => entry.fingerprint }, exempt);
  const kept = findings.filter((f) => !matched.has(f));
  const fixed = leftover.map(({ ruleId, file: f, message }) => ({ ruleId, file: f, message }));
  return { findings: kept, outcome: { ...(file ? { file } : {}), suppressed: matched.size, fixed } };
}
