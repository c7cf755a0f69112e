/**
 * Where a repository keeps each kind of document, as `init` asks it: one
 * folder per kind, from which the kind's globs follow the shape of the
 * built-in globs (`state/packets/**\/*.md` is the folder `state/packets` and
 * the suffix `**\/*.md`). Defaults come from an existing config, else from
 * folders the repository already has that look like the built-in ones, else
 * from the built-in globs themselves.
 */
import path from 'node:path';
import picomatch from 'picomatch';
import type { ResolvedConfig } from '../config/config.js';
import { RepoPaths } from '../fs/repo-paths.js';
import { BUILTIN_KINDS } from '../kinds/builtin-kinds.js';
import { KIND } from '../kinds/kind.js';

/** The kinds whose folder `init` asks for, in the order it asks. */
export const ASKED_KINDS = [KIND.TASK_PACKET, KIND.CHECKPOINT, KIND.TASK_LIST, KIND.MINI_SPEC, KIND.RUN_MANIFEST] as const;

/** One of {@link ASKED_KINDS}. */
export type AskedKind = (typeof ASKED_KINDS)[number];

/** Repo-relative POSIX folder of each asked kind (`.` is the root, allowed for task lists only). */
export type InitLayout = Record<AskedKind, string>;

/** How a folder becomes globs, and what a folder of that kind looks like. */
interface KindShape {
  /** What the prompt calls the folder. */
  label: string;
  /** A file of this kind, relative to its folder (to find layouts where another kind's globs would take it). */
  sample: string;
  /** The glob under the folder, as in the built-in glob. */
  suffix: string;
  /** Folder names that mark a folder of this kind (any name, when undefined: task lists are found by file name). */
  names?: readonly string[];
  /** Whether a repo-relative file path, relative to a candidate folder, is a document of this kind. */
  holds: (inside: string) => boolean;
}

const SHAPES: Record<AskedKind, KindShape> = {
  [KIND.TASK_PACKET]: { label: 'Task packets', sample: '0001/packet.md', suffix: '**/*.md', names: ['packets'], holds: (p) => p.endsWith('.md') },
  [KIND.CHECKPOINT]: { label: 'Checkpoints', sample: '0001/2026-01-01T00-00-00Z-start.md', suffix: '*/*.md', names: ['checkpoints'], holds: (p) => /^[^/]+\/[^/]+\.md$/.test(p) },
  [KIND.TASK_LIST]: { label: 'Task lists', sample: 'tasks-0001.md', suffix: 'tasks-*.md', holds: (p) => /^tasks-[^/]*\.md$/.test(p) },
  [KIND.MINI_SPEC]: { label: 'Mini-specs', sample: '0001-spec.md', suffix: '*.md', names: ['specs', 'mini-specs'], holds: (p) => /^[^/]+\.md$/.test(p) },
  [KIND.RUN_MANIFEST]: { label: 'Run manifests', sample: '1/manifest.json', suffix: '**/manifest.json', names: ['.runs', 'runs'], holds: (p) => p === 'manifest.json' || p.endsWith('/manifest.json') },
};

/** The path of the tasks index, under the task lists' folder (as `tasks/index.json` sits by `tasks/tasks-*.md`). */
export const TASKS_INDEX_NAME = 'index.json';

/** What the prompt calls a kind's folder, e.g. "Task packets". */
export function folderLabel(kind: AskedKind): string {
  return SHAPES[kind].label;
}

/** Joins a folder and a glob suffix (`.` is the root). */
function under(folder: string, suffix: string): string {
  return folder === '.' ? suffix : `${folder}/${suffix}`;
}

/**
 * The globs of every built-in kind under a layout (the tasks index follows the task lists' folder).
 * @returns kind name → globs, in {@link BUILTIN_KINDS} order
 */
export function layoutGlobs(layout: InitLayout): Record<string, string[]> {
  const globs: Record<string, string[]> = {};
  for (const kind of BUILTIN_KINDS) {
    // The kinds of specguard's own layout; others (feature-spec) come with a preset.
    if (kind.name !== KIND.TASKS_INDEX && !(ASKED_KINDS as readonly string[]).includes(kind.name)) continue;
    globs[kind.name] = kind.name === KIND.TASKS_INDEX ? [under(layout[KIND.TASK_LIST], TASKS_INDEX_NAME)] : [under(layout[kind.name as AskedKind], SHAPES[kind.name as AskedKind].suffix)];
  }
  return globs;
}

/**
 * Whether one kind's globs would take another kind's files under a layout
 * (kinds' globs are tried in order, so `tasks/*.md` for mini-specs takes
 * `tasks/tasks-*.md` from task lists, and `state/**\/*.md` for packets takes
 * every checkpoint under `state/`).
 * @returns a one-line explanation, or `undefined` when every kind keeps its files
 */
export function layoutConflict(layout: InitLayout): string | undefined {
  const globs = layoutGlobs(layout);
  const matchers = BUILTIN_KINDS.filter((kind) => globs[kind.name]).map((kind) => ({ kind: kind.name, match: picomatch(globs[kind.name]!, { dot: true }) }));
  for (const kind of ASKED_KINDS) {
    const sample = under(layout[kind], SHAPES[kind].sample);
    const taker = matchers.find((m) => m.match(sample))?.kind;
    if (taker !== undefined && taker !== kind) {
      return `the ${taker} globs (${globs[taker]!.join(', ')}) would also take the ${kind} files in ${layout[kind]}; choose folders that do not overlap`;
    }
  }
  return undefined;
}

/** The folder a single glob names for a kind, when the glob has the kind's shape (`<folder>/<suffix>`). */
function folderOfGlob(kind: AskedKind, glob: string): string | undefined {
  const suffix = SHAPES[kind].suffix;
  if (glob === suffix) return kind === KIND.TASK_LIST ? '.' : undefined;
  return glob.endsWith(`/${suffix}`) ? glob.slice(0, -suffix.length - 1) : undefined;
}

/** The built-in layout: the folders of the built-in globs (`state/packets`, `state/checkpoints`, `tasks`, `tasks/specs`, `.runs`). */
export function builtinLayout(): InitLayout {
  return layoutFrom((kind) => BUILTIN_KINDS.find((k) => k.name === kind)!.globs) as InitLayout;
}

/** The layout a resolved config describes, kind by kind; a kind whose globs are not one glob of the built-in shape is left out. */
export function layoutOfConfig(config: ResolvedConfig): Partial<InitLayout> {
  return layoutFrom((kind) => config.kinds.find((k) => k.name === kind)?.globs ?? []);
}

function layoutFrom(globsOf: (kind: AskedKind) => readonly string[]): Partial<InitLayout> {
  const layout: Partial<InitLayout> = {};
  for (const kind of ASKED_KINDS) {
    const globs = globsOf(kind);
    const folder = globs.length === 1 ? folderOfGlob(kind, globs[0]!) : undefined;
    if (folder !== undefined) layout[kind] = folder;
  }
  return layout;
}

/**
 * Folders of the repository that look like each kind's folder: the built-in
 * folder when it holds such files, else the shallowest folder (then the first
 * by name) named like the built-in one (`packets`, `checkpoints`, `specs` or
 * `mini-specs`, `.runs` or `runs`) that holds such files; for task lists, the
 * shallowest folder holding `tasks-*.md`.
 * @param files - the repository's files, repo-relative POSIX paths (tracked and untracked, not ignored)
 * @returns the folders found; kinds with none are left out
 */
export function detectLayout(files: readonly string[]): Partial<InitLayout> {
  const builtin = builtinLayout();
  const candidates = new Map<AskedKind, Set<string>>(ASKED_KINDS.map((kind) => [kind, new Set<string>()]));
  for (const file of files) {
    if (file.split('/').includes('node_modules')) continue;
    // Every folder above the file, with the file's path inside it.
    for (let folder = path.posix.dirname(file); ; folder = path.posix.dirname(folder)) {
      const inside = folder === '.' ? file : file.slice(folder.length + 1);
      for (const kind of ASKED_KINDS) {
        const { names, holds } = SHAPES[kind];
        if (folder === '.' && kind !== KIND.TASK_LIST) continue;
        if (names && !names.includes(path.posix.basename(folder))) continue;
        if (holds(inside)) candidates.get(kind)!.add(folder);
      }
      if (folder === '.') break;
    }
  }
  const layout: Partial<InitLayout> = {};
  for (const kind of ASKED_KINDS) {
    const found = [...candidates.get(kind)!].sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0));
    const chosen = found.includes(builtin[kind]) ? builtin[kind] : found[0];
    if (chosen !== undefined) layout[kind] = chosen;
  }
  return layout;
}

function depth(folder: string): number {
  return folder === '.' ? 0 : folder.split('/').length;
}

/**
 * Reads a folder as typed at a prompt.
 * @returns the repo-relative POSIX folder, or a one-line reason it cannot be used
 */
export function parseFolder(kind: AskedKind, answer: string): { folder: string } | { problem: string } {
  const trimmed = answer.trim();
  const folder = RepoPaths.normalize(trimmed);
  if (folder === undefined) return { problem: 'give a folder inside the repository (relative, no `..` past the root)' };
  if (/[*?[\]{}!]/.test(folder)) return { problem: 'give a folder, not a glob' };
  if (folder === '.git' || folder.startsWith('.git/') || folder.split('/').includes('node_modules')) return { problem: 'not inside .git or node_modules' };
  if (folder === '.' && kind !== KIND.TASK_LIST) return { problem: `${SHAPES[kind].label.toLowerCase()} need a folder of their own, not the repository root` };
  return { folder };
}
