/**
 * A checkpoint renamed in git history is one timeline entry that says where it came from, not a deleted
 * checkpoint plus a new one. Real git repositories with commits at fixed dates.
 */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { brief } from '../../src/brief/brief.js';
import { renderMarkdown } from '../../src/brief/render-markdown.js';
import { checkpointFrontmatter, markdown, validPacket } from '../helpers/check-repo.js';
import { committedRepo } from '../helpers/git-fixtures.js';
import { commitAll, git } from '../helpers/temp-repo.js';

const OLD = 'state/checkpoints/460/progress.md';
const MIDDLE = 'state/checkpoints/460/2026-05-24T10-15-00Z-progress.md';
const NEW = 'state/checkpoints/460/2026-05-24T10-15-00Z-first-progress.md';

function rename(root: string, from: string, to: string, date: string): void {
  mkdirSync(path.dirname(path.join(root, to)), { recursive: true });
  git(root, ['mv', from, to]);
  commitAll(root, `checkpoints: rename\n\nTask: 460`, date);
}

describe('brief: renamed checkpoints', () => {
  it('follows a checkpoint through two renames: one current entry, renamed from its first path, nothing deleted', async () => {
    const { root } = committedRepo(
      { 'state/packets/460.md': validPacket(460), [OLD]: markdown(checkpointFrontmatter(460), '# Progress', '', 'Templates drafted.') },
      '2026-05-24T10:15:00Z',
      'task 460: packet and first checkpoint',
    );
    rename(root, OLD, MIDDLE, '2026-05-25T09:00:00Z');
    rename(root, MIDDLE, NEW, '2026-05-26T09:00:00Z');
    const result = (await brief({ root, task: '460', now: '2026-05-27T00:00:00Z', env: {} }))!;
    expect(result.timeline.map((c) => [c.file, c.state, c.renamed_from])).toEqual([[NEW, 'current', OLD]]);
    expect(renderMarkdown(result)).toContain(`(\`${NEW}\`, renamed from \`${OLD}\`)`);
  });
});
