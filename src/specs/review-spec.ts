/**
 * `specguard spec review <file>`: records that a mini-spec was reviewed now,
 * against the code at HEAD: `last_review` becomes today (the run's clock) and
 * `reviewed_commit` HEAD's sha, so that `spec-drift` counts exactly the commits
 * after the review. Only those two keys change; the rest of the file, its
 * comments and key order included, is kept, and the file is replaced
 * atomically.
 */
import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { loadConfig } from '../config/load-config.js';
import { findFrontmatter } from '../document/frontmatter.js';
import { SpecguardError } from '../errors.js';
import { replaceFile } from '../fs/replace-file.js';
import { openRepository } from '../git/repository.js';
import { KIND } from '../kinds/kind.js';
import { resolveNow } from '../time/clock.js';
import { SchemaRegistry } from '../validate/schema-registry.js';
import picomatch from 'picomatch';

/** Options of {@link reviewSpec}. */
export interface ReviewSpecOptions {
  /** The repository (absolute, or relative to the working directory). Default: the working directory. */
  root?: string;
  /** The mini-spec, relative to `root` (or absolute, inside it). */
  file: string;
  /** The clock: the review's date is its UTC day. Default: `SOURCE_DATE_EPOCH`, else now. */
  now?: Date | string;
  env?: Record<string, string | undefined>;
}

/** What {@link reviewSpec} wrote. */
export interface ReviewedSpec {
  /** Repo-relative POSIX path. */
  file: string;
  /** `YYYY-MM-DD`. */
  last_review: string;
  /** HEAD's full sha. */
  reviewed_commit: string;
}

/**
 * Marks a mini-spec reviewed today against HEAD.
 * @throws SpecguardError `USAGE` when the file is not a mini-spec of the repository (outside it, a symbolic link,
 *   not found by the mini-spec globs nor `kind: mini-spec`), has no closed frontmatter, or there is no commit;
 *   `WRITE` when it cannot be written
 */
export async function reviewSpec(options: ReviewSpecOptions): Promise<ReviewedSpec> {
  const root = path.resolve(options.root ?? process.cwd());
  const absolute = path.resolve(root, options.file);
  const relative = path.relative(root, absolute).split(path.sep).join('/');
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) throw new SpecguardError('USAGE', `${options.file}: not a file inside ${root}`);
  let stats;
  try {
    stats = lstatSync(absolute);
  } catch {
    throw new SpecguardError('USAGE', `${relative}: no such file`);
  }
  if (!stats.isFile() || path.relative(realpathSync(root), realpathSync(absolute)).startsWith('..')) throw new SpecguardError('USAGE', `${relative}: not a regular file in the repository`);
  const text = readFileSync(absolute, 'utf8');
  const frontmatter = findFrontmatter(text);
  if (!frontmatter?.terminated) throw new SpecguardError('USAGE', `${relative}: no frontmatter to record the review in`);
  const doc = parseDocument(frontmatter.yaml, { version: '1.2', schema: 'core' });
  if (doc.errors.length > 0) throw new SpecguardError('USAGE', `${relative}: its frontmatter does not parse; fix it first (specguard check says where)`);
  const config = loadConfig(root, new SchemaRegistry(root));
  const globs = config.kinds.find((kind) => kind.name === KIND.MINI_SPEC)?.globs ?? [];
  const declared = doc.get('kind');
  if (declared !== KIND.MINI_SPEC && !(declared === undefined && globs.length > 0 && picomatch(globs as string[], { dot: true })(relative))) {
    throw new SpecguardError('USAGE', `${relative}: not a mini-spec (its globs are ${globs.join(', ') || 'none'}, and it says no \`kind: mini-spec\`)`);
  }
  const git = await openRepository(root);
  const head = git ? await git.head() : undefined;
  if (!head) throw new SpecguardError('USAGE', `${relative}: the review is anchored to HEAD, and there is no commit yet`);
  const day = resolveNow(options.now, options.env ?? process.env).toISOString().slice(0, 10);
  // Edited as text, value by value, so that every other byte (comments, blank lines, quoting) stays as written.
  let yaml = frontmatter.yaml;
  const valueRange = (key: string): [number, number] | undefined => {
    const node = doc.get(key, true) as { range?: [number, number, number] } | undefined;
    return node?.range ? [node.range[0], node.range[1]] : undefined;
  };
  const review = valueRange('last_review');
  const commit = valueRange('reviewed_commit');
  // Later ranges first, so earlier offsets stay valid.
  const edits: Array<{ at: [number, number]; text: string }> = [];
  if (commit) edits.push({ at: commit, text: head.sha });
  if (review) edits.push({ at: review, text: day });
  edits.sort((a, b) => b.at[0] - a.at[0]);
  for (const edit of edits) yaml = `${yaml.slice(0, edit.at[0])}${edit.text}${yaml.slice(edit.at[1])}`;
  const added = [...(review ? [] : [`last_review: ${day}`]), ...(commit ? [] : [`reviewed_commit: ${head.sha}`])];
  if (added.length > 0) {
    // After the last_review line (or at the end), one key a line.
    const reviewLine = review ? yaml.indexOf('\n', yaml.slice(0, review[0]).length) : -1;
    const at = reviewLine >= 0 ? reviewLine + 1 : yaml.length;
    const before = yaml.slice(0, at);
    yaml = `${before}${before === '' || before.endsWith('\n') ? '' : '\n'}${added.join('\n')}\n${yaml.slice(at)}`;
  }
  const content = `${text.slice(0, frontmatter.yamlOffset)}${yaml}${text.slice(frontmatter.yamlOffset + frontmatter.yaml.length)}`;
  await replaceFile(absolute, content);
  return { file: relative, last_review: day, reviewed_commit: head.sha };
}
