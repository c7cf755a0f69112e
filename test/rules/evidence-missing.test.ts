import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRepo, findingsOf, lines, manifest, places, ruleFindings } from '../helpers/check-repo.js';
import { commitAll, gitInit, tempRepo, writeFiles } from '../helpers/temp-repo.js';

const RULE = 'evidence-missing';
const LIST = 'tasks/tasks-0001.md';

describe('evidence-missing', () => {
  it('reports a cited file that does not exist, at the code span', async () => {
    const findings = await ruleFindings(RULE, { [LIST]: lines('# Tasks', '', '- [x] ran it `.runs/460/none/manifest.json`') });
    expect(places(findings)).toEqual([[LIST, 3, 14]]);
    expect(findings[0]!.severity).toBe('error');
    expect(findings[0]!.endLine).toBe(3);
    expect(findings[0]!.endColumn).toBe(44);
    expect(findings[0]!.message).toBe('Cited evidence `.runs/460/none/manifest.json` does not exist; record the run, or cite evidence that exists.');
  });

  it('reports a cited folder that holds no manifest.json', async () => {
    const findings = await ruleFindings(RULE, { 'docs/README.md': '# Docs\n', [LIST]: lines('- [x] see `docs/`') });
    expect(places(findings)).toEqual([[LIST, 1, 11]]);
    expect(findings[0]!.message).toContain('Cited folder `docs/` holds no manifest.json, so it proves nothing');
  });

  it('accepts a cited run folder with a manifest, a cited file, and a path with a line suffix', async () => {
    const findings = await ruleFindings(RULE, {
      '.runs/460/a/manifest.json': manifest(),
      'src/main.ts': 'export {};\n',
      [LIST]: lines('- [x] run `.runs/460/a/`', '- [x] run `.runs/460/a`', '- [x] code `src/main.ts:1`', '- [x] code `src/main.ts:L1-L2`', '- [x] see `src/mian.ts`'),
    });
    expect(places(findings)).toEqual([[LIST, 5, 11]]);
  });

  it('reports an absolute path in a code span without reading it: outside the repository, or inside with its repo-relative form', async () => {
    const outside = await ruleFindings(RULE, { [LIST]: lines('- [x] see `/etc/passwd`') });
    expect(places(outside)).toEqual([[LIST, 1, 11]]);
    expect(outside[0]!.message).toBe('`/etc/passwd` is not evidence: it is outside the repository.');

    const root = tempRepo({ 'src/main.ts': 'export {};\n' });
    writeFiles(root, { [LIST]: lines(`- [x] see \`${root}/src/main.ts\``) });
    const inside = await ruleFindings(RULE, root);
    expect(places(inside)).toEqual([[LIST, 1, 11]]);
    expect(inside[0]!.message).toBe(`\`${root}/src/main.ts\` is not evidence: an absolute path is never evidence; write it repo-relative, as \`src/main.ts\`.`);
  });

  it('advises recording the run only for run output; a missing source file is a path to fix', async () => {
    const findings = await ruleFindings(RULE, { [LIST]: lines('- [x] done, see `src/mian.ts`', '- [x] ran `.runs/7/a`', '- [x] ran `logs/test.log`') });
    expect(findings.map((f) => f.message)).toEqual([
      'Cited evidence `src/mian.ts` does not exist; fix the path, or cite evidence that exists.',
      'Cited evidence `.runs/7/a` does not exist; record the run, or cite evidence that exists.',
      'Cited evidence `logs/test.log` does not exist; record the run, or cite evidence that exists.',
    ]);
  });

  it('reports paths that leave the repository with .., in code spans and links', async () => {
    const findings = await ruleFindings(RULE, {
      [LIST]: lines('- [x] see `../secrets.txt`', '- [x] see [log](../../outside.log)', '- [x] see `~/notes.md`', '- [x] see `file:///etc/passwd`'),
    });
    expect(places(findings)).toEqual([
      [LIST, 1, 11],
      [LIST, 2, 11],
      [LIST, 3, 11],
      [LIST, 4, 11],
    ]);
    expect(findings[0]!.message).toBe('`../secrets.txt` is not evidence: it leaves the repository with `..`.');
    expect(findings[1]!.message).toContain('`../../outside.log` is not evidence: it leaves the repository');
    expect(findings[2]!.message).toContain('an absolute path is never evidence');
    expect(findings[3]!.message).toContain('a file:// URL points outside the repository');
  });

  it('reports a symlink that leads out of the repository, without following it', async () => {
    const outside = tempRepo({ 'secret.txt': 'secret\n' });
    const root = tempRepo({ [LIST]: lines('- [x] see `evidence.txt`') });
    symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'evidence.txt'));
    const findings = await ruleFindings(RULE, root);
    expect(places(findings)).toEqual([[LIST, 1, 11]]);
    expect(findings[0]!.message).toContain('is a symlink that leads out of the repository');
  });

  it("reads a link target from the citing file's folder, and a leading / from the root", async () => {
    const findings = await ruleFindings(RULE, {
      'README.md': '# Repo\n',
      'tasks/notes.md': '# Notes\n',
      [LIST]: lines('- [x] [notes](notes.md)', '- [x] [readme](/README.md)', '- [x] [readme](../README.md)', '- [x] [missing](missing.md)', '- [x] see `notes.md`', '- [x] see `tasks.md`'),
    });
    expect(places(findings)).toEqual([
      [LIST, 4, 7],
      [LIST, 6, 11],
    ]);
    expect(findings[0]!.message).toContain('`tasks/missing.md` does not exist');
    // A code span is read from the root, and then beside the citing file (`tasks/notes.md`); tasks.md is in neither.
    expect(findings[1]!.message).toContain('`tasks.md` does not exist');
  });

  it('reports a missing link target whose name has a percent-encoded space', async () => {
    const findings = await ruleFindings(RULE, { [LIST]: lines('- [x] see [notes](my%20notes.md)') });
    expect(places(findings)).toEqual([[LIST, 1, 11]]);
    expect(findings[0]!.message).toBe('Cited evidence `tasks/my notes.md` does not exist; fix the path, or cite evidence that exists.');
  });

  it('ignores unticked items, whatever they cite', async () => {
    const findings = await ruleFindings(RULE, { [LIST]: lines('- [ ] see `nope.md`', '- [ ] see `/etc/passwd`', '- [ ] see deadbeef1234567', '- [x] see `nope.md`') });
    expect(places(findings)).toEqual([[LIST, 4, 11]]);
  });

  it('accepts a real commit of the repository and reports one not in git history', async () => {
    const root = tempRepo({ 'README.md': '# Repo\n' });
    gitInit(root);
    const sha = commitAll(root, 'first commit', '2026-11-01T10:00:00Z');
    // In plain text an abbreviated hash must mix digits and letters (so that numbers are not taken for hashes).
    const short = sha.slice(0, [...sha].findIndex((_, i) => i >= 6 && /\d/.test(sha.slice(0, i + 1)) && /[a-f]/.test(sha.slice(0, i + 1))) + 1);
    writeFiles(root, {
      [LIST]: lines(
        `- [x] fixed in ${sha}`, //                 1
        `- [x] fixed in ${short}`, //                2
        `- [x] fixed in \`${sha.slice(0, 10)}\``, // 3
        '- [x] fixed in deadbeef1234567', //        4
        '- [x] fixed in `0123abc`', //              5
      ),
    });
    const report = await checkRepo(root);
    const findings = findingsOf(report, RULE);
    expect(places(findings)).toEqual([
      [LIST, 4, 16],
      [LIST, 5, 16],
    ]);
    expect(findings[0]!.message).toBe('Commit `deadbeef1234567` is not in git history.');
    expect(findings[1]!.message).toBe('Commit `0123abc` is not in git history.');
    // The real commits are proof enough: nothing else is said about them.
    expect(report.findings.filter((f) => f.line <= 3)).toEqual([]);
  });
});
