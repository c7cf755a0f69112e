/**
 * `check()`: discover → load → resolve kind → validate → rules (per document,
 * then repository-wide) → report.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import pMap from 'p-map';
import type { ResolvedConfig, SpecguardConfig } from '../config/config.js';
import { loadConfig, resolveConfig } from '../config/load-config.js';
import type { SourceRange } from '../document/metadata.js';
import { SpecguardError } from '../errors.js';
import { EvidenceAnalyzer } from '../evidence/analyze.js';
import { EvidenceVerifier } from '../evidence/verify.js';
import { buildReport, type Finding, type Report } from '../findings/finding.js';
import { nodeFileSystem, type FileSystem } from '../fs/file-system.js';
import { RepoPaths } from '../fs/repo-paths.js';
import { openRepository, type GitRepository } from '../git/repository.js';
import { KIND, type KindDefinition } from '../kinds/kind.js';
import { BUILTIN_RULES } from '../rules/builtin-rules.js';
import type { Rule, RuleContext } from '../rules/rule.js';
import { resolveNow } from '../time/clock.js';
import { SchemaRegistry } from '../validate/schema-registry.js';
import type { CheckedDocument, LoadFailure } from './checked-document.js';
import { discoverFiles } from './discover.js';
import { loadDocument } from './load.js';
import { resolveKind, validateDocument } from './validate.js';

/** Options of {@link check}. */
export interface CheckOptions {
  /** The repository to check (absolute, or relative to the process's working directory). Default: the working directory. */
  root?: string;
  /** A config file to use instead of looking for `specguard.config.{yaml,yml,json}` at the root; relative to `root`. */
  configFile?: string;
  /** A config object to use instead of any file (already valid against `schemas/config.schema.json`). */
  config?: SpecguardConfig;
  /** The clock: a Date, or an ISO 8601 date or date-time. Default: `SOURCE_DATE_EPOCH` from `env`, else now. */
  now?: Date | string;
  /** Environment variables (for `SOURCE_DATE_EPOCH`). Default: `process.env`. */
  env?: Record<string, string | undefined>;
  /** The file system to read through. Default: node's. */
  fs?: FileSystem;
  /** The rules to run. Default: every built-in rule. */
  rules?: readonly Rule[];
}

/** How many files are read at once. */
const READ_CONCURRENCY = 32;

/**
 * Checks a repository.
 *
 * @returns the report (version 1 of the JSON contract); findings never throw
 * @throws SpecguardError `USAGE` when `root` is not a folder or `now` does not parse;
 *   `CONFIG` when the config is invalid; `SCHEMA` when a kind's schema cannot be compiled
 */
export async function check(options: CheckOptions = {}): Promise<Report> {
  const root = path.resolve(options.root ?? process.cwd());
  assertFolder(root);
  const now = resolveNow(options.now, options.env ?? process.env);
  const fs = options.fs ?? nodeFileSystem;
  const registry = new SchemaRegistry(root);
  const config = options.config ? resolveConfig(options.config, root, undefined) : loadConfig(root, registry, options.configFile);
  // Compile every kind's schema up front: a broken schema stops the run before any file is read.
  for (const kind of config.kinds) registry.validator(kind.schemaPath);

  const files = await discoverFiles(config);
  const documents = new Map<string, Promise<CheckedDocument | LoadFailure>>();
  const load = (relativePath: string, globKind: KindDefinition | undefined): Promise<CheckedDocument | LoadFailure> => {
    let loaded = documents.get(relativePath);
    if (!loaded) {
      loaded = loadDocument(relativePath, globKind?.format ?? 'markdown', { root, fs, maxFileBytes: config.maxFileBytes }).then((result) =>
        result.ok ? validateDocument(result.document, resolveKind(result.document, config.kinds, globKind), registry) : { path: result.path, message: result.message },
      );
      documents.set(relativePath, loaded);
    }
    return loaded;
  };
  const loaded = await pMap(files, (file) => load(file.path, file.kind), { concurrency: READ_CONCURRENCY });
  const checked = loaded.filter((d): d is CheckedDocument => 'schemaProblems' in d);
  const failures = loaded.filter((d): d is LoadFailure => !('schemaProblems' in d));

  const paths = new RepoPaths(root, fs);
  let git: Promise<GitRepository | undefined> | undefined;
  const verifier = new EvidenceVerifier({
    paths,
    git: () => (git ??= openRepository(root)),
    manifestKind: config.kinds.find((kind) => kind.name === KIND.RUN_MANIFEST)!,
    documents: load,
  });
  const findings = await runRules(options.rules ?? BUILTIN_RULES, { config, now, documents: checked, failures, evidence: new EvidenceAnalyzer(verifier), paths });
  return buildReport(findings, files.length);
}

function assertFolder(root: string): void {
  let isFolder = false;
  try {
    isFolder = statSync(root).isDirectory();
  } catch {
    // reported below
  }
  if (!isFolder) throw new SpecguardError('USAGE', `${root}: not a folder (give the repository to check)`);
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
      await pMap(base.documents, (document) => checkDocument(document, context), { concurrency: READ_CONCURRENCY });
    }
    await rule.checkRepository?.(context);
  }
  return findings;
}

function severityOf(rule: Rule, config: ResolvedConfig): 'error' | 'warning' | 'off' {
  return config.severities[rule.id] ?? rule.defaultSeverity;
}
