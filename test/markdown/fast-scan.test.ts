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
import { bothScans } from './scan-equivalence.js';

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
    ['a block quote', '> - [x] quoted `a.md`\n'],
    ['HTML', '<details>\n\n- [x] inside `a.md`\n\n</details>\n'],
    ['a table', '| a | b |\n| - | - |\n| [x] | `a.md` |\n'],
    ['a definition inside a list', '- [x] see [log][1]\n\n  [1]: a.md\n'],
    ['an undefined full reference', '- [x] see [log][nope] `a.md`\n'],
    ['an image reference', '- [x] ![shot][1]\n\n[1]: a.png\n'],
    ['a setext heading', 'Title\n=====\n\n- [x] `a.md`\n'],
    ['a thematic break', '- [x] `a.md`\n\n---\n\n- [ ] b\n'],
    ['indented code', '    - [x] not an item `a.md`\n'],
    ['a tab', '-\t[x] `a.md`\n'],
    ['emphasis', '- [x] **done** `a.md`\n'],
    ['a bare URL', '- [x] see https://example.com/run\n'],
    ['an e-mail address', '- [x] asked ops@example.com\n'],
    ['a backslash escape', '- [x] \\[not a link](a.md)\n'],
    ['an entity', '- [x] `a.md` &amp; `b.md`\n'],
    ['a code span across lines', '- [x] `a\n  .md`\n'],
    ['a link destination in angle brackets', '- [x] [log](<a b.md>)\n'],
    ['nested brackets', '- [x] [a [b]](a.md)\n'],
    ['an unclosed fence', '```\n- [x] `a.md`\n'],
    ['an ordered item interrupting a paragraph', 'text\n2. [x] `a.md`\n'],
    ['a heading in a list', '- a\n  # h\n- [x] `a.md`\n'],
  ])('declines %s (and remark decides)', (_, text) => {
    expect(bothScans(text).fast).toBeUndefined();
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
