/**
 * Finds, parses and validates the config file, and merges it with the
 * defaults. Any problem is a {@link SpecguardError} naming the file, line and
 * column, because a run with a misread config would report the wrong things.
 */
import { existsSync, readFileSync } from 'node:fs';
import { nodeFileSystem } from '../fs/file-system.js';
import { readBounded } from '../fs/read-bounded.js';
import path from 'node:path';
import { parseJsonMetadata, parseYamlMetadata, type Metadata } from '../document/metadata.js';
import { LineIndex } from '../document/line-index.js';
import { SpecguardError } from '../errors.js';
import { BUILTIN_KINDS } from '../kinds/builtin-kinds.js';
import type { KindDefinition } from '../kinds/kind.js';
import { schemaFile } from '../package-paths.js';
import { RULE_IDS, isRuleId } from '../rules/rule-ids.js';
import { suggestName } from '../strings.js';
import { DEFAULT_PRESET, presetLayer, presetNames, type PresetLayer } from '../presets/load-presets.js';
import { describeSchemaErrors } from '../validate/schema-messages.js';
import type { SchemaRegistry } from '../validate/schema-registry.js';
import {
  ALWAYS_IGNORED,
  DEFAULT_AGENT_TRAILERS,
  DEFAULT_COMMIT_PATTERNS,
  DEFAULT_SIGNOFF_PATTERNS,
  DEFAULT_FRESHNESS_DAYS,
  DEFAULT_HEARTBEAT_STALE_MINUTES,
  DEFAULT_LOOP_STALE_DAYS,
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_PACKET_MAX_TOKENS,
  DEFAULT_STALL_DAYS,
  type ResolvedConfig,
  type SpecguardConfig,
} from './config.js';

/** Config file names looked for at the repository root, in this order. */
export const CONFIG_FILE_NAMES = ['specguard.config.yaml', 'specguard.config.yml', 'specguard.config.json'];

/**
 * Loads the configuration of a repository, or of a package folder inside it.
 *
 * A package's config inherits from the configs of the folders above it (`inheritFrom`, outermost first, as
 * markdownlint-cli2's and ESLint's configs cascade): their settings apply unless the package's own config sets
 * the same key (`rules` and `presets` merge rule by rule and replace, respectively). `kinds` and `ignore` are
 * not inherited: their globs are relative to the folder of the config that writes them.
 *
 * @param root - absolute path of the repository root (or of the package folder)
 * @param registry - compiles `schemas/config.schema.json` and custom kinds' schemas
 * @param explicitFile - a config path given on the command line (relative to `root` or absolute);
 *   without it the first of {@link CONFIG_FILE_NAMES} that exists is used, else the defaults
 * @param inheritFrom - absolute paths of the configs of the folders above `root`, outermost first
 * @throws SpecguardError (`CONFIG`) when the file is missing (if explicit), does not parse, fails
 *   its schema, names an unknown rule, or names a custom kind without a schema;
 *   (`SCHEMA`) when a kind's schema file is missing or invalid
 */
export function loadConfig(root: string, registry: SchemaRegistry, explicitFile?: string, inheritFrom: readonly string[] = []): ResolvedConfig {
  // A config found in the tree (not named on the command line) must be a regular file inside the repository.
  const repository = inheritFrom.length > 0 ? path.dirname(inheritFrom[0]!) : root;
  const inherited = inheritFrom.reduce<SpecguardConfig>((above, file) => inheritConfig(above, readConfigFile(file, root, registry, repository).config), {});
  const file = explicitFile ? path.resolve(root, explicitFile) : findConfigFile(root);
  if (!file) return resolveConfig(inherited, root, undefined);
  const own = readConfigFile(file, root, registry, explicitFile ? undefined : repository);
  return resolveConfig(inheritConfig(inherited, own.config), root, own.shown, own.metadata, own.at);
}

/** The config file of a folder: the first of {@link CONFIG_FILE_NAMES} it holds. */
export function findConfigFile(folder: string): string | undefined {
  return CONFIG_FILE_NAMES.map((name) => path.join(folder, name)).find((candidate) => existsSync(candidate));
}

/**
 * A package's settings over the ones inherited from above: each key it sets wins, `rules` merge rule by rule,
 * and `kinds` and `ignore` (globs relative to the folder above) are never inherited.
 */
function inheritConfig(above: SpecguardConfig, own: SpecguardConfig): SpecguardConfig {
  const { kinds: _kinds, ignore: _ignore, ...inheritable } = above;
  return { ...inheritable, ...own, ...(above.rules || own.rules ? { rules: { ...above.rules, ...own.rules } } : {}) };
}

/**
 * Reads and validates one config file.
 * @param root - the folder file names in messages are shown relative to
 * @param repository - for a config found in the tree: the folder it must lie in (through any symlink); it must
 *   be a regular file of at most {@link DEFAULT_MAX_FILE_BYTES} bytes
 */
function readConfigFile(file: string, root: string, registry: SchemaRegistry, repository?: string): { config: SpecguardConfig; shown: string; metadata: Metadata; at: (offset: number) => string } {
  const shown = toPosix(path.relative(root, file)) || file;
  let text: string;
  try {
    if (repository !== undefined) {
      const bytes = readBounded(nodeFileSystem, repository, file, DEFAULT_MAX_FILE_BYTES, (size, max) => `it is ${size} bytes, over the ${max}-byte limit`);
      if (typeof bytes === 'string') throw new SpecguardError('CONFIG', `${shown}: the config file was not read: ${bytes.charAt(0).toLowerCase()}${bytes.slice(1).replace(/\.$/, '')}`);
      text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    } else {
      text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    }
  } catch (error) {
    if (error instanceof SpecguardError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new SpecguardError('CONFIG', `${shown}: ${code === 'ENOENT' ? 'config file not found' : `cannot read the config file (${code ?? String(error)})`}`, { cause: error });
  }
  const metadata = file.endsWith('.json') ? parseJsonMetadata(text) : parseYamlMetadata(text, 0);
  const lines = new LineIndex(text);
  const at = (offset: number): string => {
    const place = lines.place(offset);
    return `${shown}:${place.line}:${place.column}`;
  };
  if (metadata.syntaxError) throw new SpecguardError('CONFIG', `${at(metadata.syntaxError.offset)}: the config is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${metadata.syntaxError.message}`);
  const value = metadata.value ?? {};
  const problems = describeSchemaErrors(registry.validator(schemaFile('config'))(value), metadata, 'config');
  const first = problems[0];
  if (first) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    throw new SpecguardError('CONFIG', `${at(first.range.start)}: ${first.message}${more}`);
  }
  const config = value as SpecguardConfig;
  checkRuleNames(config, metadata, at);
  return { config, shown, metadata, at };
}

function checkRuleNames(config: SpecguardConfig, metadata: Metadata, at: (offset: number) => string): void {
  for (const name of Object.keys(config.rules ?? {})) {
    if (isRuleId(name)) continue;
    const where = metadata.locate(['rules', name]);
    const near = suggestName(name, RULE_IDS);
    throw new SpecguardError('CONFIG', `${at(where?.key?.start ?? 0)}: unknown rule \`${name}\`${near ? ` (did you mean \`${near}\`?)` : '; `specguard check --help` links the rules'}`);
  }
}

/**
 * Merges a (valid) config with the defaults.
 * Presets (`config.presets`, default `[specguard]`) are applied first: their kinds' globs replace the built-in
 * globs of the kinds they name, their ignored folders join `ignore`; the config's own settings win over them.
 * @throws SpecguardError (`CONFIG`) when a custom kind has no schema, or a preset name is unknown
 */
export function resolveConfig(config: SpecguardConfig, root: string, file: string | undefined, metadata?: Metadata, at?: (offset: number) => string): ResolvedConfig {
  let layer: PresetLayer;
  try {
    layer = presetLayer(config.presets ?? [DEFAULT_PRESET]);
  } catch (error) {
    // At the first name no shipped preset has (else at the list).
    const unknown = (config.presets ?? []).findIndex((name) => !presetNames().includes(name));
    const where = metadata?.locate(['presets', String(unknown)]) ?? metadata?.locate(['presets']);
    const place = at && metadata ? `${at(where?.value.start ?? 0)}: ` : '';
    if (error instanceof SpecguardError) throw new SpecguardError(error.code, `${place}${error.message}`, { cause: error });
    throw error;
  }
  const kinds: KindDefinition[] = BUILTIN_KINDS.map((kind) => {
    const preset = layer.kinds[kind.name];
    const override = config.kinds?.[kind.name];
    return {
      ...kind,
      globs: override?.globs ?? preset?.globs ?? kind.globs,
      schemaPath: override?.schema ? path.resolve(root, override.schema) : kind.schemaPath,
      description: override?.description ?? kind.description,
      ...(preset && preset.keys.length > 0 ? { keys: preset.keys } : {}),
      ...(preset?.yaml ? { yaml: preset.yaml } : {}),
    };
  });
  for (const [name, spec] of Object.entries(config.kinds ?? {})) {
    if (kinds.some((kind) => kind.name === name)) continue;
    const place = at && metadata ? `${at(metadata.locate(['kinds', name])?.key?.start ?? 0)}: ` : '';
    if (!spec.schema) throw new SpecguardError('CONFIG', `${place}custom kind \`${name}\` needs a \`schema\` (path of its JSON Schema)`);
    if (!spec.globs) throw new SpecguardError('CONFIG', `${place}custom kind \`${name}\` needs \`globs\` (where its files are)`);
    kinds.push({
      name,
      description: spec.description ?? `Custom kind ${name}.`,
      format: spec.format ?? (spec.globs.every((glob) => glob.endsWith('.json')) ? 'json' : 'markdown'),
      globs: spec.globs,
      schemaPath: path.resolve(root, spec.schema),
      builtIn: false,
    });
  }
  for (const [name, spec] of Object.entries(config.kinds ?? {})) {
    const climbing = (spec.globs ?? []).findIndex(climbsAboveRoot);
    if (climbing === -1) continue;
    const place = at && metadata ? `${at(metadata.locate(['kinds', name, 'globs', String(climbing)])?.value.start ?? 0)}: ` : '';
    throw new SpecguardError('CONFIG', `${place}kind \`${name}\`: glob \`${spec.globs![climbing]}\` reaches outside the repository (an absolute path or \`..\`); globs are relative to the repository root and stay inside it`);
  }
  return {
    root,
    ...(file ? { file } : {}),
    kinds,
    severities: { ...(config.rules as ResolvedConfig['severities'] | undefined) },
    freshnessDays: config.freshness?.days ?? DEFAULT_FRESHNESS_DAYS,
    ignore: [...ALWAYS_IGNORED, ...layer.ignore, ...(config.ignore ?? [])],
    maxFileBytes: config.limits?.max_file_bytes ?? DEFAULT_MAX_FILE_BYTES,
    packetMaxTokens: config.packets?.max_tokens ?? DEFAULT_PACKET_MAX_TOKENS,
    loopStaleDays: config.loops?.stale_days ?? DEFAULT_LOOP_STALE_DAYS,
    heartbeatStaleMinutes: config.brief?.heartbeat_stale_minutes ?? DEFAULT_HEARTBEAT_STALE_MINUTES,
    stallDays: config.brief?.stall_days ?? DEFAULT_STALL_DAYS,
    commitPatterns: config.brief?.commit_patterns ?? layer.commitPatterns ?? DEFAULT_COMMIT_PATTERNS,
    signoff: {
      patterns: config.signoff?.patterns ?? DEFAULT_SIGNOFF_PATTERNS,
      allowed: config.signoff?.allowed ?? [],
      requireSignature: config.signoff?.require_signature ?? false,
    },
    agents: { identities: config.agents?.identities ?? [], trailers: config.agents?.trailers ?? DEFAULT_AGENT_TRAILERS },
    presets: layer.names,
    archived: layer.archived,
    // A kind the config moves takes the presets' task sources with it: they read the kind where the config says.
    tasks: layer.tasks.map((source) => (config.kinds?.[source.kind]?.globs ? { ...source, globs: config.kinds[source.kind]!.globs! } : source)),
    optionalMarkers: layer.optionalMarkers,
    scopedSeverities: layer.scopedSeverities as ResolvedConfig['scopedSeverities'],
  };
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Whether a glob names files outside the root: absolute (`/etc/*`, `C:/…`), or with a `..` segment. */
function climbsAboveRoot(glob: string): boolean {
  const posix = glob.replace(/\\/g, '/');
  return posix.startsWith('/') || /^[a-z]:\//i.test(posix) || posix.split('/').includes('..');
}
