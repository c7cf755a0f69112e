import { describe, expect, it } from 'vitest';
import { classifyToken, extractCitations, type Citation, type CitationOptions } from '../../src/evidence/citations.js';
import { scanWithRemark } from '../../src/markdown/body-scan.js';
import { parseMarkdown } from '../../src/markdown/parse.js';

const DOC = 'tasks/tasks-0001.md';
const RANGE = { start: 3, end: 9 };

/** Classifies a token with a fixed range, from a task list in `tasks/`. */
function token(raw: string, origin: 'code' | 'link', documentPath = DOC): Citation | undefined {
  return classifyToken(raw, origin, RANGE, documentPath);
}

/** The citations of each task item of a markdown text, as the evidence analyzer extracts them (a bare `#N` read as a reference). */
function citationsOf(text: string, documentPath = DOC, options: CitationOptions = { issueRefs: 'bare' }): Citation[][] {
  return scanWithRemark(parseMarkdown(text), text).items.map((item) => extractCitations(item.inlines, text, documentPath, options));
}

/** What each citation is, and the source text its range covers. */
function summary(text: string, citations: readonly Citation[]): Array<[string, string, string]> {
  return citations.map((c) => [c.type, c.type === 'path' ? c.path : c.type === 'commit' ? c.sha : c.raw, text.slice(c.range.start, c.range.end)]);
}

describe('classifyToken', () => {
  it('reads URLs as external evidence, file:// as outside, and mailto: as nothing', () => {
    expect(token('https://example.com/run/1', 'code')).toEqual({ type: 'external', raw: 'https://example.com/run/1', what: 'url', range: RANGE });
    expect(token('HTTP://EXAMPLE.COM', 'link')).toMatchObject({ type: 'external', what: 'url' });
    expect(token('ssh://git@example.com/repo', 'link')).toMatchObject({ type: 'external', what: 'url' });
    expect(token('file:///etc/passwd', 'link')).toMatchObject({ type: 'outside', reason: 'a file:// URL points outside the repository' });
    expect(token('mailto:me@example.com', 'link')).toBeUndefined();
  });

  it('reads issue and pull-request references as external evidence', () => {
    expect(token('#636', 'code')).toEqual({ type: 'external', raw: '#636', what: 'issue', range: RANGE });
    expect(token('owner/repo#12', 'code')).toMatchObject({ type: 'external', what: 'issue', raw: 'owner/repo#12' });
    expect(token('my.org/my-repo#7', 'link')).toMatchObject({ type: 'external', what: 'issue' });
    expect(token('  #9  ', 'code')).toMatchObject({ type: 'external', raw: '#9' });
  });

  it('ignores an #anchor link', () => {
    expect(token('#section', 'link')).toBeUndefined();
    expect(token('#12-notes', 'link')).toBeUndefined();
  });

  it('reads 7 to 40 hex digits as a commit, lower-cased', () => {
    expect(token('3F9C2AB', 'code')).toEqual({ type: 'commit', raw: '3F9C2AB', sha: '3f9c2ab', range: RANGE });
    expect(token('a'.repeat(40), 'code')).toMatchObject({ type: 'commit', sha: 'a'.repeat(40) });
    expect(token('abc123', 'code')).toBeUndefined();
    expect(token('a'.repeat(41), 'code')).toBeUndefined();
  });

  it('reads repo-relative paths from the root in code spans', () => {
    expect(token('docs/PRD.md', 'code')).toEqual({ type: 'path', raw: 'docs/PRD.md', path: 'docs/PRD.md', range: RANGE, marked: false });
    expect(token('./docs/PRD.md', 'code')).toMatchObject({ type: 'path', path: 'docs/PRD.md' });
    expect(token('.runs/3/2025-10-16T02-28-10Z/', 'code')).toMatchObject({ type: 'path', path: '.runs/3/2025-10-16T02-28-10Z' });
    expect(token('docs\\PRD.md', 'code')).toMatchObject({ type: 'path', path: 'docs/PRD.md' });
    expect(token('docs/../README.md', 'code')).toMatchObject({ type: 'path', path: 'README.md' });
  });

  it('reads a name without a slash as a path only with a file extension, or as a dotfile', () => {
    expect(token('README.md', 'code')).toMatchObject({ type: 'path', path: 'README.md' });
    expect(token('package.json', 'code')).toMatchObject({ type: 'path', path: 'package.json' });
    expect(token('run.LOG', 'code')).toMatchObject({ type: 'path', path: 'run.LOG' });
    expect(token('.env', 'code')).toMatchObject({ type: 'path', path: '.env' });
    expect(token('.runs', 'code')).toMatchObject({ type: 'path', path: '.runs' });
    expect(token('Makefile', 'code')).toBeUndefined();
    expect(token('v1.2', 'code')).toBeUndefined();
    expect(token('foo.bar', 'code')).toBeUndefined();
  });

  it('does not take commands, words with slashes or flags for paths', () => {
    for (const word of ['npm test', 'n/a', 'and/or', 'Read/Write', 'on/off', '--out/dir', '-x', '@scope/pkg', '1/2', '..', '.', 'a*b/c', '{x}/y', 'x|y/z']) {
      expect(token(word, 'code'), word).toBeUndefined();
    }
    expect(token('', 'code')).toBeUndefined();
    expect(token('   ', 'link')).toBeUndefined();
  });

  it('drops a :line or :Lstart-Lend suffix', () => {
    expect(token('src/main.ts:12', 'code')).toMatchObject({ type: 'path', path: 'src/main.ts', raw: 'src/main.ts:12' });
    expect(token('src/main.ts:L10-L20', 'code')).toMatchObject({ type: 'path', path: 'src/main.ts' });
    expect(token('src/main.ts:10-20', 'code')).toMatchObject({ type: 'path', path: 'src/main.ts' });
  });

  it('never takes an absolute path in a code span for evidence', () => {
    expect(token('/etc/passwd', 'code')).toMatchObject({ type: 'outside', reason: 'an absolute path is never evidence', absolute: '/etc/passwd' });
    expect(token('C:\\Users\\me\\log.txt', 'code')).toMatchObject({ type: 'outside', reason: expect.stringContaining('absolute path') });
    expect(token('c:/logs/run.log', 'link')).toMatchObject({ type: 'outside' });
    expect(token('~/notes.md', 'code')).toMatchObject({ type: 'outside', reason: expect.stringContaining('absolute path') });
  });

  it('never takes a path that leaves the repository with .. for evidence', () => {
    expect(token('../secrets.txt', 'code')).toMatchObject({ type: 'outside', reason: 'it leaves the repository with `..`' });
    expect(token('docs/../../x.md', 'code')).toMatchObject({ type: 'outside' });
    expect(token('../../x.md', 'link', DOC)).toMatchObject({ type: 'outside', reason: 'it leaves the repository with `..`' });
  });

  it("reads link targets from the citing file's folder, and a leading / from the root", () => {
    expect(token('notes.md', 'link')).toMatchObject({ type: 'path', path: 'tasks/notes.md' });
    expect(token('../README.md', 'link')).toMatchObject({ type: 'path', path: 'README.md' });
    expect(token('/README.md', 'link')).toMatchObject({ type: 'path', path: 'README.md' });
    expect(token('notes.md', 'link', 'README.md')).toMatchObject({ type: 'path', path: 'notes.md' });
    expect(token('../.runs/3/a/', 'link')).toMatchObject({ type: 'path', path: '.runs/3/a' });
  });

  it('strips a query and a fragment from a link target, and decodes it', () => {
    expect(token('../README.md#usage', 'link')).toMatchObject({ type: 'path', path: 'README.md', raw: '../README.md#usage' });
    expect(token('../README.md?plain=1', 'link')).toMatchObject({ type: 'path', path: 'README.md' });
    expect(token('caf%C3%A9.md', 'link')).toMatchObject({ type: 'path', path: 'tasks/café.md' });
    expect(token('bad%E0%A4.md', 'link')).toMatchObject({ type: 'path', path: 'tasks/bad%E0%A4.md' });
  });

  it('reads a percent-encoded space in a link target as part of the path', () => {
    expect(token('my%20notes.md', 'link')).toMatchObject({ type: 'path', path: 'tasks/my notes.md' });
  });

  it('reads a link destination with a literal space (written `<my notes.md>`) as a path', () => {
    const text = '- [x] see [notes](<my notes.md>)\n';
    expect(summary(text, citationsOf(text)[0]!)).toEqual([['path', 'tasks/my notes.md', '[notes](<my notes.md>)']]);
  });
});

describe('extractCitations', () => {
  it("finds code spans, links, hashes and issue references in an item's own text, with exact ranges", () => {
    const text = '- [x] proof `docs/a.md` and [log](../logs/b.log) in 3f9c2ab1, see #12 and owner/repo#3\n';
    const [first] = citationsOf(text);
    expect(summary(text, first!)).toEqual([
      ['path', 'docs/a.md', '`docs/a.md`'],
      ['path', 'logs/b.log', '[log](../logs/b.log)'],
      ['commit', '3f9c2ab1', '3f9c2ab1'],
      ['external', '#12', '#12'],
      ['external', 'owner/repo#3', 'owner/repo#3'],
    ]);
  });

  it('leaves the citations of nested items to those items', () => {
    const text = ['- [x] parent `docs/a.md`', '  - [x] child `docs/c.md`', '    - [ ] grandchild 3f9c2ab1', ''].join('\n');
    expect(citationsOf(text).map((c) => summary(text, c))).toEqual([
      [['path', 'docs/a.md', '`docs/a.md`']],
      [['path', 'docs/c.md', '`docs/c.md`']],
      [['commit', '3f9c2ab1', '3f9c2ab1']],
    ]);
  });

  it('only takes hex in plain text for a commit when it mixes digits and letters', () => {
    const text = '- [x] deadbeef 1234567 12345678 cafe123 DEADBEEF9 ab12cd\n';
    expect(summary(text, citationsOf(text)[0]!)).toEqual([
      ['commit', 'cafe123', 'cafe123'],
      ['commit', 'deadbeef9', 'DEADBEEF9'],
    ]);
  });

  it('reads references far into a long text (folded runs of spaces, a cut inside one) as at its start', () => {
    const tail = 'fixes #12, #13 and   #14; word #15, verified   in #16';
    const refs = (text: string) => citationsOf(text, DOC, { issueRefs: 'qualified' })[0]!.map((c) => c.raw);
    expect(refs(`- [x] ${tail}\n`)).toEqual(['#12', '#13', '#14', '#16']);
    for (const gap of ['   ', ' ', '\n  ']) {
      const filler = Array.from({ length: 900 }, (_, i) => `w${i}`).join(gap);
      expect(refs(`- [x] ${filler} ${tail}\n`)).toEqual(['#12', '#13', '#14', '#16']);
    }
  });

  it('does not cut hashes or issue references out of longer words', () => {
    const text = '- [x] sha-3f9c2ab1 x3f9c2ab1 3f9c2ab1x abc#12 C#12 a/3f9c2ab1 3f9c2ab1/b\n';
    expect(citationsOf(text)[0]).toEqual([]);
  });

  it('resolves a link reference through its definition', () => {
    const text = ['- [x] see [the log][Run Log] and [short]', '', '[run log]: logs/run.log', '[short]: https://example.com/r/1', ''].join('\n');
    expect(summary(text, citationsOf(text)[0]!)).toEqual([
      ['path', 'tasks/logs/run.log', '[the log][Run Log]'],
      ['external', 'https://example.com/r/1', '[short]'],
    ]);
  });

  it('reads a GFM autolink literal as a URL', () => {
    const text = '- [x] see https://example.com/pr/1 and <https://example.com/pr/2>\n';
    expect(summary(text, citationsOf(text)[0]!)).toEqual([
      ['external', 'https://example.com/pr/1', 'https://example.com/pr/1'],
      ['external', 'https://example.com/pr/2', '<https://example.com/pr/2>'],
    ]);
  });

  it('looks inside emphasis, but not into images, HTML comments or code blocks', () => {
    const text = [
      '- [x] **`docs/a.md`** _[b](b.md)_',
      '- [x] ![shot](img/shot.png) <!-- `docs/a.md` 3f9c2ab1 -->',
      '- [x] ran',
      '',
      '  ```sh',
      '  cat docs/a.md # 3f9c2ab1 #12',
      '  ```',
      '',
    ].join('\n');
    expect(citationsOf(text).map((c) => summary(text, c))).toEqual([
      [
        ['path', 'docs/a.md', '`docs/a.md`'],
        ['path', 'tasks/b.md', '[b](b.md)'],
      ],
      [],
      [],
    ]);
  });

  it('keeps exact offsets in a CRLF file with frontmatter', () => {
    const text = ['---', 'task: 460', '---', '# Tasks', '', '- [x] first `docs/a.md`', '- [x] second in cafe123 #7', ''].join('\r\n');
    expect(citationsOf(text).map((c) => summary(text, c))).toEqual([
      [['path', 'docs/a.md', '`docs/a.md`']],
      [
        ['commit', 'cafe123', 'cafe123'],
        ['external', '#7', '#7'],
      ],
    ]);
  });

  it('finds nothing in an item that cites nothing', () => {
    const text = '- [x] ran `npm test`, it passed (see the CI), version 1.2.3 on 2026-11-20\n';
    expect(citationsOf(text)[0]).toEqual([]);
  });
});
