/**
 * Pieces of the `init` tests: an existing project (a real git repository with
 * unrelated files and a package.json written by hand), snapshots of a work
 * tree (content and modification time of every file), and a CLI run with a
 * terminal on stdin.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { CliRun } from '../helpers/run-cli.js';
import { commitAll, gitInit, tempRepo, type FileTree } from '../helpers/temp-repo.js';

/** A package.json as people write it: tabs, fields in their own order, one script, no specguard. */
export const PACKAGE_JSON = [
  '{',
  '\t"name": "shop",',
  '\t"private": true,',
  '\t"scripts": {',
  '\t\t"test": "node --test",',
  '\t\t"build": "tsc"',
  '\t},',
  '\t"devDependencies": {',
  '\t\t"typescript": "^5.9.3"',
  '\t}',
  '}',
  '',
].join('\n');

/** An existing project with committed files; `extra` adds or replaces files. */
export function projectRepo(extra: FileTree = {}): string {
  const root = tempRepo({
    'README.md': '# shop\n',
    'src/index.js': 'export const answer = 42;\n',
    'docs/notes.md': '# Notes\n\nNothing to check here.\n',
    'package.json': PACKAGE_JSON,
    ...extra,
  });
  gitInit(root);
  commitAll(root, 'chore: initial commit', '2026-06-01T08:00:00Z');
  return root;
}

/** Every file under a folder, `.git` left out: repo-relative POSIX path → content and modification time. */
export function snapshot(root: string): Map<string, { content: string; mtimeMs: number }> {
  const files = new Map<string, { content: string; mtimeMs: number }>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(root, full).split(path.sep).join('/'), { content: readFileSync(full, 'utf8'), mtimeMs: statSync(full).mtimeMs });
    }
  };
  walk(root);
  return files;
}

/** Reads a repo-relative file. */
export function read(root: string, relativePath: string): string {
  return readFileSync(path.join(root, relativePath), 'utf8');
}

/**
 * Runs `specguard <argv>` with `input` on a stdin that says it is a terminal (or not).
 * @returns exit code, stdout and stderr (where the questions go)
 */
export async function runWithStdin(argv: string[], cwd: string, input: string, isTTY: boolean): Promise<CliRun> {
  const stdin = Object.assign(new PassThrough(), { isTTY });
  stdin.end(input);
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdin,
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    cwd,
    env: {},
  });
  return { code, stdout, stderr };
}

/** The status column of each line `init` printed for a file: repo-relative path → status (and note). */
export function statuses(stdout: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const line of stdout.split('\n\nNext:')[0]!.split('\n')) {
    const match = /^(\w+) +(\S+)(?: \((.*)\))?$/.exec(line);
    if (match) result.set(match[2]!, match[3] ? `${match[1]} (${match[3]})` : match[1]!);
  }
  return result;
}
