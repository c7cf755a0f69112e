/**
 * The per-document stage of `check`: the evidence of a batch of loaded
 * documents is prepared together (one git call for all cited commits), then
 * every rule's `checkDocument` runs on each document in turn. What comes out
 * is plain data (findings with fingerprints, notes, what the findings depend
 * on), so the stage runs the same in the main thread and in a worker, and a
 * document is dropped as soon as its own rules are done unless a
 * repository-wide rule reads it.
 */
import picomatch from 'picomatch';
import type { DependencyRecorder, DependencySet, RecordedDependencies } from '../cache/dependencies.js';
import { RecordingPaths } from '../cache/recording-paths.js';
import type { ResolvedConfig } from '../config/config.js';
import type { SourceRange } from '../document/metadata.js';
import type { EvidenceAnalyzer } from '../evidence/analyze.js';
import { FINGERPRINT_WINDOW, fingerprintOf } from '../findings/fingerprint.js';
import type { Finding } from '../findings/finding.js';
import type { RepoPaths } from '../fs/repo-paths.js';
import type { HistoryIndex } from '../git/history-index.js';
import type { GitRepository } from '../git/repository.js';
import type { FindingExtra, Rule, RuleContext } from '../rules/rule.js';
import type { CheckedDocument, LoadFailure } from './checked-document.js';

/** A finding with what the pipeline needs to know about it before the report. */
export interface StagedFinding {
  finding: Finding;
  /** The 1-based line of the ticked box it is about (a box ticked in the change is never baselined away). */
  checkboxLine?: number;
}

/** What the stage found in one file (plain, structured-clonable data). */
export interface DocumentOutcome {
  /** Repo-relative POSIX path. */
  path: string;
  /** The resolved kind's name, when the file loaded and has one. */
  kind?: string;
  findings: StagedFinding[];
  /** Notes the document's rules made (something they could not do fully). */
  notes: string[];
  /** Whether a repository-wide rule reads this document. */
  keep: boolean;
  /** What the findings depend on besides the file's text (only when recording for the cache). */
  dependencies?: RecordedDependencies;
  /** Why the file could not be loaded (no rule ran on it). */
  failure?: LoadFailure;
}

/** What the stage runs with. */
export interface StageServices {
  config: ResolvedConfig;
  now: Date;
  /** The active rules (severity not `off`), in order. */
  rules: readonly Rule[];
  evidence: EvidenceAnalyzer;
  paths: RepoPaths;
  git(): Promise<GitRepository | undefined>;
  history(): Promise<HistoryIndex | undefined>;
  /** Records each document's dependencies when the results will be cached. */
  recorder?: DependencyRecorder;
}

/**
 * Runs every rule's `checkDocument` on a batch of load results.
 * @returns one outcome per load result, in order, with the document itself when a repository-wide rule reads it
 */
export async function checkDocuments(
  loaded: ReadonlyArray<CheckedDocument | LoadFailure>,
  services: StageServices,
): Promise<Array<{ outcome: DocumentOutcome; document?: CheckedDocument }>> {
  const documents = loaded.filter((d): d is CheckedDocument => 'schemaProblems' in d);
  await services.evidence.prepare(documents);
  const out: Array<{ outcome: DocumentOutcome; document?: CheckedDocument }> = [];
  const documentRules = services.rules.filter((rule) => rule.checkDocument);
  const repositoryRules = services.rules.filter((rule) => rule.checkRepository);
  const recorder = services.recorder;
  // One context per rule for the whole batch, pointed at the document at hand through `state`.
  const state: DocumentState = { findings: [], notes: new Set(), dependencies: undefined, paths: services.paths };
  const contexts = documentRules.map((rule) => ({ rule, context: documentContext(rule, services, state) }));
  for (const result of loaded) {
    if (!('schemaProblems' in result)) {
      out.push({ outcome: { path: result.path, findings: [], notes: [], keep: false, failure: { path: result.path, message: result.message } } });
      continue;
    }
    const document = result;
    state.findings = [];
    state.notes = new Set();
    state.dependencies = recorder?.of(document.path);
    // Path lookups record into this document's set even after an `await` in an asynchronous rule.
    state.paths = state.dependencies && services.paths instanceof RecordingPaths ? services.paths.forDocument(state.dependencies) : services.paths;
    for (const { rule, context } of contexts) {
      const run = (): void | Promise<void> => rule.checkDocument!(document, context);
      const pending = recorder ? recorder.within(document.path, run) : run();
      if (pending) await pending;
    }
    const keep = repositoryRules.some((rule) => rule.readsDocument?.(document, services.config) ?? true);
    const outcome: DocumentOutcome = { path: document.path, findings: state.findings, notes: [...state.notes], keep };
    if (document.kind !== undefined) outcome.kind = document.kind;
    const recorded = recorder?.take(document.path);
    if (recorded) outcome.dependencies = recorded.snapshot();
    out.push(keep ? { outcome, document } : { outcome });
  }
  return out;
}

/** What the contexts of a batch point at: the document being checked. */
interface DocumentState {
  findings: StagedFinding[];
  notes: Set<string>;
  dependencies: DependencySet | undefined;
  paths: RepoPaths;
}

function documentContext(rule: Rule, services: StageServices, state: DocumentState): RuleContext {
  const { config, now, evidence } = services;
  return {
    config,
    get now() {
      if (state.dependencies) state.dependencies.usesClock = true;
      return now;
    },
    documents: [],
    failures: [],
    evidence,
    get paths() {
      return state.paths;
    },
    changes: undefined,
    git() {
      if (state.dependencies) state.dependencies.usesHistory = true;
      return services.git();
    },
    history() {
      if (state.dependencies) state.dependencies.usesHistory = true;
      return services.history();
    },
    note: (message) => state.notes.add(message),
    ...reporter(rule, severityFor(rule, config), (finding) => state.findings.push(finding)),
  };
}

/**
 * The `report` and `reportFile` of a rule's context: each builds a finding with its position and fingerprint
 * (rule id, file, message with digits masked, and the text of the line it points at) and hands it to `push`.
 * @param firstLine - the first line of a file a finding is about as a whole ('' when it is not a document)
 */
export function reporter(
  rule: Rule,
  severityOfFile: (file: string) => 'error' | 'warning' | 'off',
  push: (finding: StagedFinding) => void,
  firstLine: (file: string) => string = () => '',
): Pick<RuleContext, 'report' | 'reportFile'> {
  const staged = (finding: Finding, lineText: string, extra: FindingExtra | undefined): StagedFinding => {
    if (extra?.related && extra.related.length > 0) finding.related = extra.related;
    finding.fingerprint = fingerprintOf(rule.id, finding.file, finding.message, lineText);
    return extra?.checkboxLine !== undefined ? { finding, checkboxLine: extra.checkboxLine } : { finding };
  };
  return {
    report(document, range, message, extra) {
      const configured = severityOfFile(document.path);
      if (configured === 'off') return;
      const severity = extra?.severity ?? configured;
      const span: SourceRange = typeof range === 'number' ? { start: range, end: range } : range;
      const start = document.lines.place(span.start);
      const end = document.lines.place(span.end);
      const finding: Finding = {
        ruleId: rule.id,
        severity,
        file: document.path,
        line: start.line,
        column: start.column,
        ...(span.end > span.start ? { endLine: end.line, endColumn: end.column } : {}),
        message,
      };
      push(staged(finding, lineAt(document.text, Math.min(Math.max(0, span.start), document.text.length) - (start.column - 1)), extra));
    },
    reportFile(file, message, extra) {
      const configured = severityOfFile(file);
      if (configured === 'off') return;
      const severity = extra?.severity ?? configured;
      const finding: Finding = { ruleId: rule.id, severity, file, line: 1, column: 1, message };
      push(staged(finding, firstLine(file), extra));
    },
  };
}

/** The text of the line that starts at `lineStart` (without its line ending: LF, CRLF or a lone CR). */
function lineAt(text: string, lineStart: number): string {
  let end = lineStart;
  // A bounded window: a line with 100,000 findings would otherwise cost each finding the whole line.
  const limit = Math.min(text.length, Math.max(0, lineStart) + FINGERPRINT_WINDOW);
  while (end < limit) {
    const c = text.charCodeAt(end);
    if (c === 10 || c === 13) break;
    end++;
  }
  return text.slice(Math.max(0, lineStart), end);
}

/**
 * A rule's severity for a file: the config's own `rules` first, then the first preset whose kinds' globs find
 * the file and set the rule, else the rule's default. Without a file, the severity no preset scopes.
 */
export function severityOf(rule: Rule, config: ResolvedConfig, file?: string): 'error' | 'warning' | 'off' {
  const configured = config.severities[rule.id];
  if (configured) return configured;
  if (file !== undefined) {
    for (const scope of scopes(config)) if (scope.rules[rule.id] && scope.match(file)) return scope.rules[rule.id]!;
  }
  return rule.defaultSeverity;
}

/** Whether a rule runs at all: on somewhere, by the config, a preset or its default. */
export function ruleIsOn(rule: Rule, config: ResolvedConfig): boolean {
  if (config.severities[rule.id]) return config.severities[rule.id] !== 'off';
  // A rule's default is always on (error or warning); a preset may turn it off for its files only.
  return true;
}

/** A rule's severity per file, for {@link reporter}: `off` drops the finding. */
export function severityFor(rule: Rule, config: ResolvedConfig): (file: string) => 'error' | 'warning' | 'off' {
  if (config.severities[rule.id] || !config.scopedSeverities.some((scope) => scope.rules[rule.id] !== undefined)) {
    const fixed = severityOf(rule, config);
    return () => fixed;
  }
  return (file) => severityOf(rule, config, file);
}

const compiledScopes = new WeakMap<ResolvedConfig, Array<{ rules: ResolvedConfig['scopedSeverities'][number]['rules']; match: (file: string) => boolean }>>();

/** The config's preset scopes with their globs compiled, once per config. */
function scopes(config: ResolvedConfig): Array<{ rules: ResolvedConfig['scopedSeverities'][number]['rules']; match: (file: string) => boolean }> {
  let compiled = compiledScopes.get(config);
  if (!compiled) {
    compiled = config.scopedSeverities.map((scope) => ({ rules: scope.rules, match: picomatch(scope.globs, { dot: true }) }));
    compiledScopes.set(config, compiled);
  }
  return compiled;
}
