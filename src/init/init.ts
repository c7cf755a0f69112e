/**
 * `init`: sets specguard up in an existing git repository. It finds which
 * ecosystems' layouts the repository follows (presets, by the files present)
 * and where it keeps its documents ({@link initDefaults}), plans the files
 * (config, schema copies, templates, CI workflow, npm scripts) and writes what
 * is missing, never over an existing file without `force`.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { SpecguardError } from '../errors.js';
import { INSTALL_COMMAND } from '../package-info.js';
import { assertFolder } from '../fs/assert-folder.js';
import { openRepository } from '../git/repository.js';
import { SchemaRegistry } from '../validate/schema-registry.js';
import { applyInit, type InitFileResult } from './apply-init.js';
import { CONFIG_PATH, SCHEMAS_FOLDER, TEMPLATES_FOLDER } from './config-file.js';
import { ASKED_KINDS, builtinLayout, detectLayout, layoutConflict, layoutOfConfig, parseFolder, type InitLayout } from './layout.js';
import { DEFAULT_PRESET } from '../presets/load-presets.js';
import { detectPresets, type DetectedPreset } from './detect-presets.js';
import { planInit, type InitPlan } from './plan-init.js';

/** Options of {@link initRepository}. */
export interface InitOptions {
  /** The repository's top level (absolute, or relative to the process's working directory). Default: the working directory. */
  root?: string;
  /** Folders chosen for some kinds (repo-relative); the others take {@link initDefaults}. */
  layout?: Partial<InitLayout>;
  /** Overwrite files that differ from what `init` writes, and npm scripts of the same name. */
  force?: boolean;
  /** The presets the config names; default: those the existing config names, else those detected, else `specguard`. */
  presets?: string[];
  /** Also write a workflow that checks in this many shards and merges their reports (2 to 64). */
  shards?: number;
}

/** What `init` did. */
export interface InitResult {
  /** Absolute repository root. */
  root: string;
  /** The folder of each kind, as written into the config. */
  layout: InitLayout;
  /** Each file's outcome, in the order written. */
  files: InitFileResult[];
  /** The presets the config names. */
  presets: string[];
  /** The layouts found in the repository's files, with how many files each kind's globs find there. */
  detected: DetectedPreset[];
  /** The commands to run next, one shell line each (no `git add` when nothing was written). */
  next: string[];
  /** How agents reach `specguard mcp`: Claude Code through `.mcp.json`, Codex and any other stdio client by config. */
  agents: string[];
}

/**
 * Opens the repository and works out the folder to offer for each kind: from
 * the existing config (so that a second run writes the same config), else
 * folders the repository has that look like each kind's, else the built-in ones.
 * @param root - the folder `init` runs in
 * @returns the absolute root and the default layout
 * @throws SpecguardError (`USAGE`) when `root` is not a folder, not in a git
 *   repository, or not the repository's top level
 */
export async function initDefaults(root: string): Promise<{ root: string; layout: InitLayout; presets: string[]; detected: DetectedPreset[] }> {
  const absolute = path.resolve(root);
  assertFolder(absolute);
  const git = await openRepository(absolute);
  if (!git) throw new SpecguardError('USAGE', `${absolute}: not in a git repository; run \`git init\` first`);
  if (realpathSync(git.topLevel) !== realpathSync(absolute)) {
    throw new SpecguardError('USAGE', `${absolute}: not the top level of its git repository; run init in ${git.topLevel}`);
  }
  let configured: Partial<InitLayout> = {};
  let configuredPresets: string[] | undefined;
  try {
    const config = loadConfig(absolute, new SchemaRegistry(absolute));
    if (config.file) {
      configured = layoutOfConfig(config);
      configuredPresets = config.presets;
    }
  } catch {
    // A config that does not load offers nothing; init reports it as a file it will not replace without --force.
  }
  const files = await git.listFiles(absolute);
  const detected = detectPresets(files);
  const presets = configuredPresets ?? (detected.length > 0 ? detected.map((d) => d.name) : [DEFAULT_PRESET]);
  return { root: absolute, layout: { ...builtinLayout(), ...detectLayout(files), ...configured }, presets, detected };
}

/**
 * Sets specguard up in a repository.
 * @returns what was written, skipped or left unchanged, and the next commands
 * @throws SpecguardError (`USAGE`) for a folder that is not a git repository's top level, an unusable
 *   folder in `layout`, folders where one kind's globs would take another's files, or a package.json
 *   that is not a JSON object; (`WRITE`) when a file cannot be written
 */
export async function initRepository(options: InitOptions = {}): Promise<InitResult> {
  const defaults = await initDefaults(options.root ?? process.cwd());
  const layout = { ...defaults.layout };
  for (const kind of ASKED_KINDS) {
    const chosen = options.layout?.[kind];
    if (chosen === undefined) continue;
    const parsed = parseFolder(kind, chosen);
    if ('problem' in parsed) throw new SpecguardError('USAGE', `${kind} folder \`${chosen}\`: ${parsed.problem}`);
    layout[kind] = parsed.folder;
  }
  const conflict = layoutConflict(layout);
  if (conflict) throw new SpecguardError('USAGE', conflict);
  const presets = options.presets ?? defaults.presets;
  if (options.shards !== undefined && (!Number.isInteger(options.shards) || options.shards < 2 || options.shards > 64)) {
    throw new SpecguardError('USAGE', `--shards: ${options.shards} is not a number of shards from 2 to 64`);
  }
  const plan = planInit(defaults.root, layout, options.force ?? false, presets, options.shards);
  const files = await applyInit(plan);
  return { root: defaults.root, layout, files, presets, detected: defaults.detected, next: nextCommands(plan, files), agents: AGENT_SETUP };
}

/** How to point agents at `specguard mcp`, as `init` prints it. */
const AGENT_SETUP = [
  'Claude Code: .mcp.json starts `npx specguard mcp` in this repository.',
  'Codex: add to ~/.codex/config.toml',
  '  [mcp_servers.specguard]',
  '  command = "npx"',
  '  args = ["specguard", "mcp"]',
  'Any other MCP client: run `npx specguard mcp` in the work tree, over stdio.',
];

/**
 * The commands to run after `init`: install specguard when package.json lacks
 * it (else write a first checkpoint), run a check, and commit what `init` wrote
 * when it wrote anything.
 */
function nextCommands(plan: InitPlan, files: readonly InitFileResult[]): string[] {
  const groups = new Set<string>();
  for (const file of files) {
    if (file.status === 'skipped') continue;
    if (file.path.startsWith(`${SCHEMAS_FOLDER}/`)) groups.add(SCHEMAS_FOLDER);
    else if (file.path.startsWith(`${TEMPLATES_FOLDER}/`)) groups.add(TEMPLATES_FOLDER);
    else groups.add(file.path);
  }
  const install = plan.packageJson.present && !plan.packageJson.hasSpecguard;
  const wrote = files.some((file) => file.status !== 'skipped' && file.status !== 'unchanged');
  return [
    ...(install ? [INSTALL_COMMAND] : []),
    'npx specguard check',
    ...(install ? [] : ['npx specguard checkpoint create --task <id> --new-task --kind start --summary "<what the task is about>"']),
    // Nothing written, nothing to commit.
    ...(wrote ? [`git add ${[...groups].join(' ') || CONFIG_PATH} && git commit -m "Set up specguard"`] : []),
  ];
}
