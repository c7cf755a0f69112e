import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../src/document/line-index.js';
import { NOW, checkRepo, findingsOf, places } from '../helpers/check-repo.js';

/** `line:column` of every offset of a text, including the one just past its end. */
function placesOf(text: string): string[] {
  const index = new LineIndex(text);
  return Array.from({ length: text.length + 1 }, (_, offset) => {
    const { line, column } = index.place(offset);
    return `${line}:${column}`;
  });
}

describe('LineIndex', () => {
  it('maps offsets of an empty text to 1:1', () => {
    const index = new LineIndex('');
    expect(index.lineCount).toBe(1);
    expect(index.place(0)).toEqual({ line: 1, column: 1 });
  });

  it('counts \\n line endings; the ending belongs to its line', () => {
    expect(placesOf('ab\ncd\n')).toEqual(['1:1', '1:2', '1:3', '2:1', '2:2', '2:3', '3:1']);
    expect(new LineIndex('ab\ncd\n').lineCount).toBe(3);
    expect(new LineIndex('ab\ncd').lineCount).toBe(2);
  });

  it('counts \\r\\n as one line ending', () => {
    expect(placesOf('ab\r\ncd\r\n')).toEqual(['1:1', '1:2', '1:3', '1:4', '2:1', '2:2', '2:3', '2:4', '3:1']);
    expect(new LineIndex('ab\r\ncd\r\n').lineCount).toBe(3);
  });

  it('counts a lone \\r as a line ending', () => {
    expect(placesOf('ab\rcd\r')).toEqual(['1:1', '1:2', '1:3', '2:1', '2:2', '2:3', '3:1']);
    expect(new LineIndex('a\rb\rc').lineCount).toBe(3);
  });

  it('handles mixed endings, \\r\\r\\n and \\n\\r', () => {
    expect(placesOf('a\nb\r\nc\rd')).toEqual(['1:1', '1:2', '2:1', '2:2', '2:3', '3:1', '3:2', '4:1', '4:2']);
    expect(new LineIndex('\r\r\n').lineCount).toBe(3);
    expect(new LineIndex('\n\r').lineCount).toBe(3);
    expect(new LineIndex('\n\n\n').place(3)).toEqual({ line: 4, column: 1 });
  });

  it('counts columns in UTF-16 code units', () => {
    const text = 'é🚀x\nÿ';
    const index = new LineIndex(text);
    expect(index.place(text.indexOf('x'))).toEqual({ line: 1, column: 4 });
    expect(index.place(text.indexOf('ÿ'))).toEqual({ line: 2, column: 1 });
  });

  it('clamps offsets outside the text, and floors fractions', () => {
    const index = new LineIndex('ab\ncd');
    expect(index.place(-5)).toEqual({ line: 1, column: 1 });
    expect(index.place(1000)).toEqual({ line: 2, column: 3 });
    expect(index.place(3.9)).toEqual({ line: 2, column: 1 });
  });
});

describe('line endings in checked files', () => {
  const spec = (eol: string, bom = ''): string => `${bom}${['---', 'id: 0001-core', 'title: Core', 'status: draft', 'last_review: 2026-10-01', '---', '# Core', ''].join(eol)}`;
  const list = (eol: string): string => ['# Tasks', '', '- [ ] open', '- [x] shipped', ''].join(eol);

  it.each([
    ['\\n', '\n'],
    ['\\r\\n', '\r\n'],
    ['lone \\r', '\r'],
  ])('places findings at the same line and column with %s endings', async (_name, eol) => {
    const report = await checkRepo({ 'tasks/specs/0001-core.md': spec(eol), 'tasks/tasks-0001.md': list(eol) }, { now: NOW });
    expect(places(findingsOf(report, 'spec-freshness'))).toEqual([['tasks/specs/0001-core.md', 5, 14]]);
    expect(places(findingsOf(report, 'checkbox-evidence'))).toEqual([['tasks/tasks-0001.md', 4, 3]]);
    expect(findingsOf(report, 'frontmatter-syntax')).toEqual([]);
    expect(findingsOf(report, 'frontmatter-schema')).toEqual([]);
  });

  it('ignores a byte-order mark when placing findings', async () => {
    const report = await checkRepo({ 'tasks/specs/0001-core.md': spec('\r\n', '\uFEFF'), 'tasks/tasks-0001.md': `\uFEFF${list('\n')}` });
    expect(places(findingsOf(report, 'spec-freshness'))).toEqual([['tasks/specs/0001-core.md', 5, 14]]);
    expect(places(findingsOf(report, 'checkbox-evidence'))).toEqual([['tasks/tasks-0001.md', 4, 3]]);
  });
});
