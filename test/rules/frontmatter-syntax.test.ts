import { describe, expect, it } from 'vitest';
import { checkRepo, findingsOf, lines, markdown, places, ruleFindings, validPacket, validSpec } from '../helpers/check-repo.js';

const RULE = 'frontmatter-syntax';
const SPEC = 'tasks/specs/0001-core.md';

describe('frontmatter-syntax', () => {
  it("reports unparsable YAML at the parser's line and column", async () => {
    // YAML line 2 is file line 3; `b: c` starts at column 8 of `title: b: c`.
    const findings = await ruleFindings(RULE, { [SPEC]: markdown(['id: 0001-core', 'title: b: c', 'status: draft', 'last_review: 2026-11-01'], '# Core') });
    expect(places(findings)).toEqual([[SPEC, 3, 8]]);
    expect(findings[0]!.severity).toBe('error');
    expect(findings[0]!.message).toBe('Frontmatter YAML does not parse: a value holds `: ` (a colon and a space), which YAML reads as a second key on the same line; put the value in quotes (Nested mappings are not allowed in compact mappings).');
  });

  it('reports an unclosed flow sequence where the parser gives up', async () => {
    const findings = await ruleFindings(RULE, { [SPEC]: markdown(['id: 0001-core', 'title: [x', 'status: draft'], '# Core') });
    expect(places(findings)).toEqual([[SPEC, 4, 1]]);
    expect(findings[0]!.message).toContain('Frontmatter YAML does not parse');
  });

  it('reports a tab used as indentation', async () => {
    const findings = await ruleFindings(RULE, { [SPEC]: markdown(['id: 0001-core', '\ttitle: Core'], '# Core') });
    expect(places(findings)).toEqual([[SPEC, 3, 1]]);
    expect(findings[0]!.message).toContain('Tabs are not allowed as indentation');
  });

  it('reports a duplicate key at its second occurrence', async () => {
    const findings = await ruleFindings(RULE, { [SPEC]: markdown(['id: 0001-core', 'title: Core', 'status: draft', 'title: Again', 'last_review: 2026-11-01'], '# Core') });
    expect(places(findings)).toEqual([[SPEC, 5, 1]]);
    expect(findings[0]!.message).toContain('Map keys must be unique');
  });

  it('reports a duplicate key in a JSON document (a run manifest claiming two statuses)', async () => {
    const findings = await ruleFindings(RULE, {
      '.runs/460/a/manifest.json': lines('{', '  "run_id": "a", "task_id": "460", "started_at": "2026-11-20T10:00:00Z",', '  "status": "failed",', '  "status": "succeeded"', '}'),
    });
    expect(places(findings)).toEqual([['.runs/460/a/manifest.json', 4, 3]]);
    expect(findings[0]!.message).toContain('status');
  });

  it('reports an unresolved alias and an alias bomb instead of expanding them', async () => {
    const findings = await ruleFindings(RULE, {
      'tasks/specs/0001-alias.md': markdown(['id: 0001-alias', 'title: *nope', 'status: draft', 'last_review: 2026-11-01'], '# Alias'),
      'tasks/specs/0002-bomb.md': markdown(
        ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]'],
        '# Bomb',
      ),
    });
    expect(findings.map((f) => f.file)).toEqual(['tasks/specs/0001-alias.md', 'tasks/specs/0002-bomb.md']);
    expect(findings[0]!.message).toContain('Unresolved alias');
    expect(findings[1]!.message).toContain('alias');
  });

  it('reports unterminated frontmatter at its opening fence', async () => {
    const findings = await ruleFindings(RULE, { 'state/packets/460.md': lines('---', 'task: 460', 'title: Never closed', '', '## Objective', '- [ ] x') });
    expect(places(findings)).toEqual([['state/packets/460.md', 1, 1]]);
    expect(findings[0]!.message).toBe('Frontmatter opened with `---` on line 1 is never closed by a `---` line.');
  });

  it('reports a JSON document that does not parse, at the parser offset', async () => {
    const findings = await ruleFindings(RULE, { '.runs/460/a/manifest.json': lines('{', '  "run_id": "a"', '  "status": "failed"', '}') });
    expect(places(findings)).toEqual([['.runs/460/a/manifest.json', 3, 3]]);
    expect(findings[0]!.message).toBe('JSON does not parse: comma expected.');
  });

  it('reports a broken tasks/index.json', async () => {
    const findings = await ruleFindings(RULE, { 'tasks/index.json': lines('{ "items": [', '  { "id": "a", "path": "x.md" },', '] }') });
    expect(findings.map((f) => [f.file, f.line])).toEqual([['tasks/index.json', 3]]);
    expect(findings[0]!.message).toMatch(/^JSON does not parse: /);
  });

  it('keeps schema validation out of a document whose frontmatter does not parse', async () => {
    const report = await checkRepo({ [SPEC]: markdown(['id: 0001-core', 'id: again'], '# Core') });
    expect(places(findingsOf(report, RULE))).toEqual([[SPEC, 3, 1]]);
    expect(findingsOf(report, 'frontmatter-schema')).toEqual([]);
  });

  it('accepts valid frontmatter, files without frontmatter, CRLF files and valid JSON', async () => {
    const findings = await ruleFindings(RULE, {
      [SPEC]: validSpec('0001-core'),
      'tasks/specs/0002-crlf.md': validSpec('0002-crlf').replace(/\n/g, '\r\n'),
      'tasks/specs/0003-dots.md': lines('---', 'id: 0003-dots', 'title: Closed with dots', 'status: draft', 'last_review: 2026-11-01', '...', '# Dots'),
      'tasks/tasks-0001.md': lines('# Tasks', '', '- [ ] nothing yet', '', '---', '', 'a thematic break is not frontmatter'),
      'state/packets/460.md': validPacket(),
      '.runs/460/a/manifest.json': { run_id: 'a', task_id: 460, started_at: '2026-11-20T10:00:00Z', status: 'succeeded' },
      // The control: an unclosed quote.
      'tasks/specs/0009-broken.md': markdown(['id: 0009-broken', 'title: "unclosed'], '# Broken'),
    });
    expect(findings.map((f) => f.file)).toEqual(['tasks/specs/0009-broken.md']);
  });
});
