import { describe, expect, it } from 'vitest';
import { lines, places, ruleFindings, validSpec } from '../helpers/check-repo.js';

const RULE = 'index-consistency';
const INDEX = 'tasks/index.json';

describe('index-consistency', () => {
  it('reports a missing path, an unindexed mini-spec and a last_review mismatch, each where it is written', async () => {
    const findings = await ruleFindings(RULE, {
      'tasks/specs/0001-core.md': validSpec('0001-core', '2026-11-01'),
      'tasks/specs/0003-old.md': validSpec('0003-old', '2026-11-05'),
      'tasks/specs/0004-new.md': validSpec('0004-new', '2026-11-10'),
      [INDEX]: lines(
        '{',
        '  "items": [',
        '    { "id": "0001-core", "path": "tasks/specs/0001-core.md", "last_review": "2026-11-01" },',
        '    { "id": "0002-gone", "path": "tasks/specs/0002-gone.md", "last_review": "2026-11-01" },',
        '    { "id": "0003-old", "path": "/tasks/specs/0003-old.md", "last_review": "2026-10-01" }',
        '  ]',
        '}',
      ),
    });
    expect(places(findings)).toEqual([
      [INDEX, 2, 3],
      [INDEX, 4, 34],
      [INDEX, 5, 76],
    ]);
    expect(findings.every((f) => f.severity === 'error')).toBe(true);
    expect(findings[0]!.message).toBe('Mini-spec `tasks/specs/0004-new.md` is missing from the index; add an entry with its id, path and last_review.');
    expect(findings[1]!.message).toBe('Index entry `0002-gone` names `tasks/specs/0002-gone.md`, which does not exist.');
    expect(findings[2]!.message).toBe('Index gives `last_review` 2026-10-01 for `tasks/specs/0003-old.md`, but the spec says 2026-11-05; make them agree.');
  });

  it("reports an entry id that differs from the spec's id", async () => {
    const findings = await ruleFindings(RULE, {
      'tasks/specs/0001-core.md': validSpec('0001-core'),
      [INDEX]: lines('{', '  "items": [', '    { "id": "core", "path": "tasks/specs/0001-core.md", "last_review": "2026-11-01" }', '  ]', '}'),
    });
    expect(places(findings)).toEqual([[INDEX, 3, 13]]);
    expect(findings[0]!.message).toBe("Index entry id `core` differs from the spec's id `0001-core` in `tasks/specs/0001-core.md`.");
  });

  it('reports an index path that leaves the repository', async () => {
    const findings = await ruleFindings(RULE, {
      [INDEX]: lines('{', '  "items": [', '    { "id": "x", "path": "../outside.md" }', '  ]', '}'),
    });
    expect(places(findings)).toEqual([[INDEX, 3, 26]]);
    expect(findings[0]!.message).toBe('Index path `../outside.md` leaves the repository.');
  });

  it('accepts an index in step with its specs, with other documents, a leading / and extra fields', async () => {
    const findings = await ruleFindings(RULE, {
      'tasks/specs/0001-core.md': validSpec('0001-core', '2026-11-01'),
      'tasks/specs/0002-io.md': validSpec('0002-io', '2026-11-02'),
      'tasks/0001-prd.md': '# PRD\n',
      [INDEX]: {
        gates: { prd: { status: 'approved' } },
        items: [
          { id: '0001-prd', path: '/tasks/0001-prd.md', kind: 'prd', status: 'approved' },
          { id: '0001-core', path: 'tasks/specs/0001-core.md', kind: 'mini-spec', status: 'draft', last_review: '2026-11-01' },
          { id: '0002-io', path: '/tasks/specs/0002-io.md', kind: 'mini-spec', status: 'draft' },
          { id: '0003-typo', path: 'tasks/specs/0003-tpyo.md' },
        ],
      },
    });
    expect(findings.map((f) => [f.file, f.message])).toEqual([[INDEX, 'Index entry `0003-typo` names `tasks/specs/0003-tpyo.md`, which does not exist.']]);
  });

  it('says nothing when there is no index', async () => {
    const files = { 'tasks/specs/0001-core.md': validSpec('0001-core') };
    expect(await ruleFindings(RULE, files)).toEqual([]);
    // With an index, the same spec must be in it.
    expect(places(await ruleFindings(RULE, { ...files, [INDEX]: lines('{', '  "items": []', '}') }))).toEqual([[INDEX, 2, 3]]);
  });
});
