/**
 * Reads the package's presets (`presets/<name>.yaml`) and folds the ones a
 * config names into one layer of settings that `resolveConfig` applies under
 * the config's own settings.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { SpecguardError } from '../errors.js';
import type { ConfiguredSeverity } from '../findings/finding.js';
import { PRESETS_DIR, schemaFile } from '../package-paths.js';
import { suggestName } from '../strings.js';
import { describeSchemaErrors } from '../validate/schema-messages.js';
import { SchemaRegistry } from '../validate/schema-registry.js';
import { parseYamlMetadata } from '../document/metadata.js';
import type { Preset, TaskSource } from './preset.js';

/** The preset a config without `presets` gets: specguard's own conventions (seeds 000 and 004). */
export const DEFAULT_PRESET = 'specguard';

const cache = new Map<string, Preset>();

/** The names of the presets that ship with specguard, sorted. */
export function presetNames(): string[] {
  return readdirSync(PRESETS_DIR)
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => file.slice(0, -'.yaml'.length))
    .sort();
}

/**
 * One shipped preset, read and validated once per process.
 * @throws SpecguardError (`CONFIG`) for a name no preset has (with the closest name), or a preset file that fails its schema
 */
export function loadPreset(name: string): Preset {
  const known = cache.get(name);
  if (known) return known;
  const names = presetNames();
  if (!names.includes(name)) {
    const near = suggestName(name, names);
    throw new SpecguardError('CONFIG', `unknown preset \`${name}\`${near ? ` (did you mean \`${near}\`?)` : ''}; presets: ${names.join(', ')}`);
  }
  const file = path.join(PRESETS_DIR, `${name}.yaml`);
  const text = readFileSync(file, 'utf8');
  const metadata = parseYamlMetadata(text, 0);
  const problems = metadata.syntaxError ? [{ message: metadata.syntaxError.message }] : describeSchemaErrors(new SchemaRegistry().validator(schemaFile('preset'))(metadata.value), metadata, 'preset');
  if (problems.length > 0 || (metadata.value as Preset).name !== name) {
    throw new SpecguardError('CONFIG', `preset ${name}: ${problems[0]?.message ?? 'its name differs from its file name'}`);
  }
  const preset = parse(text) as Preset;
  cache.set(name, preset);
  return preset;
}

/** What the presets a config names set, folded together (globs and lists are unions, in preset order). */
export interface PresetLayer {
  /** The presets applied, in the config's order. */
  names: string[];
  /** Per kind: the union of the presets' globs, keys and YAML mode. */
  kinds: Record<string, { globs: string[]; keys: string[]; yaml?: 'lenient' }>;
  ignore: string[];
  archived: string[];
  tasks: TaskSource[];
  optionalMarkers: string[];
  /** Per preset: its rules' severities, for the files its kinds' globs find. */
  scopedSeverities: Array<{ preset: string; globs: string[]; rules: Record<string, ConfiguredSeverity> }>;
  /** The presets' commit patterns, when any preset sets some. */
  commitPatterns?: string[];
}

/**
 * Folds presets into one layer.
 * @param names - preset names, in the config's order
 * @throws SpecguardError (`CONFIG`) as {@link loadPreset}
 */
export function presetLayer(names: readonly string[]): PresetLayer {
  const layer: PresetLayer = { names: [...new Set(names)], kinds: {}, ignore: [], archived: [], tasks: [], optionalMarkers: [], scopedSeverities: [] };
  const add = (into: string[], values: readonly string[] | undefined): void => {
    for (const value of values ?? []) if (!into.includes(value)) into.push(value);
  };
  for (const name of layer.names) {
    const preset = loadPreset(name);
    const globs: string[] = [];
    for (const [kind, spec] of Object.entries(preset.kinds ?? {})) {
      const into = (layer.kinds[kind] ??= { globs: [], keys: [] });
      add(into.globs, spec.globs);
      add(into.keys, spec.keys);
      if (spec.yaml === 'lenient') into.yaml = 'lenient';
      add(globs, spec.globs);
    }
    add(layer.ignore, preset.ignore);
    add(layer.archived, preset.archived);
    for (const source of preset.tasks ?? []) layer.tasks.push({ preset: name, globs: preset.kinds?.[source.kind]?.globs ?? [], ...source });
    add(layer.optionalMarkers, preset.markers?.optional);
    if (preset.rules) layer.scopedSeverities.push({ preset: name, globs, rules: preset.rules });
    if (preset.commits?.patterns) add((layer.commitPatterns ??= []), preset.commits.patterns);
  }
  return layer;
}
