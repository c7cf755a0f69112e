/**
 * Hostile and broken YAML frontmatter: every case is a finding at a place
 * inside the file (or a clean parse), never a throw, a hang or a polluted
 * prototype.
 */
import { describe, expect, it } from 'vitest';
import { parseYamlMetadata } from '../../src/document/metadata.js';
import { checkRepo, findingsOf, lines, markdown, packetFrontmatter, places, specFrontmatter } from '../helpers/check-repo.js';
import { prototypeSnapshot } from './harness.js';

const SPEC = 'tasks/specs/0001-core.md';

/** A mini-spec file with these frontmatter lines. */
function spec(frontmatter: string[]): string {
  return markdown(frontmatter, '# Core');
}

const BILLION_LAUGHS = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
];

describe('YAML frontmatter', () => {
  it('unterminated: one frontmatter-syntax finding at line 1, nothing else about the file', async () => {
    const report = await checkRepo({ [SPEC]: lines('---', 'id: 0001-core', 'title: Core', '# no closing fence') });
    expect(places(findingsOf(report, 'frontmatter-syntax'))).toEqual([[SPEC, 1, 1]]);
    expect(findingsOf(report, 'frontmatter-syntax')[0]!.message).toContain('never closed');
  });

  it('a tab as indentation is a syntax error at its line', async () => {
    const report = await checkRepo({ [SPEC]: spec([...specFrontmatter('0001-core', '2026-11-01'), 'approvals:', '\t- by: someone']) });
    const found = findingsOf(report, 'frontmatter-syntax');
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBeGreaterThanOrEqual(6);
    expect(found[0]!.line).toBeLessThanOrEqual(7);
  });

  it('a duplicate key is reported at its second occurrence', async () => {
    const report = await checkRepo({ [SPEC]: spec(['id: 0001-core', 'status: draft', 'title: Core', 'status: approved', 'last_review: 2026-11-01']) });
    expect(places(findingsOf(report, 'frontmatter-syntax'))).toEqual([[SPEC, 5, 1]]);
  });

  it.each([
    ['a scalar', ['just a string']],
    ['a list', ['- one', '- two']],
    ['null', ['~']],
    ['empty', []],
  ])('a frontmatter that is %s gets a schema finding, no crash', async (_name, frontmatter) => {
    const report = await checkRepo({ [SPEC]: spec(frontmatter) });
    const found = findingsOf(report, 'frontmatter-schema');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.file === SPEC && f.line >= 1 && f.line <= 3)).toBe(true);
  });

  it('an alias bomb (billion laughs) is refused quickly, with a clear message', async () => {
    const started = performance.now();
    const metadata = parseYamlMetadata(BILLION_LAUGHS.join('\n'), 4);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(metadata.value).toBeUndefined();
    expect(metadata.syntaxError?.message).toMatch(/alias/i);
    const report = await checkRepo({ [SPEC]: spec(BILLION_LAUGHS) });
    expect(places(findingsOf(report, 'frontmatter-syntax'))).toEqual([[SPEC, 2, 1]]);
  });

  it.each([
    ['flow sequences', `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}`],
    ['flow maps', `a: ${'{a: '.repeat(10_000)}${'}'.repeat(10_000)}`],
    ['block sequences', `${'- '.repeat(10_000)}x`],
  ])('10,000-deep nesting of %s is a syntax error, not a stack overflow', (_name, yaml) => {
    const metadata = parseYamlMetadata(yaml, 4);
    expect(metadata.value).toBeUndefined();
    expect(metadata.syntaxError).toBeDefined();
    expect(metadata.syntaxError!.offset).toBeGreaterThanOrEqual(4);
    expect(metadata.syntaxError!.offset).toBeLessThanOrEqual(4 + yaml.length);
  });

  it('keys __proto__, constructor and prototype leave Object.prototype unchanged', async () => {
    const before = prototypeSnapshot();
    const hostile = ['__proto__: {polluted: yes, toString: 1}', 'constructor: {prototype: {polluted: yes}}', 'prototype: {polluted: yes}'];
    const report = await checkRepo({
      [SPEC]: spec([...specFrontmatter('0001-core', '2026-11-01'), ...hostile]),
      'state/packets/460/packet.md': markdown([...packetFrontmatter(), 'merge: &m {__proto__: {polluted: yes}}', 'other:', '  <<: *m'], '## Objective'),
      '.runs/1/manifest.json': '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}\n',
      'specguard.config.yaml': 'rules:\n  __proto__: off\n',
    }).catch((error: unknown) => error);
    // The config names an unknown rule: a clear error, still no pollution.
    expect(String((report as Error).message)).toContain('__proto__');
    const again = await checkRepo({
      [SPEC]: spec([...specFrontmatter('0001-core', '2026-11-01'), ...hostile]),
      '.runs/1/manifest.json': '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}\n',
    });
    expect(again.summary.files).toBe(2);
    expect(prototypeSnapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.toString.call([])).toBe('[object Array]');
    // The hostile keys were read as plain data: the spec's schema reports them as unknown properties.
    expect(findingsOf(again, 'frontmatter-schema').some((f) => f.file === SPEC)).toBe(true);
  });

  it('dates in YAML 1.1 forms stay the strings written, even under a %YAML 1.1 directive', async () => {
    for (const text of ['last_review: 2001-12-14t21:59:43.10-05:00\nok: yes\n', '%YAML 1.1\n---\nlast_review: 2025-10-16\nok: yes\n', 'last_review: 2001-12-14 21:59:43.10 -5\n']) {
      const value = parseYamlMetadata(text, 0).value as Record<string, unknown>;
      expect(typeof value.last_review, text).toBe('string');
      if ('ok' in value) expect(value.ok).toBe('yes');
    }
    // A YAML 1.1 timestamp is not a `date`: the schema says so at its line, and freshness does not crash.
    const report = await checkRepo({ [SPEC]: spec(['id: 0001-core', 'title: Core', 'status: draft', 'last_review: 2001-12-14 21:59:43.10 -5']) });
    expect(places(findingsOf(report, 'frontmatter-schema')).map(([file, line]) => [file, line])).toEqual([[SPEC, 5]]);
  });

  it('a 5 MB frontmatter parses in bounded time, and a duplicate key at its end is still found', async () => {
    const keys = Array.from({ length: 110_000 }, (_, i) => `key${i}: ${'v'.repeat(36)}`);
    const yaml = [...keys, 'key7: again'].join('\n');
    expect(yaml.length).toBeGreaterThan(5_000_000);
    const started = performance.now();
    const metadata = parseYamlMetadata(yaml, 4);
    // Quadratic duplicate-key checking took minutes here; linear takes seconds even on a loaded machine.
    expect(performance.now() - started).toBeLessThan(45_000);
    expect(metadata.syntaxError?.message).toBe('a key appears twice in one mapping (Map keys must be unique)');
    expect(metadata.syntaxError?.offset).toBe(4 + yaml.lastIndexOf('key7: again'));
  }, 90_000);
});
