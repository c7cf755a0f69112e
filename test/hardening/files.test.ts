/**
 * Broken and hostile files: empty, BOM, odd line endings, bad bytes, binary,
 * huge, unreadable, symlinked out of the repository or in a loop, odd names.
 * Each is checked or reported with a reason; none crashes the run, none is
 * read from outside the repository.
 */
import { chmodSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRepo, findingsOf, lines, markdown, places, specFrontmatter } from '../helpers/check-repo.js';
import { gitInit, tempRepo } from '../helpers/temp-repo.js';
import { isInside, recordingFileSystem } from './harness.js';

const LIST = 'tasks/tasks-0001.md';

/** A task list whose line 3 ticks a box citing a missing file (an evidence-missing finding at 3:9). */
const TICKED = ['# Tasks', '', '- [x] a `missing.log`'];

describe('files', () => {
  it('an empty file is checked and counted, no crash', async () => {
    const report = await checkRepo({ [LIST]: '', 'tasks/specs/0001-core.md': '' });
    expect(report.summary.files).toBe(2);
    expect(places(findingsOf(report, 'frontmatter-schema'))).toEqual([['tasks/specs/0001-core.md', 1, 1]]);
  });

  it('a byte-order mark is not part of the text: places are unchanged', async () => {
    const report = await checkRepo({ [LIST]: `\uFEFF${lines(...TICKED)}` });
    expect(places(findingsOf(report, 'evidence-missing'))).toEqual([[LIST, 3, 9]]);
  });

  it.each([
    ['CRLF', '\r\n'],
    ['lone CR', '\r'],
  ])('%s line endings keep line numbers right, in frontmatter and body', async (_name, eol) => {
    const spec = ['---', ...specFrontmatter('0001-core', '2020-01-01'), '---', '# Core', '', '- [x] a `missing.log`', ''].join(eol);
    const report = await checkRepo({ 'tasks/specs/0001-core.md': spec });
    expect(places(findingsOf(report, 'spec-freshness'))).toEqual([['tasks/specs/0001-core.md', 5, 14]]);
    expect(places(findingsOf(report, 'evidence-missing'))).toEqual([['tasks/specs/0001-core.md', 9, 9]]);
  });

  it('invalid UTF-8 and a binary file named .md are file-unreadable findings; the run goes on', async () => {
    const root = tempRepo({ [LIST]: lines(...TICKED) });
    writeFileSync(path.join(root, 'tasks/tasks-0002.md'), Buffer.from([0x2d, 0x20, 0xff, 0xfe, 0x0a]));
    writeFileSync(path.join(root, 'tasks/tasks-0003.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    const report = await checkRepo(root);
    const unreadable = findingsOf(report, 'file-unreadable');
    expect(places(unreadable)).toEqual([
      ['tasks/tasks-0002.md', 1, 1],
      ['tasks/tasks-0003.md', 1, 1],
    ]);
    expect(unreadable[0]!.message).toContain('UTF-8');
    expect(unreadable[1]!.message).toContain('Binary');
    expect(places(findingsOf(report, 'evidence-missing'))).toEqual([[LIST, 3, 9]]);
  });

  it('a 50 MB markdown file over the size limit is reported with the limit, and never read', async () => {
    const root = tempRepo({ [LIST]: lines(...TICKED) });
    const big = path.join(root, 'tasks/tasks-big.md');
    writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, '- [x] a `missing.log`\n'));
    const { fs, read } = recordingFileSystem();
    const started = performance.now();
    const report = await checkRepo(root, { fs });
    expect(performance.now() - started).toBeLessThan(20_000);
    const found = findingsOf(report, 'file-unreadable');
    expect(places(found)).toEqual([['tasks/tasks-big.md', 1, 1]]);
    expect(found[0]!.message).toBe('File is 50.0 MiB, over the 10.0 MiB limit (limits.max_file_bytes); it was not read.');
    expect(read).not.toContain(big);
    // The limit is the config's: raised, the file is read.
    const lowered = await checkRepo(root, { config: { limits: { max_file_bytes: 10 } } });
    expect(places(findingsOf(lowered, 'file-unreadable'))).toEqual([
      [LIST, 1, 1],
      ['tasks/tasks-big.md', 1, 1],
    ]);
  }, 60_000);

  it.skipIf(process.getuid?.() === 0)('an unreadable file is reported as permission denied', async () => {
    const root = tempRepo({ [LIST]: lines(...TICKED) });
    chmodSync(path.join(root, LIST), 0o000);
    try {
      const found = findingsOf(await checkRepo(root), 'file-unreadable');
      expect(places(found)).toEqual([[LIST, 1, 1]]);
      expect(found[0]!.message).toContain('permission denied');
    } finally {
      chmodSync(path.join(root, LIST), 0o644);
    }
  });

  describe.each([
    ['in a git work tree', true],
    ['outside git', false],
  ])('symlinks, %s', (_name, inGit) => {
    it('a symlink to a file outside the repository is reported and not read; a symlink loop is not followed', async () => {
      const outside = tempRepo({ 'secret.md': lines('# Secret', '', '- [x] leaked `nowhere.md`') });
      const root = tempRepo({ [LIST]: lines(...TICKED), 'tasks/specs/0001-core.md': markdown(specFrontmatter('0001-core', '2026-11-01'), '# Core') });
      if (inGit) gitInit(root);
      symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'tasks/tasks-evil.md'));
      symlinkSync('tasks-loop-b.md', path.join(root, 'tasks/tasks-loop-a.md'));
      symlinkSync('tasks-loop-a.md', path.join(root, 'tasks/tasks-loop-b.md'));
      symlinkSync('tasks-0001.md', path.join(root, 'tasks/tasks-inside.md'));
      const { fs, read } = recordingFileSystem();
      const report = await checkRepo(root, inGit ? {} : { fs });
      const unreadable = findingsOf(report, 'file-unreadable');
      const byFile = Object.fromEntries(unreadable.map((f) => [f.file, f.message]));
      // Nothing of the outside file was read: its ticked box raised nothing.
      expect(report.findings.some((f) => f.message.includes('nowhere.md'))).toBe(false);
      if (inGit) {
        // git lists symlinks as files: each is judged by where it leads.
        expect(Object.keys(byFile).sort()).toEqual(['tasks/tasks-evil.md', 'tasks/tasks-loop-a.md', 'tasks/tasks-loop-b.md']);
        expect(byFile['tasks/tasks-evil.md']).toBe('Symlink to a file outside the repository; it was not followed.');
        expect(byFile['tasks/tasks-loop-a.md']).toMatch(/symlink loop/);
        // A symlink that stays inside the repository is read like its target.
        expect(places(findingsOf(report, 'evidence-missing'))).toEqual([
          [LIST, 3, 9],
          ['tasks/tasks-inside.md', 3, 9],
        ]);
      } else {
        // Without git, discovery does not follow symlinks at all.
        expect(unreadable).toEqual([]);
        expect(places(findingsOf(report, 'evidence-missing'))).toEqual([[LIST, 3, 9]]);
      }
      if (!inGit) expect(read.filter((p) => !isInside(root, p))).toEqual([]);
    });
  });

  it('file names with spaces, unicode and leading dashes are found and reported by name', async () => {
    const names = ['tasks/tasks-a b.md', 'tasks/tasks-ü日本.md', 'tasks/tasks--rf.md', 'tasks/specs/-rf --output=x.md'];
    const root = tempRepo(Object.fromEntries(names.map((n) => [n, lines(...TICKED)])));
    gitInit(root);
    const report = await checkRepo(root);
    expect(report.summary.files).toBe(4);
    const missing = places(findingsOf(report, 'evidence-missing')).map(([f]) => f);
    expect(missing.sort()).toEqual([...names].sort());
    expect(findingsOf(report, 'frontmatter-schema').map((f) => f.file)).toEqual(['tasks/specs/-rf --output=x.md']);
  });
});
