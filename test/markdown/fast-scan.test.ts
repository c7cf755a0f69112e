/**
 * The fast path of the body scan must find exactly what a full remark parse
 * finds: the same task items (state, place, text, citations, nesting), links
 * and headings, on the whole benchmark corpus, on every fixture repository,
 * and on hand-written documents full of the constructs it must decline.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { globbySync } from 'globby';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../scripts/bench/corpus.js';
import { bothScans, exactScans } from './scan-equivalence.js';

/** Documents of the benchmark corpus to compare (the whole default corpus unless SPECGUARD_CORPUS_DOCS says otherwise). */
const CORPUS_DOCS = Number(process.env.SPECGUARD_CORPUS_DOCS ?? 10_000);

const corpusRoot = mkdtempSync(path.join(os.tmpdir(), 'specguard-corpus-'));
afterAll(() => rmSync(corpusRoot, { recursive: true, force: true }), 120_000);

/** Compares both scans of each file; returns how many the fast path took on. */
function compare(files: readonly string[], root: string): { accepted: number; total: number } {
  let accepted = 0;
  for (const file of files) {
    const text = readFileSync(path.join(root, file), 'utf8');
    const { fast, remark } = bothScans(text, file);
    if (fast === undefined) continue;
    accepted++;
    expect(fast, file).toEqual(remark);
  }
  return { accepted, total: files.length };
}

describe('fast body scan', () => {
  it(
    `equals the remark scan on the benchmark corpus (${CORPUS_DOCS} documents)`,
    () => {
      generateCorpus({ root: corpusRoot, docs: CORPUS_DOCS, seed: 'specguard-bench', now: '2026-11-21' });
      const files = globbySync('**/*.md', { cwd: corpusRoot, dot: true });
      const { accepted, total } = compare(files, corpusRoot);
      // The corpus is written in the subset the fast path exists for; most of it must not fall back.
      expect(accepted / total).toBeGreaterThan(0.8);
    },
    600_000,
  );

  it('equals the remark scan on every fixture and on this repository', () => {
    const files = globbySync(['test/fixtures/**/*.md', 'state/**/*.md', 'tasks/**/*.md', '*.md'], { dot: true });
    const { accepted } = compare(files, '.');
    expect(accepted).toBeGreaterThan(0);
  });

  it('takes on the seed-004 task list, and agrees with remark on it', () => {
    const file = 'test/fixtures/seed-004/tasks/tasks-0001-codex-orchestrator.md';
    const { fast, remark } = bothScans(readFileSync(file, 'utf8'), file);
    expect(fast).toBeDefined();
    expect(fast).toEqual(remark);
  });

  it.each([
    ['a footnote', '- [x] done[^1] `a.md`\n\n[^1]: see the log\n'],
    ['strikethrough in a task item', '- [x] ~~old~~ new `a.md`\n'],
    ['a definition whose title is on the next line', '- [x] see [log][1]\n\n[1]: a.md\n  "the log"\n'],
    ['a tab in the indentation of a list item', '- [x] a\n\t- [ ] b `a.md`\n'],
    ['a tab after a list marker', '-\t[x] `a.md`\n'],
    ['a named character reference it does not know, in a task item', '- [x] `a.md` &sup1;\n'],
    ['a bare URL inside brackets (linked by mdast without a position)', '- [x] see [the run at https://example.com/run]\n'],
    ['inline HTML across lines in a task item', '- [x] <span\n  class="x">done</span> `a.md`\n'],
    ['a checkbox followed by blanks only', '- [x]   \n  done `a.md`\n'],
    ['an HTML tag alone on a lazy line', '- [x] done `a.md`\n<span>\n[log](b.md)\n'],
    ['inline markup around a lazy line in a task item', '- [x] done <!--\nlazy\n  ![i](p.png) `a.md`\n'],
  ])('declines %s (and remark decides)', (_, text) => {
    expect(exactScans(text).fast).toBeUndefined();
  });

  it.each([
    ['a block quote', '> - [x] quoted `a.md`\n'],
    ['HTML', '<details>\n\n- [x] inside `a.md`\n\n</details>\n'],
    ['a table', '| a | b |\n| - | - |\n| [x] | `a.md` |\n'],
    ['a definition inside a list', '- [x] see [log][1]\n\n  [1]: a.md\n'],
    ['an undefined full reference', '- [x] see [log][nope] `a.md`\n'],
    ['an image reference', '- [x] ![shot][1]\n\n[1]: a.png\n'],
    ['a setext heading', 'Title\n=====\n\n- [x] `a.md`\n'],
    ['a thematic break', '- [x] `a.md`\n\n---\n\n- [ ] b\n'],
    ['indented code', '    - [x] not an item `a.md`\n'],
    ['emphasis', '- [x] **done** `a.md`\n'],
    ['a bare URL', '- [x] see https://example.com/run\n'],
    ['an e-mail address', '- [x] asked ops@example.com\n'],
    ['a backslash escape', '- [x] \\[not a link](a.md)\n'],
    ['an entity', '- [x] `a.md` &amp; `b.md`\n'],
    ['a code span across lines', '- [x] `a\n  .md`\n'],
    ['a link destination in angle brackets', '- [x] [log](<a b.md>)\n'],
    ['nested brackets', '- [x] [a [b]](a.md)\n'],
    ['an unclosed fence', '```\n- [x] `a.md`\n'],
    ['an ordered item after a paragraph', 'text\n2. [x] `a.md`\n'],
    ['a heading in a list', '- a\n  # h\n- [x] `a.md`\n'],
    ['emphasis and entities in a heading', '# The **plan** &amp; _its_ `steps`\n\n## Setext *too*\n---\n'],
    ['HTML blocks of every kind', '<!-- a\n- [x] not `a.md`\n-->\n<div>\n- [x] raw\n\n- [ ] real `b.md`\n<script>\n- [x] no\n</script>\n<?p x ?>\n'],
    ['HTML blocks and fences on lazy lines', '- [ ] a `a.md`\n<!-- AC:END -->\n- [x] b\n<div>\nraw [x](y)\n\n- [x] c\n```\n- [x] code\n```\n'],
    ['a block quote with a lazy line and a nested task list', '> - [x] quoted `a.md`\nlazy *text*\n>   - [ ] child https://example.com/x.\n'],
    ['a table with links and pipes in code', '| task | log |\n|:--|--:|\n| `a \\| b` | [run](a.md) |\nnot a new block\n\n- [x] after `b.md`\n'],
    ['hard breaks and escapes in an item', '- [x] first  \n  second\\\n  third \\*not em\\* `a.md`\n'],
    ['an item that is a thematic break, and a setext heading in an item', '- ***\n- [x] a\n  ---\n- [ ] b\n'],
  ])('agrees with remark, exactly, on %s', (_, text) => {
    const { fast, remark, declined } = exactScans(text);
    expect(declined).toBeUndefined();
    expect(fast).toEqual(remark);
  });

  it.each([
    ['nested task items and lazy continuation', '- [x] parent `a.md`\n  - [ ] child\ncontinued `b.md`\n\n1. [X] ordered [log](c.md)\n   1. [x] deeper 3f9c2ab1 and #12\n'],
    ['fenced code that looks like items', '- [x] real `a.md`\n\n```md\n- [x] fake `b.md`\n```\n\n~~~\n[x] `c.md`\n~~~\n'],
    ['checkbox-like text in prose and code spans', 'Flip it to [x] when done; `- [x]` is the syntax.\n\n- [ ] open\n'],
    ['headings and links', '# Packet\n\n## Acceptance criteria\n\n- [ ] see [spec](../specs/a.md) and ![img](i.png)\n\n## Notes #\n'],
    ['reference links and definitions (used before they are defined)', '- [x] see [log][run-1] and [run-2][] and [Run-3]\n- [ ] [x] stays text\n\n[run-1]: ../.runs/1/manifest.json\n[run-2]: b.md "the second"\n[run-3]: c.md\n'],
    ['link titles', '- [x] [log](a.md "run 1") and [other](b.md \'two\')\n'],
    ['headings that are only a closing sequence (`# #`) and headings that end in one', '# # \n\n## # #\n\n# #\n\n### a ###\n\n- [ ] item\n'],
    ['a fence inside an item', '- [x] ran it `a.md`\n\n  ```sh\n  - [x] not an item\n  ```\n\n  Then `b.md`.\n- [ ] next\n'],
  ])('agrees with remark on %s', (_, text) => {
    const { fast, remark } = bothScans(text);
    expect(fast).toBeDefined();
    expect(fast).toEqual(remark);
  });
});
