/** specguard's programmatic API. This module only re-exports. */
export { check, type CheckOptions } from './check/check.js';
export type { CheckedDocument, LoadFailure } from './check/checked-document.js';
export { main } from './cli/main.js';
export type { CliIo, TextSink } from './cli/io.js';
export { EXIT } from './cli/exit-codes.js';
export type { ResolvedConfig, SpecguardConfig } from './config/config.js';
export { CONFIG_FILE_NAMES, loadConfig } from './config/load-config.js';
export { SpecguardError, type SpecguardErrorCode } from './errors.js';
export { buildReport, compareFindings, type ConfiguredSeverity, type Finding, type Report, type Severity } from './findings/finding.js';
export type { Formatter, FormatterContext } from './formatters/formatter.js';
export { BUILTIN_FORMATTERS, loadFormatter } from './formatters/load-formatter.js';
export { BUILTIN_KINDS } from './kinds/builtin-kinds.js';
export { KIND, type KindDefinition } from './kinds/kind.js';
export { BUILTIN_RULES } from './rules/builtin-rules.js';
export type { Rule, RuleContext } from './rules/rule.js';
export { RULE, RULE_IDS, type RuleId } from './rules/rule-ids.js';
