import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRepo, findingsOf, lines, places, ruleFindings, validSpec } from '../helpers/check-repo.js';
import { tempRepo, writeFiles } from '../helpers/temp-repo.js';

const RULE = 'file-unreadable';

/** A repository with one good task list whose ticked box lacks evidence, so that other rules have something to find. */
function repoWith(relative: string, bytes: Buffer): string {
  const root = tempRepo({ 'tasks/tasks-0001.md': lines('# Tasks', '', '- [x] shipped') });
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  writeFileSync(path.join(root, relative), bytes);
  return root;
}

describe('file-unreadable', () => {
  it('reports a file with invalid UTF-8 bytes at line 1, column 1', async () => {
    const root = repoWith('tasks/tasks-0002.md', Buffer.from([0x2d, 0x20, 0x5b, 0x78, 0x5d, 0x20, 0xff, 0xfe, 0x80, 0x0a]));
    const findings = await ruleFindings(RULE, root);
    expect(places(findings)).toEqual([['tasks/tasks-0002.md', 1, 1]]);
    expect(findings[0]!.severity).toBe('error');
    expect(findings[0]!.message).toContain('Not valid UTF-8');
  });

  it('reports a file holding NUL bytes as binary', async () => {
    const root = repoWith('tasks/specs/0001-core.md', Buffer.concat([Buffer.from('---\nid: x\n'), Buffer.from([0, 0, 0]), Buffer.from('---\n')]));
    const findings = await ruleFindings(RULE, root);
    expect(places(findings)).toEqual([['tasks/specs/0001-core.md', 1, 1]]);
    expect(findings[0]!.message).toContain('Binary file');
  });

  it('reports a run manifest that is not UTF-8', async () => {
    const root = repoWith('.runs/1/a/manifest.json', Buffer.from([0x7b, 0xc3, 0x28, 0x7d]));
    const findings = await ruleFindings(RULE, root);
    expect(places(findings)).toEqual([['.runs/1/a/manifest.json', 1, 1]]);
    expect(findings[0]!.message).toContain('UTF-8');
  });

  it.skipIf(process.getuid?.() === 0)('reports a file it has no permission to read', async () => {
    const root = repoWith('tasks/tasks-0002.md', Buffer.from('# Locked\n'));
    const locked = path.join(root, 'tasks/tasks-0002.md');
    chmodSync(locked, 0o000);
    try {
      const findings = await ruleFindings(RULE, root);
      expect(places(findings)).toEqual([['tasks/tasks-0002.md', 1, 1]]);
      expect(findings[0]!.message).toContain('permission denied');
    } finally {
      chmodSync(locked, 0o644);
    }
  });

  it('reports a file over limits.max_file_bytes without reading it', async () => {
    const root = tempRepo({ 'tasks/tasks-0001.md': lines('# Tasks', '', '- [x] shipped', 'x'.repeat(200)) });
    const findings = await ruleFindings(RULE, root, { config: { limits: { max_file_bytes: 100 } } });
    expect(places(findings)).toEqual([['tasks/tasks-0001.md', 1, 1]]);
    expect(findings[0]!.message).toContain('over the 100 bytes limit');
  });

  it('goes on with the run: other files are still checked and counted', async () => {
    const root = repoWith('tasks/tasks-0002.md', Buffer.from([0xff, 0x0a]));
    writeFileSync(path.join(root, 'tasks/tasks-0003.md'), Buffer.from([0x00, 0x01]));
    const report = await checkRepo(root);
    expect(report.summary.files).toBe(3);
    expect(places(findingsOf(report, RULE))).toEqual([
      ['tasks/tasks-0002.md', 1, 1],
      ['tasks/tasks-0003.md', 1, 1],
    ]);
    // The readable task list is still checked by the other rules.
    expect(places(findingsOf(report, 'checkbox-evidence'))).toEqual([['tasks/tasks-0001.md', 3, 3]]);
    // The unreadable files produce no finding from any other rule.
    expect(report.findings.filter((f) => f.file !== 'tasks/tasks-0001.md').every((f) => f.ruleId === RULE)).toBe(true);
  });

  it('accepts valid UTF-8 with non-ASCII text and a byte-order mark', async () => {
    // The control: an overlong encoding of `/` is not UTF-8.
    const root = repoWith('tasks/tasks-0009.md', Buffer.from([0xc0, 0xaf, 0x0a]));
    writeFiles(root, {
      'tasks/tasks-0001.md': lines('# Tâches — ✓ 日本語 🚀', '', '- [ ] écrire les tests'),
      'tasks/specs/0001-core.md': `\uFEFF${validSpec('0001-core')}`,
    });
    expect(places(await ruleFindings(RULE, root))).toEqual([['tasks/tasks-0009.md', 1, 1]]);
  });
});
