/**
 * git runs in a fixed, safe environment: `GIT_DIR` and `GIT_WORK_TREE` in the caller's environment cannot make
 * specguard read another repository, and a user's config that would change git's output (colour always on,
 * signatures shown in `log`) does not. Real repositories.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { brief } from '../../src/brief/brief.js';
import { openRepository } from '../../src/git/repository.js';
import { commitAll, gitInit, tempRepo } from '../helpers/temp-repo.js';

function withEnv<T>(vars: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  return run().finally(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
}

const checkpoint = (task: string, summary: string): string => `---\ntask: "${task}"\ncheckpoint_kind: start\ncreated: 2026-06-01T09:00:00Z\nagent: codex\nsummary: ${summary}\n---\n`;

describe('the git environment', () => {
  it('GIT_DIR and GIT_WORK_TREE pointing elsewhere do not redirect brief', async () => {
    const ours = tempRepo({ 'state/checkpoints/460/2026-06-01T09-00-00Z-start.md': checkpoint('460', 'Ours.') });
    gitInit(ours);
    commitAll(ours, 'Ours\n\nTask: 460', '2026-06-01T09:00:00Z');
    const theirs = tempRepo({ 'x.md': '# x\n' });
    gitInit(theirs);
    commitAll(theirs, 'Theirs\n\nTask: 460', '2026-06-01T09:00:00Z');
    const result = await withEnv({ GIT_DIR: path.join(theirs, '.git'), GIT_WORK_TREE: theirs }, () => brief({ root: ours, task: '460', now: '2026-06-02', env: {} }));
    expect(result!.commits.map((c) => c.subject)).toEqual(['Ours']);
  });

  it("a user's config that colours output or shows signatures changes nothing git tells specguard", async () => {
    const root = tempRepo({ 'a.md': '# a\n' });
    gitInit(root);
    commitAll(root, 'First', '2026-06-01T09:00:00Z');
    const home = tempRepo();
    writeFileSync(path.join(home, '.gitconfig'), '[color]\n\tui = always\n[log]\n\tshowSignature = true\n[core]\n\tquotePath = true\n');
    const commits = await withEnv({ HOME: home }, async () => (await openRepository(root))!.log({}));
    expect(commits.map((c) => [c.subject, c.author])).toEqual([['First', 'Test Author']]);
  });
});
