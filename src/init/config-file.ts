/**
 * The `specguard.config.yaml` that `init` writes: every setting spelled out
 * with its default (the kinds' globs from the chosen layout), each explained
 * by a comment, valid against `schemas/config.schema.json`.
 */
import { stringify } from 'yaml';
import {
  DEFAULT_COMMIT_PATTERNS,
  DEFAULT_FRESHNESS_DAYS,
  DEFAULT_HEARTBEAT_STALE_MINUTES,
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_PACKET_MAX_TOKENS,
  DEFAULT_STALL_DAYS,
} from '../config/config.js';
import { BUILTIN_KINDS } from '../kinds/builtin-kinds.js';
import { BUILTIN_RULES } from '../rules/builtin-rules.js';
import { DEFAULT_PRESET } from '../presets/load-presets.js';
import { layoutGlobs, type InitLayout } from './layout.js';

/** The config file `init` writes, repo-relative (the first of the names `loadConfig` looks for). */
export const CONFIG_PATH = 'specguard.config.yaml';

/** The repository's copies of the kinds' schemas. */
export const SCHEMAS_FOLDER = 'specguard/schemas';

/** The repository's templates, where `checkpoint create` looks for `CHECKPOINT.md`. */
export const TEMPLATES_FOLDER = 'state/templates';

/** Repo-relative path of the copy of a kind's schema, e.g. `specguard/schemas/checkpoint.schema.json`. */
export function schemaCopyPath(kindName: string): string {
  return `${SCHEMAS_FOLDER}/${kindName}.schema.json`;
}

/** One YAML flow value (`[a, b]`, a quoted string when needed), on one line. */
function flow(value: unknown): string {
  return stringify(value, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trimEnd();
}

/** `text` followed by a comment at column `column` (at least two spaces after the text). */
function withComment(text: string, comment: string, column = 34): string {
  return `${text.padEnd(Math.max(column, text.length + 2))}# ${comment}`;
}

/**
 * Renders the config file of a layout and the presets the repository follows: for specguard's own layout,
 * every setting with its default and the layout's folders; for other ecosystems', the presets line and the
 * settings they leave open.
 * @returns YAML text, ending with a newline; `loadConfig` reads it as the defaults with the layout's globs
 *   and the kinds' schemas taken from {@link SCHEMAS_FOLDER}
 */
export function renderConfig(layout: InitLayout, presets: readonly string[] = [DEFAULT_PRESET]): string {
  if (presets.length !== 1 || presets[0] !== DEFAULT_PRESET) return renderPresetConfig(presets);
  const globs = layoutGlobs(layout);
  const out: string[] = [
    '# specguard configuration, written by `specguard init`. Every key is optional',
    "# and described in specguard's schemas/config.schema.json; the values below are",
    '# the defaults, with the folders this repository keeps its documents in.',
    '# yaml-language-server: $schema=node_modules/specguard/schemas/config.schema.json',
    '',
    "# The layout this repository follows: specguard's own (presets/specguard.yaml).",
    `presets: ${flow([DEFAULT_PRESET])}`,
    '',
    '# Where each kind of document lives (repo-relative globs), and the JSON Schema',
    '# its frontmatter (or JSON document) must satisfy. The schemas are copies of',
    `# specguard's own in ${SCHEMAS_FOLDER}/: tighten them to your conventions, or`,
    "# delete a `schema:` line to follow the schema that ships with specguard.",
    'kinds:',
  ];
  for (const kind of BUILTIN_KINDS) {
    if (!globs[kind.name]) continue;
    out.push(`  # ${kind.description}`, `  ${kind.name}:`, `    globs: ${flow(globs[kind.name])}`, `    schema: ${schemaCopyPath(kind.name)}`);
  }
  out.push('', '# Severity of each rule: error, warning or off.', 'rules:');
  for (const rule of BUILTIN_RULES) out.push(withComment(`  ${rule.id}: ${rule.defaultSeverity}`, rule.summary));
  out.push(
    '',
    ...freshnessLines(),
    '',
    '# Files never checked, on top of .gitignore: the templates hold placeholders, not documents.',
    `ignore: ${flow([`${TEMPLATES_FOLDER}/**`])}`,
    '',
    ...limitsLines(),
    '',
    'packets:',
    withComment(`  max_tokens: ${DEFAULT_PACKET_MAX_TOKENS}`, 'token budget (o200k) of a task packet without max_tokens'),
    '',
    '# How `specguard brief` reads a task\'s history.',
    ...briefLines(),
    withComment('  commit_patterns:', 'POSIX ERE, case-insensitive; {id} is the task id'),
    ...DEFAULT_COMMIT_PATTERNS.map((pattern) => `    - ${stringify(pattern, { defaultStringType: 'QUOTE_SINGLE', lineWidth: 0 }).trimEnd()}`),
  );
  return `${out.join('\n')}\n`;
}

/**
 * The config of a repository that follows other ecosystems' layouts: the presets, and the settings a user
 * most often changes, commented out, since each one set here would override what the presets set (a `rules:`
 * line wins over the preset's severity for that rule, `kinds:` globs over the preset's globs).
 */
function renderPresetConfig(presets: readonly string[]): string {
  const out: string[] = [
    '# specguard configuration, written by `specguard init`. Every key is optional',
    "# and described in specguard's schemas/config.schema.json.",
    '# yaml-language-server: $schema=node_modules/specguard/schemas/config.schema.json',
    '',
    '# The layouts this repository follows (presets/<name>.yaml in specguard): where',
    '# each kind of document lives, how tasks are read, which folders are templates',
    '# or archives, and the rules\' severities for their files.',
    `presets: ${flow(presets)}`,
    '',
    '# Anything set below overrides the presets. For example:',
    '# rules:',
    '#   evidence-missing: warning      # error | warning | off',
    '# ignore: [docs/examples/**]       # files never checked, on top of .gitignore',
    '',
    ...freshnessLines(),
    '',
    ...limitsLines(),
    '',
    '# How `specguard brief` reads a task\'s history (the presets say how commits name a task).',
    ...briefLines(),
  ];
  return `${out.join('\n')}\n`;
}

/** The `freshness:` block with its default. */
function freshnessLines(): string[] {
  return ['freshness:', withComment(`  days: ${DEFAULT_FRESHNESS_DAYS}`, 'review window of a mini-spec without review_interval_days')];
}

/** The `limits:` block with its default. */
function limitsLines(): string[] {
  return ['limits:', withComment(`  max_file_bytes: ${DEFAULT_MAX_FILE_BYTES}`, 'larger files are not read (file-unreadable)')];
}

/** The `brief:` block's timing settings with their defaults. */
function briefLines(): string[] {
  return [
    'brief:',
    withComment(`  heartbeat_stale_minutes: ${DEFAULT_HEARTBEAT_STALE_MINUTES}`, "a running manifest's heartbeat older than this is stale"),
    withComment(`  stall_days: ${DEFAULT_STALL_DAYS}`, 'no checkpoint, commit or run for this long: stalled'),
  ];
}
