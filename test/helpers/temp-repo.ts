/**
 * Throw-away repositories for tests: a folder of files, optionally a real git
 * repository with commits at fixed dates (no mocked git).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const created: string[] = [];

afterEach(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Files to write: repo-relative path → content (objects are written as JSON). */
export type FileTree = Record<string, string | object>;

/** Creates a temporary folder with these files; it is removed after the test. */
export function tempRepo(files: FileTree = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'specguard-test-'));
  created.push(dir);
  writeFiles(dir, files);
  return dir;
}

/** Writes files under a folder, creating parent folders. */
export function writeFiles(dir: string, files: FileTree): void {
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(dir, relative);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
}

/** Runs git in a folder with a fixed identity and no user or system config. */
export function git(dir: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Test Author',
      GIT_AUTHOR_EMAIL: 'author@example.test',
      GIT_COMMITTER_NAME: 'Test Author',
      GIT_COMMITTER_EMAIL: 'author@example.test',
      ...env,
    },
  });
}

/** Makes `dir` a git repository on branch `main`. */
export function gitInit(dir: string): void {
  git(dir, ['init', '-q', '-b', 'main']);
}

/**
 * Commits everything in the work tree at a fixed date.
 * @param date - ISO 8601, used as author and committer date
 * @returns the new commit's full sha
 */
export function commitAll(dir: string, message: string, date: string): string {
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--allow-empty', '-m', message], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  return git(dir, ['rev-parse', 'HEAD']).trim();
}
