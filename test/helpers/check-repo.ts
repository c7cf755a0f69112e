/**
 * Shared pieces of the rule tests: run `check()` on a throw-away repository at
 * a fixed date, pick one rule's findings, and write fixture text line by line
 * (so that a test can read line numbers straight off its fixture).
 */
import { check, type CheckOptions } from '../../src/check/check.js';
import type { Finding, Report } from '../../src/findings/finding.js';
import type { RuleId } from '../../src/rules/rule-ids.js';
import { tempRepo, type FileTree } from './temp-repo.js';

/** The date every rule test runs at. */
export const NOW = '2026-11-21';

/** Checks a repository: a file tree (written to a new temp folder) or an existing folder. */
export async function checkRepo(files: FileTree | string, options: Omit<CheckOptions, 'root'> = {}): Promise<Report> {
  const root = typeof files === 'string' ? files : tempRepo(files);
  return check({ root, now: NOW, env: {}, ...options });
}

/** The findings of one rule. */
export function findingsOf(report: Report, ruleId: RuleId): Finding[] {
  return report.findings.filter((f) => f.ruleId === ruleId);
}

/** Checks a repository and returns the findings of one rule. */
export async function ruleFindings(ruleId: RuleId, files: FileTree | string, options: Omit<CheckOptions, 'root'> = {}): Promise<Finding[]> {
  return findingsOf(await checkRepo(files, options), ruleId);
}

/** `[file, line, column]` of each finding, for compact assertions. */
export function places(findings: readonly Finding[]): Array<[string, number, number]> {
  return findings.map((f) => [f.file, f.line, f.column]);
}

/** Joins lines with `\n` and ends with a newline: line N of the result is `lines[N - 1]`. */
export function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

/** A YAML frontmatter block (its lines), then the body lines. */
export function markdown(frontmatter: readonly string[] | undefined, ...body: string[]): string {
  return frontmatter ? lines('---', ...frontmatter, '---', ...body) : lines(...body);
}

/** Frontmatter lines of a valid draft mini-spec (no approvals needed). */
export function specFrontmatter(id: string, lastReview: string): string[] {
  return [`id: ${id}`, `title: Spec ${id}`, 'status: draft', `last_review: ${lastReview}`];
}

/** A valid draft mini-spec, reviewed on `lastReview`. */
export function validSpec(id: string, lastReview = '2026-11-01'): string {
  return markdown(specFrontmatter(id, lastReview), `# Spec ${id}`);
}

/** Frontmatter lines of a valid task packet. */
export function packetFrontmatter(task: string | number = 460): string[] {
  return [`task: ${task}`, 'title: task_run + task_checkpoint + packet templates', 'created: 2026-05-24', 'agent: codex'];
}

/** A valid task packet whose acceptance criteria are the given items (default one open item). */
export function validPacket(task: string | number = 460, criteria: string[] = ['- [ ] the tests pass']): string {
  return markdown(packetFrontmatter(task), '## Objective', '', 'Write the templates.', '', '## Constraints', '', 'No new dependencies.', '', '## Acceptance criteria', '', ...criteria);
}

/** Frontmatter lines of a valid checkpoint. */
export function checkpointFrontmatter(task: string | number = 460): string[] {
  return [`task: ${task}`, 'checkpoint_kind: progress', 'created: 2026-05-24T10:15:00Z', 'agent: codex', 'summary: Templates drafted; migration not applied.'];
}

/** A run manifest (as an object, written as JSON by `tempRepo`). */
export function manifest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    run_id: '2026-11-20T10-00-00Z',
    task_id: '460',
    started_at: '2026-11-20T10:00:00Z',
    finished_at: '2026-11-20T10:05:00Z',
    status: 'succeeded',
    commands: [{ command: 'npm test', exit_code: 0 }],
    ...overrides,
  };
}
