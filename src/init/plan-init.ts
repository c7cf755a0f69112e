/**
 * Plan step of `init`: the files it would write, each compared with what the
 * repository has, so that applying the plan writes only what is missing (or,
 * with `force`, what differs) and a second run finds everything unchanged.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CACHE_FILE } from '../cache/check-cache.js';
import { CONFIG_FILE_NAMES } from '../config/load-config.js';
import { DEFAULT_PRESET } from '../presets/load-presets.js';
import { BUILTIN_KINDS } from '../kinds/builtin-kinds.js';
import { TEMPLATES_DIR } from '../package-paths.js';
import { CONFIG_PATH, renderConfig, schemaCopyPath, TEMPLATES_FOLDER } from './config-file.js';
import { layoutGlobs, type InitLayout } from './layout.js';
import { addScripts } from './package-scripts.js';
import { shardedWorkflowPath, shardedWorkflowText, workflowHosts, workflowPath, workflowText, type WorkflowInstall } from './workflows.js';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { applyJsonEdits, setMember } from '../document/json-edit.js';

/**
 * What `init` does with one file: `create` a missing file; leave an
 * `unchanged` one; `skip` one that differs (without `force`), is not a
 * regular file, or lies outside the repository through a symbolic link;
 * `overwrite` one that differs (with `force`); `update` package.json by
 * adding scripts.
 */
export type PlannedAction = 'create' | 'unchanged' | 'skip' | 'overwrite' | 'update';

/** One file of the plan. */
export interface PlannedFile {
  /** Repo-relative POSIX path. */
  path: string;
  action: PlannedAction;
  /** The content the file gets (for `skip` and `unchanged`, what `init` would have written). */
  content: string;
  /** Why a file is skipped, or what an update does, in a few words. */
  note?: string;
}

/** The plan. */
export interface InitPlan {
  /** Absolute repository root. */
  root: string;
  layout: InitLayout;
  /** The presets the config names. */
  presets: string[];
  files: PlannedFile[];
  /** Whether the repository has a package.json, and whether it names specguard as a dependency. */
  packageJson: { present: boolean; hasSpecguard: boolean };
}

/** The note of a file that differs from what `init` would write, without `force`. */
export const EXISTS_NOTE = 'exists, use --force';

/**
 * Plans `init` in a repository.
 * @param root - absolute path of the repository's top level
 * @param layout - the folder of each kind
 * @param force - overwrite files that differ, and scripts of the same name
 * @param presets - the presets the config names (default: specguard's own layout)
 * @param shards - also plan a workflow that checks in this many shards (`check --shard i/n`, then `merge-reports`)
 * @throws SpecguardError (`USAGE`) when package.json is not a JSON object
 */
export function planInit(root: string, layout: InitLayout, force: boolean, presets: readonly string[] = [DEFAULT_PRESET], shards?: number): InitPlan {
  const own = presets.length === 1 && presets[0] === DEFAULT_PRESET;
  const files: PlannedFile[] = [];
  const wanted = (relativePath: string, content: string): void => {
    files.push(compare(root, relativePath, content, force));
  };

  const otherConfig = CONFIG_FILE_NAMES.find((name) => name !== CONFIG_PATH && existsSync(path.join(root, name)));
  if (otherConfig) files.push({ path: CONFIG_PATH, action: 'skip', content: renderConfig(layout, presets), note: `${otherConfig} exists` });
  else wanted(CONFIG_PATH, renderConfig(layout, presets));

  // Copies of the schemas the config names (specguard's own layout only: a preset's config follows the shipped ones).
  if (own) for (const kind of BUILTIN_KINDS) if (layoutGlobs(layout)[kind.name]) wanted(schemaCopyPath(kind.name), readFileSync(kind.schemaPath, 'utf8'));
  for (const name of readdirSync(TEMPLATES_DIR).filter((n) => n.endsWith('.md')).sort()) {
    wanted(`${TEMPLATES_FOLDER}/${name}`, readFileSync(path.join(TEMPLATES_DIR, name), 'utf8'));
  }

  const packageFile = path.join(root, 'package.json');
  const present = isRegularFile(packageFile);
  const install: WorkflowInstall = {
    command: !present ? undefined : ['package-lock.json', 'npm-shrinkwrap.json'].some((name) => existsSync(path.join(root, name))) ? 'npm ci' : 'npm install',
  };
  const hosts = workflowHosts({ github: isFolder(path.join(root, '.github')), forgejo: isFolder(path.join(root, '.forgejo')) });
  for (const host of hosts) wanted(workflowPath(host), workflowText(host, install));
  if (shards !== undefined) for (const host of hosts) wanted(shardedWorkflowPath(host), shardedWorkflowText(host, install, shards));

  files.push(planGitignore(root));
  files.push(planMcpConfig(root));

  let hasSpecguard = false;
  if (present) {
    const text = readFileSync(packageFile, 'utf8');
    const edit = addScripts(text, force);
    const manifest = JSON.parse(text) as { dependencies?: object; devDependencies?: object };
    hasSpecguard = [manifest.dependencies, manifest.devDependencies].some((deps) => typeof deps === 'object' && deps !== null && 'specguard' in deps);
    const kept = edit.kept.map((name) => `\`${name}\``).join(', ');
    const keptNote = kept ? `script${edit.kept.length > 1 ? 's' : ''} ${kept} exist${edit.kept.length > 1 ? '' : 's'}, use --force` : undefined;
    if (edit.added.length === 0 && edit.replaced.length === 0) {
      files.push({ path: 'package.json', action: keptNote ? 'skip' : 'unchanged', content: text, ...(keptNote ? { note: keptNote } : {}) });
    } else {
      const note = [edit.added.length > 0 ? `added scripts ${edit.added.join(', ')}` : '', edit.replaced.length > 0 ? `replaced scripts ${edit.replaced.join(', ')}` : '', keptNote ?? ''];
      files.push({ path: 'package.json', action: 'update', content: edit.text, note: note.filter(Boolean).join('; ') });
    }
  }
  return { root, layout, presets: [...presets], files, packageJson: { present, hasSpecguard } };
}

/** Where Claude Code reads a project's MCP servers, and the entry that starts `specguard mcp` there. */
export const MCP_CONFIG = '.mcp.json';
const MCP_ENTRY = { command: 'npx', args: ['specguard', 'mcp'] };

/**
 * `.mcp.json` (Claude Code's project MCP config) gains a `specguard` server that runs `specguard mcp`: created
 * when missing, else the entry is added under `mcpServers` with every other byte kept. A file that already names a `specguard` server, or is not a JSON object, is left as it is.
 */
function planMcpConfig(root: string): PlannedFile {
  const fresh = compare(root, MCP_CONFIG, `${JSON.stringify({ mcpServers: { specguard: MCP_ENTRY } }, null, 2)}\n`, false);
  if (fresh.action === 'create' || fresh.action === 'unchanged' || fresh.note !== EXISTS_NOTE) return fresh;
  const text = readFileSync(path.join(root, MCP_CONFIG), 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { path: MCP_CONFIG, action: 'skip', content: text, note: 'not a JSON object' };
  const servers = (parsed as { mcpServers?: unknown }).mcpServers;
  if (typeof servers === 'object' && servers !== null && 'specguard' in servers) return { path: MCP_CONFIG, action: 'unchanged', content: text };
  const tree = parseTree(text)!;
  const serversNode = findNodeAtLocation(tree, ['mcpServers']);
  if (serversNode && serversNode.type !== 'object') return { path: MCP_CONFIG, action: 'skip', content: text, note: 'its mcpServers is not an object' };
  const entry = JSON.stringify(MCP_ENTRY);
  const edit = serversNode?.type === 'object' ? setMember(serversNode, 'specguard', entry) : setMember(tree, 'mcpServers', `{ "specguard": ${entry} }`);
  return { path: MCP_CONFIG, action: 'update', content: applyJsonEdits(text, [edit]), note: 'added the specguard server' };
}

/**
 * `.gitignore` gains a line for the `--cache` file (`.specguard-cache`), created if the repository has no
 * `.gitignore`, appended at the end otherwise: no line of it is reordered or changed. A `.gitignore` that
 * already names the file (with or without a leading `/`) is left as it is.
 */
function planGitignore(root: string): PlannedFile {
  const relativePath = '.gitignore';
  const line = DEFAULT_CACHE_FILE;
  const fresh = compare(root, relativePath, `${line}\n`, false);
  if (fresh.action === 'create' || fresh.action === 'unchanged' || fresh.note !== EXISTS_NOTE) return fresh;
  const text = readFileSync(path.join(root, relativePath), 'utf8');
  const names = new Set(text.split(/\r?\n/).map((entry) => entry.trim()));
  if (names.has(line) || names.has(`/${line}`)) return { path: relativePath, action: 'unchanged', content: text };
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const content = `${text}${text === '' || text.endsWith('\n') ? '' : newline}${line}${newline}`;
  return { path: relativePath, action: 'update', content, note: `added ${line}` };
}

/** How a wanted file compares with the repository's. */
function compare(root: string, relativePath: string, content: string, force: boolean): PlannedFile {
  const outside = outsideRoot(root, relativePath);
  if (outside) return { path: relativePath, action: 'skip', content, note: outside };
  const absolute = path.join(root, ...relativePath.split('/'));
  let stats;
  try {
    stats = lstatSync(absolute);
  } catch {
    return { path: relativePath, action: 'create', content };
  }
  if (!stats.isFile()) return { path: relativePath, action: 'skip', content, note: `exists and is ${stats.isSymbolicLink() ? 'a symbolic link' : 'not a file'}` };
  if (readFileSync(absolute, 'utf8') === content) return { path: relativePath, action: 'unchanged', content };
  return force ? { path: relativePath, action: 'overwrite', content } : { path: relativePath, action: 'skip', content, note: EXISTS_NOTE };
}

/**
 * Why a repo-relative path cannot be written: a folder on its way is a
 * symbolic link that leads out of the repository.
 * @returns `undefined` when it can be written
 */
function outsideRoot(root: string, relativePath: string): string | undefined {
  let existing = path.dirname(path.join(root, ...relativePath.split('/')));
  while (!existsSync(existing)) existing = path.dirname(existing);
  const inside = path.relative(realpathSync(root), realpathSync(existing));
  return inside.startsWith('..') || path.isAbsolute(inside) ? 'its folder is a symbolic link out of the repository' : undefined;
}

function isRegularFile(file: string): boolean {
  try {
    return lstatSync(file).isFile();
  } catch {
    return false;
  }
}

function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
