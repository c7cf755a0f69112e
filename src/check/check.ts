/**
 * `check()`: discover → load → resolve kind → validate (see {@link openWorkspace})
 * → rules (per document, then repository-wide) → fingerprints → the change's
 * findings (`changedSince`) → baseline → report.
 */
import { applyBaseline, type Baseline } from '../baseline/baseline.js';
import type { ResolvedConfig } from '../config/config.js';
import type { SourceRange } from '../document/metadata.js';
import { fingerprintOf } from '../findings/fingerprint.js';
import { buildReport, type BaselineOutcome, type Finding, type Report } from '../findings/finding.js';
import { BUILTIN_RULES } from '../rules/builtin-rules.js';
import type { FindingExtra, Rule, RuleContext } from '../rules/rule.js';
import { isNewLine, resolveChanges, type ChangeSet } from './changes.js';
import { openWorkspace, type Workspace, type WorkspaceOptions } from './workspace.js';

/** Options of {@link check}. */
export interface CheckOptions extends WorkspaceOptions {
  /** The rules to run. Default: every built-in rule. */
  rules?: readonly Rule[];
  /**
   * Pull-request mode: report only findings in files changed since the merge base of this ref and HEAD
   * (committed, staged, unstaged, untracked), or findings those changes bring in; and run `spec-required`.
   */
  changedSince?: string;
  /** Leave out the findings this baseline holds (a box ticked in the change is never left out). */
  baseline?: Baseline;
  /** How the baseline is named in the report. */
  baselineFile?: string;
}

/** A finding with what the pipeline needs to know about it before the report. */
interface RawFinding {
  finding: Finding;
  checkboxLine?: number;
}

/**
 * Checks a repository.
 *
 * @returns the report (version 1 of the JSON contract); problems in the checked files are findings, never throws
 * @throws SpecguardError `USAGE` when `root` is not a folder, `now` does not parse, or `changedSince` names no commit;
 *   `CONFIG` when the config is invalid; `SCHEMA` when a kind's schema cannot be compiled
 */
export async function check(options: CheckOptions = {}): Promise<Report> {
  const workspace = await openWorkspace(options);
  const changes = options.changedSince !== undefined ? await resolveChanges(await workspace.git(), workspace.root, options.changedSince) : undefined;
  const notes = new Set<string>();
  const raw = await runRules(options.rules ?? BUILTIN_RULES, workspace, changes, notes);
  addFingerprints(raw, workspace);
  let kept = changes ? raw.filter(({ finding }) => inChange(finding, changes)) : raw;
  let baseline: BaselineOutcome | undefined;
  if (options.baseline) {
    const newlyTicked = new Set(kept.filter((r) => changes && r.checkboxLine !== undefined && isNewLine(changes, r.finding.file, r.checkboxLine)).map((r) => r.finding));
    const applied = applyBaseline(
      kept.map((r) => r.finding),
      options.baseline,
      (finding) => newlyTicked.has(finding),
      options.baselineFile,
    );
    const survivors = new Set(applied.findings);
    kept = kept.filter((r) => survivors.has(r.finding));
    baseline = applied.outcome;
  }
  return buildReport(
    kept.map((r) => r.finding),
    workspace.fileCount,
    {
      notes: [...notes],
      ...(changes ? { changedSince: { ref: changes.ref, base: changes.base, files: changes.files.size } } : {}),
      ...(baseline ? { baseline } : {}),
    },
  );
}

/** A finding belongs to the change when its file changed, or a file it depends on did. */
function inChange(finding: Finding, changes: ChangeSet): boolean {
  return changes.files.has(finding.file) || (finding.related ?? []).some((file) => changes.files.has(file));
}

function addFingerprints(raw: RawFinding[], workspace: Workspace): void {
  const byPath = new Map(workspace.documents.map((d) => [d.path, d]));
  const lineText = new Map<string, string[]>();
  for (const { finding } of raw) {
    const document = byPath.get(finding.file);
    let lines = lineText.get(finding.file);
    if (!lines && document) {
      lines = document.text.split(/\r\n|\r|\n/);
      lineText.set(finding.file, lines);
    }
    finding.fingerprint = fingerprintOf(finding.ruleId, finding.file, finding.message, lines?.[finding.line - 1] ?? '');
  }
}

async function runRules(rules: readonly Rule[], workspace: Workspace, changes: ChangeSet | undefined, notes: Set<string>): Promise<RawFinding[]> {
  const { config, now, documents, failures, evidence, paths } = workspace;
  await evidence.prepare(documents);
  const raw: RawFinding[] = [];
  const push = (finding: Finding, extra: FindingExtra | undefined): void => {
    if (extra?.related && extra.related.length > 0) finding.related = extra.related;
    raw.push(extra?.checkboxLine !== undefined ? { finding, checkboxLine: extra.checkboxLine } : { finding });
  };
  for (const rule of rules) {
    const severity = severityOf(rule, config);
    if (severity === 'off') continue;
    const context: RuleContext = {
      config,
      now,
      documents,
      failures,
      evidence,
      paths,
      changes,
      git: workspace.git,
      history: workspace.history,
      note: (message) => notes.add(message),
      report(document, range, message, extra) {
        const span: SourceRange = typeof range === 'number' ? { start: range, end: range } : range;
        const start = document.lines.place(span.start);
        const end = document.lines.place(span.end);
        push(
          {
            ruleId: rule.id,
            severity,
            file: document.path,
            line: start.line,
            column: start.column,
            ...(span.end > span.start ? { endLine: end.line, endColumn: end.column } : {}),
            message,
          },
          extra,
        );
      },
      reportFile(file, message, extra) {
        push({ ruleId: rule.id, severity, file, line: 1, column: 1, message }, extra);
      },
    };
    if (rule.checkDocument) {
      // Most rules are synchronous; only wait where one returns a promise.
      const pending: Promise<void>[] = [];
      for (const document of documents) {
        const result = rule.checkDocument(document, context);
        if (result) pending.push(result);
      }
      await Promise.all(pending);
    }
    await rule.checkRepository?.(context);
  }
  return raw;
}

function severityOf(rule: Rule, config: ResolvedConfig): 'error' | 'warning' | 'off' {
  return config.severities[rule.id] ?? rule.defaultSeverity;
}
