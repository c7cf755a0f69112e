import { describe, expect, it } from 'vitest';
import { findFrontmatter } from '../../src/document/frontmatter.js';
import { checkRepo, findingsOf, places } from '../helpers/check-repo.js';

describe('findFrontmatter', () => {
  it('splits off a block fenced by --- lines', () => {
    const text = '---\nid: a\ntitle: b\n---\n# Body\n';
    const block = findFrontmatter(text);
    expect(block).toEqual({ yaml: 'id: a\ntitle: b\n', yamlOffset: 4, bodyOffset: 23, terminated: true });
    expect(text.slice(block!.bodyOffset)).toBe('# Body\n');
  });

  it('handles CRLF line endings', () => {
    const text = '---\r\nid: a\r\n---\r\n# Body\r\n';
    const block = findFrontmatter(text);
    expect(block).toEqual({ yaml: 'id: a\r\n', yamlOffset: 5, bodyOffset: 17, terminated: true });
    expect(text.slice(block!.bodyOffset)).toBe('# Body\r\n');
  });

  it('handles lone CR line endings', () => {
    const text = '---\rid: a\r---\r# Body\r';
    const block = findFrontmatter(text);
    expect(block).toEqual({ yaml: 'id: a\r', yamlOffset: 4, bodyOffset: 14, terminated: true });
    expect(text.slice(block!.bodyOffset)).toBe('# Body\r');
  });

  it('accepts ... as the closing fence, trailing blanks on fences, and a fence at the end of the text', () => {
    expect(findFrontmatter('---\nid: a\n...\nbody')).toMatchObject({ yaml: 'id: a\n', terminated: true, bodyOffset: 14 });
    expect(findFrontmatter('--- \t\nid: a\n---  \nbody')).toMatchObject({ yaml: 'id: a\n', yamlOffset: 6, terminated: true, bodyOffset: 18 });
    expect(findFrontmatter('---\nid: a\n---')).toEqual({ yaml: 'id: a\n', yamlOffset: 4, bodyOffset: 13, terminated: true });
  });

  it('finds an empty block', () => {
    expect(findFrontmatter('---\n---\nbody')).toEqual({ yaml: '', yamlOffset: 4, bodyOffset: 8, terminated: true });
  });

  it('does not close on an indented --- or a longer rule', () => {
    expect(findFrontmatter('---\ntext: |\n  ---\n----\n---\nbody')).toMatchObject({ yaml: 'text: |\n  ---\n----\n', terminated: true });
  });

  it('finds no block unless the very first line is ---', () => {
    for (const text of ['# Title\n---\nid: a\n---\n', '----\nid: a\n----\n', ' ---\nid: a\n---\n', '--- x\nid: a\n---\n', '---', '', '\n---\nid: a\n---\n']) {
      expect(findFrontmatter(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('expects the byte-order mark to be removed first', () => {
    expect(findFrontmatter('\uFEFF---\nid: a\n---\n')).toBeUndefined();
  });

  it('reports an unterminated block, holding the rest of the text', () => {
    const text = '---\nid: a\n# Body\n';
    expect(findFrontmatter(text)).toEqual({ yaml: 'id: a\n# Body\n', yamlOffset: 4, bodyOffset: text.length, terminated: false });
    expect(findFrontmatter('---\n')).toEqual({ yaml: '', yamlOffset: 4, bodyOffset: 4, terminated: false });
    expect(findFrontmatter('---\r\nid: a\r\n')).toMatchObject({ yamlOffset: 5, terminated: false });
  });
});

describe('frontmatter in checked files', () => {
  const SPEC = 'tasks/specs/0001-core.md';

  it('reads frontmatter after a byte-order mark', async () => {
    const report = await checkRepo({ [SPEC]: '\uFEFF---\nid: 0001-core\ntitle: Core\nstatus: final\nlast_review: 2026-11-01\n---\n# Core\n' });
    // The frontmatter was found and validated: the bad status is reported where it is written.
    expect(places(findingsOf(report, 'frontmatter-schema'))).toEqual([[SPEC, 4, 1]]);
    expect(findingsOf(report, 'frontmatter-syntax')).toEqual([]);
  });

  it.each([
    ['CRLF', '\r\n'],
    ['lone CR', '\r'],
  ])('parses %s frontmatter and places schema findings at the right line', async (_name, eol) => {
    const report = await checkRepo({ [SPEC]: ['---', 'id: 0001-core', 'title: Core', 'status: final', 'last_review: 2026-11-01', '---', '# Core', ''].join(eol) });
    expect(findingsOf(report, 'frontmatter-syntax')).toEqual([]);
    expect(places(findingsOf(report, 'frontmatter-schema'))).toEqual([[SPEC, 4, 1]]);
  });

  it('reports unterminated frontmatter at line 1 and checks nothing else about it', async () => {
    const report = await checkRepo({ [SPEC]: '---\r\nid: 0001-core\r\ntitle: Core\r\n\r\n# Core\r\n' });
    expect(places(findingsOf(report, 'frontmatter-syntax'))).toEqual([[SPEC, 1, 1]]);
    expect(findingsOf(report, 'frontmatter-syntax')[0]!.message).toContain('never closed');
    expect(findingsOf(report, 'frontmatter-schema')).toEqual([]);
    expect(findingsOf(report, 'spec-freshness')).toEqual([]);
  });
});
