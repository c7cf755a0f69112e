/**
 * Pieces of the pull-request-mode and history-rule tests: mini-specs with
 * status, approvals and `governs`, committed repositories, feature branches
 * and shallow clones (real git, fixed dates), and a one-line stderr check.
 */
import path from 'node:path';
import { expect } from 'vitest';
import { markdown } from './check-repo.js';
import { commitAll, git, gitInit, tempRepo, writeFiles, type FileTree } from './temp-repo.js';

/** The mini-spec most tests use. */
export const SPEC = 'tasks/specs/0001-core.md';

/** What a mini-spec says about itself. */
export interface SpecOptions {
  id?: string;
  status?: 'draft' | 'in-review' | 'approved' | 'superseded';
  lastReview?: string;
  /** Whether it records an approval. Default: true. */
  approvals?: boolean;
  /** The `governs` globs; `null` leaves the key out. Default: `['src/**']`. */
  governs?: string[] | null;
  /** More frontmatter lines, at the end. */
  extra?: string[];
}

/**
 * A mini-spec. Line 5 is always `last_review: <date>` (its value at column 14);
 * an approval, `governs` and `extra` follow it.
 */
export function miniSpec(options: SpecOptions = {}): string {
  const { id = '0001-core', status = 'approved', lastReview = '2026-11-01', approvals = true, governs = ['src/**'], extra = [] } = options;
  const frontmatter = [`id: ${id}`, 'title: Core', `status: ${status}`, `last_review: ${lastReview}`];
  if (approvals) frontmatter.push('approvals:', '  - by: Jordan Lee', '    role: architecture steward', `    date: ${lastReview}`);
  if (governs) frontmatter.push('governs:', ...governs.map((glob) => `  - "${glob}"`));
  frontmatter.push(...extra);
  return markdown(frontmatter, '# Core', '', 'What the core does.');
}

/**
 * A new git repository on `main` with these files in one commit.
 * @returns its root and the commit's sha
 */
export function committedRepo(files: FileTree, date: string, message = 'chore: initial commit'): { root: string; sha: string } {
  const root = tempRepo();
  gitInit(root);
  writeFiles(root, files);
  return { root, sha: commitAll(root, message, date) };
}

/** Writes files and commits them at a date; returns the commit's sha. */
export function commitFiles(root: string, files: FileTree, message: string, date: string): string {
  writeFiles(root, files);
  return commitAll(root, message, date);
}

/** Checks out a new branch at HEAD. */
export function branch(root: string, name = 'feature'): void {
  git(root, ['checkout', '-q', '-b', name]);
}

/** Checks out an existing branch. */
export function checkout(root: string, name: string): void {
  git(root, ['checkout', '-q', name]);
}

/** Stages paths without committing them. */
export function stage(root: string, ...paths: string[]): void {
  git(root, ['add', '--', ...paths]);
}

/**
 * Clones `origin` with `git clone --depth <depth> file://…` into a new temp folder.
 * @returns the clone's root
 */
export function shallowClone(origin: string, depth = 1): string {
  const parent = tempRepo();
  git(parent, ['clone', '-q', '--depth', String(depth), `file://${origin}`, 'clone']);
  const clone = path.join(parent, 'clone');
  expect(git(clone, ['rev-parse', '--is-shallow-repository']).trim()).toBe('true');
  return clone;
}

/** The 12-digit short sha that messages use. */
export function short(sha: string): string {
  return sha.slice(0, 12);
}

/** stderr holds exactly one line and no stack trace. */
export function expectOneLine(stderr: string): void {
  expect(stderr.endsWith('\n'), JSON.stringify(stderr)).toBe(true);
  expect(stderr.trimEnd().split('\n'), JSON.stringify(stderr)).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
}
