/**
 * The history index's `touching`: which commits changed a file, or anything under a folder, newest first; held to
 * `git log --format=%H -- <path>` on a real repository (the index reads HEAD's history without renames).
 */
import { describe, expect, it } from 'vitest';
import { buildHistoryIndex } from '../../src/git/history-index.js';
import { openRepository } from '../../src/git/repository.js';
import { commitFiles, committedRepo } from '../helpers/git-fixtures.js';
import { git } from '../helpers/temp-repo.js';

describe('HistoryIndex.touching', () => {
  it('lists the commits that changed a file or a folder, newest first, as git log -- <path> does', async () => {
    const { root } = committedRepo({ 'README.md': '# r\n' }, '2026-02-01T10:00:00Z');
    commitFiles(root, { '.runs/0007/a/manifest.json': '{}\n', '.runs/0007/a/test.log': 'ok\n' }, 'run a', '2026-02-02T10:00:00Z');
    commitFiles(root, { '.runs/0007/b/manifest.json': '{}\n' }, 'run b', '2026-02-03T10:00:00Z');
    commitFiles(root, { '.runs/0007/a/test.log': 'edited\n', 'src/x.ts': 'x\n' }, 'edit a log', '2026-02-04T10:00:00Z');
    commitFiles(root, { 'src/x.ts': 'y\n' }, 'code only', '2026-02-05T10:00:00Z');
    const repository = await openRepository(root);
    const index = await buildHistoryIndex(repository!, root);
    const shas = (p: string): string[] => git(root, ['log', '--format=%H', '--', p]).split('\n').filter(Boolean);
    for (const p of ['.runs/0007/a/test.log', '.runs/0007/a', '.runs/0007', '.runs', 'src/x.ts', 'README.md', '.runs/0007/b/manifest.json']) {
      expect([p, index.touching(p).map((c) => c.sha)]).toEqual([p, shas(p)]);
    }
    expect(index.touching('.runs/0007/').map((c) => c.subject)).toEqual(['edit a log', 'run b', 'run a']);
    expect(index.touching('.runs/0007/a/test.log').map((c) => c.subject)).toEqual(['edit a log', 'run a']);
    expect(index.touching('nothing/here')).toEqual([]);
  });
});
