/**
 * `check()`: discover → load → resolve kind → validate (see {@link openWorkspace})
 * → rules (per document, then repository-wide) → report.
 */
import pMap from 'p-map';
import type { ResolvedConfig } from '../config/config.js';
import type { SourceRange } from '../document/metadata.js';
import { buildReport, type Finding, type Report } from '../findings/finding.js';
import { BUILTIN_RULES } from '../rules/builtin-rules.js';
import type { Rule, RuleContext } from '../rules/rule.js';
import { openWorkspace, type WorkspaceOptions } from './workspace.js';

/** Options of {@link check}. */
export interface CheckOptions extends WorkspaceOptions {
  /** The rules to run. Default: every built-in rule. */
  rules?: readonly Rule[];
}

/** How many documents a rule looks at concurrently (rules wait on file-system checks). */
const RULE_CONCURRENCY = 32;

/**
 * Checks a repository.
 *
 * @returns the report (version 1 of the JSON contract); problems in the checked files are findings, never throws
 * @throws SpecguardError `USAGE` when `root` is not a folder or `now` does not parse;
 *   `CONFIG` when the config is invalid; `SCHEMA` when a kind's schema cannot be compiled
 */
export async function check(options: CheckOptions = {}): Promise<Report> {
  const workspace = await openWorkspace(options);
  const { config, now, documents, failures, evidence, paths } = workspace;
  const findings = await runRules(options.rules ?? BUILTIN_RULES, { config, now, documents, failures, evidence, paths });
  return buildReport(findings, workspace.fileCount);
}

type ContextBase = Omit<RuleContext, 'report' | 'reportFile'>;

async function runRules(rules: readonly Rule[], base: ContextBase): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const severity = severityOf(rule, base.config);
    if (severity === 'off') continue;
    const context: RuleContext = {
      ...base,
      report(document, range, message) {
        const span: SourceRange = typeof range === 'number' ? { start: range, end: range } : range;
        const start = document.lines.place(span.start);
        const end = document.lines.place(span.end);
        findings.push({
          ruleId: rule.id,
          severity,
          file: document.path,
          line: start.line,
          column: start.column,
          ...(span.end > span.start ? { endLine: end.line, endColumn: end.column } : {}),
          message,
        });
      },
      reportFile(file, message) {
        findings.push({ ruleId: rule.id, severity, file, line: 1, column: 1, message });
      },
    };
    if (rule.checkDocument) {
      const checkDocument = rule.checkDocument.bind(rule);
      await pMap(base.documents, (document) => checkDocument(document, context), { concurrency: RULE_CONCURRENCY });
    }
    await rule.checkRepository?.(context);
  }
  return findings;
}

function severityOf(rule: Rule, config: ResolvedConfig): 'error' | 'warning' | 'off' {
  return config.severities[rule.id] ?? rule.defaultSeverity;
}
