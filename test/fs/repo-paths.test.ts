/**
 * RepoPaths answers what a cited path is with one `lstat` when its folder is known to be a real folder inside
 * the root; these cases hold its answers to those of resolving every path whole (symlinks through folders and
 * files, inside and outside the root, loops, paths under a file), on a real file system.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFileSystem } from '../../src/fs/file-system.js';
import { RepoPaths } from '../../src/fs/repo-paths.js';
import { tempRepo } from '../helpers/temp-repo.js';

describe('RepoPaths.kind', () => {
  it('answers through real folders, symlinked folders inside and outside, symlinked files, loops and files', () => {
    const outside = tempRepo({ 'secret.txt': 'outside\n', 'dir/inner.txt': 'outside\n' });
    const root = tempRepo({ 'logs/run/test.log': 'ok\n', 'docs/a.md': '# a\n', 'file.txt': 'plain\n' });
    mkdirSync(path.join(root, 'empty'));
    symlinkSync(path.join(root, 'logs'), path.join(root, 'logs-link'));
    symlinkSync(path.join(outside, 'dir'), path.join(root, 'escape'));
    symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'docs/secret-link.txt'));
    symlinkSync(path.join(root, 'docs/a.md'), path.join(root, 'docs/a-link.md'));
    symlinkSync(path.join(root, 'loop-a'), path.join(root, 'loop-b'));
    symlinkSync(path.join(root, 'loop-b'), path.join(root, 'loop-a'));
    writeFileSync(path.join(outside, 'dir/other.txt'), 'outside\n');
    const paths = new RepoPaths(root, nodeFileSystem);
    const asked: Record<string, string> = {
      'logs/run/test.log': 'file',
      'logs/run': 'directory',
      'logs/run/missing.log': 'missing',
      'empty': 'directory',
      'logs-link/run/test.log': 'file',
      'escape': 'outside',
      'escape/inner.txt': 'outside',
      'escape/absent.txt': 'missing',
      'docs/secret-link.txt': 'outside',
      'docs/a-link.md': 'file',
      'loop-a': 'loop',
      'loop-a/x': 'loop',
      'file.txt/under': 'missing',
      'nowhere/deeper/file.md': 'missing',
    };
    // Asked twice, in two orders: a folder's memoized answer must not change its files' answers.
    for (const order of [Object.keys(asked), Object.keys(asked).reverse()]) {
      const fresh = new RepoPaths(root, nodeFileSystem);
      for (const p of order) expect([p, fresh.kind(p)]).toEqual([p, asked[p]]);
    }
    for (const [p, kind] of Object.entries(asked)) expect([p, paths.kind(p)]).toEqual([p, kind]);
  });

  it('takes a regular file found by an lstat elsewhere only inside a real folder of the root', () => {
    const outside = tempRepo({ 'dir/inner.txt': 'outside\n' });
    const root = tempRepo({ 'logs/run/test.log': 'ok\n', 'top.md': '# top\n' });
    symlinkSync(path.join(outside, 'dir'), path.join(root, 'escape'));
    const paths = new RepoPaths(root, nodeFileSystem);
    for (const file of ['logs/run/test.log', 'top.md', 'escape/inner.txt']) paths.knownFile(file);
    expect(paths.kind('logs/run/test.log')).toBe('file');
    expect(paths.kind('logs/run')).toBe('directory');
    expect(paths.kind('top.md')).toBe('file');
    // Reached through a symlink out of the root: an lstat of the file itself cannot tell, and it stays outside.
    expect(paths.kind('escape/inner.txt')).toBe('outside');
  });
});
