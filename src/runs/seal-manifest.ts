/**
 * `specguard run seal <manifest>`: pins a run's logs to the manifest that
 * records them, by writing each command's `log_sha256` (the SHA-256 of its
 * log as it is now, right after the run) and, when asked, the `commit` the run
 * ran at. From then on `evidence-tampered` reports a log edited after the run,
 * and `evidence-stale` dates the run by its commit. The values are inserted
 * after each object's last member (located with jsonc-parser's syntax tree),
 * so every other byte stays as written, and the file is replaced atomically.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { applyJsonEdits, setMember, type JsonEdit } from '../document/json-edit.js';
import { DEFAULT_MAX_FILE_BYTES } from '../config/config.js';
import { SpecguardError } from '../errors.js';
import { nodeFileSystem } from '../fs/file-system.js';
import { notRead, readInsideRoot } from '../fs/read-bounded.js';
import { RepoPaths } from '../fs/repo-paths.js';
import { replaceFile } from '../fs/replace-file.js';
import { openRepository, SAFE_REVISION } from '../git/repository.js';
import { LOG_HASH_MAX_BYTES, resolveLog } from '../evidence/run-integrity.js';

/** What to seal. */
export interface SealOptions {
  /** The repository root (absolute). */
  root: string;
  /** The manifest, relative to the root. */
  manifest: string;
  /** A revision whose commit the run ran at (`HEAD`, a sha): written as the manifest's `commit`. */
  commit?: string;
}

/** What a seal did. */
export interface SealResult {
  /** The manifest, repo-relative. */
  manifest: string;
  /** Logs whose hash was written, repo-relative. */
  sealed: string[];
  /** Logs whose recorded hash already matched. */
  unchanged: string[];
  /** The full sha written as `commit`, when one was asked for. */
  commit?: string;
}

/**
 * Seals a run manifest.
 * @throws SpecguardError `USAGE` when the manifest is not a regular JSON file inside the repository, a log it
 *   names is missing or outside the repository, a recorded `log_sha256` no longer matches its log (the log changed
 *   after it was sealed: nothing is written), or `commit` names no commit; `WRITE` when it cannot be written
 */
export async function sealManifest(options: SealOptions): Promise<SealResult> {
  const root = options.root;
  const relative = RepoPaths.normalize(options.manifest);
  if (relative === undefined || relative === '.') throw new SpecguardError('USAGE', `${options.manifest}: not a path inside the repository`);
  const absolute = path.join(root, ...relative.split('/'));
  const bytes = readInsideRoot(nodeFileSystem, root, absolute, DEFAULT_MAX_FILE_BYTES, (size, max) => `It is ${size} bytes, over the ${max}-byte limit.`);
  if (bytes === undefined) throw new SpecguardError('USAGE', `${relative}: no such file`);
  if (typeof bytes === 'string') throw new SpecguardError('USAGE', `${relative}: ${notRead(bytes)}`);
  const text = bytes.toString('utf8');
  const tree = parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    record = undefined;
  }
  if (!tree || tree.type !== 'object' || typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new SpecguardError('USAGE', `${relative}: not a JSON object (specguard check says what is wrong with it)`);
  }
  const paths = new RepoPaths(root, nodeFileSystem);
  const commands = Array.isArray((record as { commands?: unknown }).commands) ? ((record as { commands: unknown[] }).commands) : [];
  const edits: JsonEdit[] = [];
  const result: SealResult = { manifest: relative, sealed: [], unchanged: [] };
  commands.forEach((entry, index) => {
    if (typeof entry !== 'object' || entry === null || typeof (entry as { log?: unknown }).log !== 'string') return;
    const command = entry as { log: string; log_sha256?: unknown };
    const log = resolveLog(relative, command.log, paths);
    if (log === undefined) throw new SpecguardError('USAGE', `${relative}: command ${index + 1} names log \`${command.log}\`, which is outside the repository`);
    const logBytes = paths.read(log, LOG_HASH_MAX_BYTES);
    if (!Buffer.isBuffer(logBytes)) throw new SpecguardError('USAGE', `${relative}: log \`${log}\` of command ${index + 1}: ${paths.kind(log) === 'missing' ? 'no such file' : notRead(logBytes.why)}`);
    const hash = createHash('sha256').update(logBytes).digest('hex');
    if (typeof command.log_sha256 === 'string') {
      if (command.log_sha256.toLowerCase() === hash) {
        result.unchanged.push(log);
        return;
      }
      throw new SpecguardError('USAGE', `${relative}: log \`${log}\` no longer matches the log_sha256 sealed for it: it changed after the run; nothing was written (record a new run)`);
    }
    edits.push(setMember(findNodeAtLocation(tree, ['commands', index])!, 'log_sha256', JSON.stringify(hash)));
    result.sealed.push(log);
  });
  if (options.commit !== undefined) {
    const git = SAFE_REVISION.test(options.commit) ? await openRepository(root) : undefined;
    const sha = git ? await git.resolveCommit(options.commit) : undefined;
    if (sha === undefined) throw new SpecguardError('USAGE', `--commit: \`${options.commit.replace(/[\x00-\x1f\x7f]/g, '?')}\` names no commit of this repository`);
    edits.push(setMember(tree, 'commit', JSON.stringify(sha)));
    result.commit = sha;
  }
  const edited = applyJsonEdits(text, edits);
  if (edited !== text) await replaceFile(absolute, edited);
  return result;
}
