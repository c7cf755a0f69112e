/**
 * Evidence and links that point out of the repository: absolute paths, `..`
 * past the root, `file://` URLs, percent-encoded traversal, and a path
 * through a symlink that leads out. Each is reported; none is read.
 */
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRepo, findingsOf, lines, manifest } from '../helpers/check-repo.js';
import { tempRepo } from '../helpers/temp-repo.js';
import { isInside, recordingFileSystem } from './harness.js';

const LIST = 'tasks/tasks-0001.md';

/** A folder outside the repository holding a succeeded manifest and a file, which must never count as evidence. */
function outsideFolder(): string {
  return tempRepo({ 'run/manifest.json': manifest(), 'etc/passwd': 'root:x:0:0\n' });
}

describe('evidence and links out of the repository', () => {
  it('every escape is reported at its place, by evidence-missing or link-broken, and nothing outside is read or even looked at', async () => {
    const outside = outsideFolder();
    const up = path.relative(path.join('/tmp', 'x', 'tasks'), outside); // enough `..` to leave any temp root
    const items = [
      // Marked as evidence (a path the item does not mark, and that names nothing here, is a description).
      `- [x] absolute, see \`${outside}/etc/passwd\``,
      '- [x] windows, see `C:\\Windows\\win.ini`',
      '- [x] home, see `~/.ssh/id_rsa`',
      '- [x] dot-dot, see `../../../../etc/passwd`',
      '- [x] file url, see `file:///etc/passwd`',
      '- [x] file link [run](file:///etc/passwd)',
      '- [x] encoded [run](%2e%2e/%2e%2e/%2e%2e/etc/passwd)',
      '- [x] encoded slash [run](..%2f..%2f..%2fetc%2fpasswd)',
      '- [x] through a symlink `linked/run/manifest.json`',
      '- [x] symlinked folder `linked/run`',
      `- [x] far up [run](${up}/run/manifest.json)`,
    ];
    const root = tempRepo({ [LIST]: lines('# Tasks', '', ...items), 'docs/readme.md': lines('[a](file:///etc/passwd) [b](../../../../../etc/passwd) [c](/../../etc/passwd)') });
    symlinkSync(outside, path.join(root, 'linked'));
    const { fs, touched } = recordingFileSystem();
    const report = await checkRepo(root, { fs });

    const evidence = findingsOf(report, 'evidence-missing').filter((f) => f.file === LIST);
    const evidenceLines = [...new Set(evidence.map((f) => f.line))].sort((a, b) => a - b);
    expect(evidenceLines).toEqual(items.map((_, i) => i + 3));
    for (const f of evidence) expect(f.message).toMatch(/not evidence|out of the repository|outside|leaves the repository/);
    // No ticked box is proven by what lies outside.
    expect(findingsOf(report, 'evidence-failed')).toEqual([]);
    expect(report.summary.errors).toBeGreaterThanOrEqual(items.length);

    const links = findingsOf(report, 'link-broken');
    const listLinks = links.filter((f) => f.file === LIST).map((f) => f.line);
    expect(listLinks).toEqual(expect.arrayContaining([8, 9, 10, 13]));
    for (const f of links) expect(f.message).toMatch(/leaves the repository|outside the repository|does not exist|file: URL/);

    // Nothing outside the repository was read, stat-ed or resolved (the symlink itself is inside).
    const strays = touched.filter((p) => !isInside(root, p));
    expect(strays).toEqual([]);
  });

  it('a manifest command log outside the repository is reported, not read', async () => {
    const outside = outsideFolder();
    const root = tempRepo({
      '.runs/1/manifest.json': manifest({
        commands: [
          { command: 'a', exit_code: 0, log: '../../../../../etc/passwd' },
          { command: 'b', exit_code: 0, log: `${outside}/etc/passwd` },
          { command: 'c', exit_code: 0, log: 'file:///etc/passwd' },
        ],
      }),
    });
    const { fs, touched } = recordingFileSystem();
    const report = await checkRepo(root, { fs });
    const found = findingsOf(report, 'link-broken');
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining('outside the repository'),
      expect.stringContaining('outside the repository'),
      expect.stringContaining('outside the repository'),
    ]);
    expect(touched.filter((p) => !isInside(root, p))).toEqual([]);
  });
});
