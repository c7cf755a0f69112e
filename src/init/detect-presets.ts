/**
 * Detect step of `init`: which presets' layouts a repository already has, by
 * the files present (each preset's `detect` alternatives), never counting a
 * file in a preset's ignored folders (templates, soft-deleted archives) as one
 * of its documents; a marker of the tool itself (`.specify/`) may hold only templates.
 */
import picomatch from 'picomatch';
import { DEFAULT_PRESET, loadPreset, presetNames } from '../presets/load-presets.js';

/** A preset found in a repository, with how many files each of its kinds' globs find. */
export interface DetectedPreset {
  name: string;
  /** Kind name → files its globs in this preset find (outside the preset's ignored folders). */
  files: Record<string, number>;
}

/**
 * Presets that the layout of a stricter preset already covers: when both are found, only the stricter one is
 * kept. Seed 004's task lists are ai-dev-tasks lists held to specguard's evidence convention.
 */
const COVERED_BY: Readonly<Record<string, string>> = { 'ai-dev-tasks': DEFAULT_PRESET };

/**
 * The presets whose layout the files show, in preset-name order.
 * @param files - the repository's files, repo-relative POSIX paths (tracked and untracked, not ignored)
 * @returns the presets found; empty when no layout is recognised
 */
export function detectPresets(files: readonly string[]): DetectedPreset[] {
  const live = files.filter((file) => !file.split('/').includes('node_modules'));
  const found: DetectedPreset[] = [];
  for (const name of presetNames()) {
    const preset = loadPreset(name);
    const ignored = picomatch(preset.ignore ?? [], { dot: true });
    const candidates = (preset.ignore ?? []).length > 0 ? live.filter((file) => !ignored(file)) : live;
    // A glob that finds a kind's documents must find live ones; a marker of the tool (`.specify/**`) may be a template.
    const kindGlobs = new Set(Object.values(preset.kinds ?? {}).flatMap((kind) => kind.globs));
    const present = preset.detect.some((alternative) =>
      alternative.every((glob) => {
        const match = picomatch(glob, { dot: true });
        return (kindGlobs.has(glob) ? candidates : live).some((file) => match(file));
      }),
    );
    if (!present) continue;
    const counts: Record<string, number> = {};
    for (const [kind, spec] of Object.entries(preset.kinds ?? {})) {
      const match = picomatch(spec.globs, { dot: true });
      counts[kind] = candidates.filter((file) => match(file)).length;
    }
    found.push({ name, files: counts });
  }
  return found.filter((preset) => !(COVERED_BY[preset.name] && found.some((other) => other.name === COVERED_BY[preset.name])));
}
