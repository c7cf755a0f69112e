/**
 * `walkHistory`: the one pass over history that `brief` reads a task's commits from. Its answers are held to
 * git's own: the commits touching a folder (`git log --full-history -- <folder>`), those a message test picks
 * (`git log --grep`), and the length of HEAD's history (`git rev-list --count HEAD`), on a real repository with a
 * merged branch, an unmerged one and a shallow clone. The board's shared history gives the same answers.
 */
import { describe, expect, it } from 'vitest';
import { sharedHistory } from '../../src/board/shared-history.js';
import { readTaskHistory, startTaskHistory } from '../../src/brief/gather.js';
import type { ResolvedConfig } from '../../src/config/config.js';
import { openRepository, type GitRepository } from '../../src/git/repository.js';
import { branch, checkout, commitFiles, committedRepo, shallowClone } from '../helpers/git-fixtures.js';
import { git, gitInit, tempRepo } from '../helpers/temp-repo.js';

const FOLDER = 'state/checkpoints/0007/';

/** main: 6 commits, a merged branch `feature` (2 commits) and an unmerged `spike` (2 commits). */
function repository(): string {
  const { root } = committedRepo({ 'README.md': '# Demo\n' }, '2026-01-01T10:00:00Z');
  commitFiles(root, { 'src/a.ts': 'export const a = 1;\n' }, 'feat: a\n\nTask: 0007', '2026-01-02T10:00:00Z');
  commitFiles(root, { [`${FOLDER}2026-01-03-start.md`]: '# start\n' }, 'checkpoint: start', '2026-01-03T10:00:00Z');
  branch(root, 'feature');
  commitFiles(root, { [`${FOLDER}2026-01-04-progress.md`]: '# progress\n', 'src/b.ts': 'export const b = 2;\n' }, 'wip on #0007: progress', '2026-01-04T10:00:00Z');
  commitFiles(root, { 'src/b.ts': 'export const b = 3;\n' }, 'fix b', '2026-01-05T10:00:00Z');
  checkout(root, 'main');
  commitFiles(root, { 'src/c.ts': 'export const c = 1;\n' }, 'c on main', '2026-01-06T10:00:00Z');
  git(root, ['merge', '-q', '--no-ff', '-m', 'Merge branch feature', 'feature'], { GIT_AUTHOR_DATE: '2026-01-07T10:00:00Z', GIT_COMMITTER_DATE: '2026-01-07T10:00:00Z' });
  commitFiles(root, { [`${FOLDER}2026-01-03-start.md`]: '# start, rewritten\n' }, 'rewrite start', '2026-01-08T10:00:00Z');
  branch(root, 'spike');
  commitFiles(root, { 'src/d.ts': 'export const d = 1;\n' }, 'spike for task 0007\n\nTask: 0007', '2026-01-09T10:00:00Z');
  commitFiles(root, { [`${FOLDER}2026-01-10-spike.md`]: '# spike\n' }, 'spike checkpoint', '2026-01-10T10:00:00Z');
  checkout(root, 'main');
  return root;
}

const shas = (out: string): string[] => out.split('\n').filter(Boolean);

async function open(root: string): Promise<GitRepository> {
  const repository = await openRepository(root);
  if (!repository) throw new Error('not a repository');
  return repository;
}

describe('walkHistory', () => {
  it('keeps the commits that touch the folder, with only their files there, as git log --full-history lists them', async () => {
    const root = repository();
    const walk = await (await open(root)).walkHistory({ paths: [FOLDER], keep: (_message, touches) => touches });
    // A merge lists no files of its own (as `git log --raw` without -m): the commits that changed the folder.
    expect(walk.kept.map((c) => c.sha)).toEqual(shas(git(root, ['log', '--branches', 'HEAD', '--full-history', '--no-merges', '--format=%H', '--', FOLDER])));
    expect(walk.kept.length).toBe(4);
    for (const commit of walk.kept) {
      expect(commit.files.length).toBeGreaterThan(0);
      for (const file of commit.files) expect(file.path.startsWith(FOLDER)).toBe(true);
    }
    // The commit that also changed src/b.ts lists only its checkpoint.
    expect(walk.kept.find((c) => c.subject === 'wip on #0007: progress')!.files.map((f) => f.path)).toEqual([`${FOLDER}2026-01-04-progress.md`]);
  });

  it('offers every commit of every local branch to the message test, and counts only those reachable from HEAD', async () => {
    const root = repository();
    const offered: string[] = [];
    const walk = await (await open(root)).walkHistory({ paths: [FOLDER], keep: (message) => (offered.push(message), /0007/.test(message)) });
    expect(offered.length).toBe(shas(git(root, ['rev-list', '--branches', 'HEAD'])).length);
    expect(walk.kept.map((c) => c.sha)).toEqual(shas(git(root, ['log', '--branches', 'HEAD', '-E', '--grep=0007', '--format=%H'])));
    expect(walk.reachableFromHead).toBe(Number(git(root, ['rev-list', '--count', 'HEAD']).trim()));
    expect(walk.reachableFromHead).toBeLessThan(offered.length); // spike's two commits are not HEAD's
  });

  it('counts a shallow clone as git does: the commits present', async () => {
    const root = repository();
    const clone = shallowClone(root, 2);
    const walk = await (await open(clone)).walkHistory({ paths: [FOLDER], keep: () => false });
    expect(walk.reachableFromHead).toBe(Number(git(clone, ['rev-list', '--count', 'HEAD']).trim()));
    expect(walk.reachableFromHead).toBe(2);
  });

  it('gives the mentioning commits every file they touched, and the same answers through the board shared history', async () => {
    const root = repository();
    const direct = await readTaskHistory(await open(root), ['(^|[^0-9])0007([^0-9]|$)'], [FOLDER]);
    expect(direct.mentions.map((c) => c.subject)).toEqual(['spike for task 0007', 'wip on #0007: progress', 'feat: a']);
    expect(direct.mentions.find((c) => c.subject === 'wip on #0007: progress')!.files.map((f) => f.path).sort()).toEqual(['src/b.ts', `${FOLDER}2026-01-04-progress.md`]);
    expect(direct.touching.map((c) => c.subject)).toEqual(['spike checkpoint', 'rewrite start', 'wip on #0007: progress', 'checkpoint: start']);
    expect(direct.info).toEqual({ shallow: false, commits: Number(git(root, ['rev-list', '--count', 'HEAD']).trim()) });
    const shared = await readTaskHistory(sharedHistory(await open(root)), ['(^|[^0-9])0007([^0-9]|$)'], [FOLDER]);
    expect(shared).toEqual(direct);
  });

  it('leaves a pattern JavaScript cannot read as git does to git --grep, with the same commits', async () => {
    // A back-reference: POSIX ERE and JavaScript read it differently, so git decides.
    const root = repository();
    const viaGit = await readTaskHistory(await open(root), ['(0)\\1(07)'], [FOLDER]);
    expect(viaGit.mentions.map((c) => c.subject)).toEqual(['spike for task 0007', 'wip on #0007: progress', 'feat: a']);
  });

  it('in a repository without commits: nothing walked, nothing thrown, and no task history', async () => {
    const root = tempRepo({ 'state/checkpoints/0007/start.md': '# start\n' });
    gitInit(root);
    const repository = await open(root);
    expect(await repository.walkHistory({ paths: [FOLDER], keep: () => true })).toEqual({ kept: [], reachableFromHead: 0 });
    const config = { commitPatterns: ['(^|[^0-9]){id}([^0-9]|$)'] } as unknown as ResolvedConfig;
    expect(await startTaskHistory({ root, config, git: async () => repository }, '0007', ['state/checkpoints/0007'])).toBeUndefined();
  });
});
