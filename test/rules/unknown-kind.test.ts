import { describe, expect, it } from 'vitest';
import { checkRepo, findingsOf, lines, markdown, places, ruleFindings, specFrontmatter } from '../helpers/check-repo.js';

const RULE = 'unknown-kind';
const SPEC = 'tasks/specs/0001-core.md';

describe('unknown-kind', () => {
  it('reports a kind: that names no kind, at its value, listing the known kinds', async () => {
    const report = await checkRepo({ [SPEC]: markdown(['id: 0001-core', 'kind: adr', 'title: Core'], '# Core') });
    const findings = findingsOf(report, RULE);
    expect(places(findings)).toEqual([[SPEC, 3, 7]]);
    expect(findings[0]!.severity).toBe('error');
    expect(findings[0]!.message).toContain('Unknown kind `adr`; known kinds: `mini-spec`, `task-list`, `task-packet`, `checkpoint`, `run-manifest`, `tasks-index`');
    // The schema was not checked: no complaint about the missing status or last_review.
    expect(findingsOf(report, 'frontmatter-schema')).toEqual([]);
  });

  it('accepts a kind: that names a built-in kind, and validates the file as that kind', async () => {
    const report = await checkRepo({
      [SPEC]: markdown(['kind: mini-spec', ...specFrontmatter('0001-core', '2026-11-01')], '# Core'),
      // Found by the mini-spec glob, but declares itself a task list.
      'tasks/specs/0002-list.md': markdown(['kind: task-list', 'title: A list under specs'], '- [ ] a'),
      // The control: a kind name with a typo.
      'tasks/specs/0003-typo.md': markdown(['kind: minispec', 'title: Typo'], '# Typo'),
    });
    expect(places(findingsOf(report, RULE))).toEqual([['tasks/specs/0003-typo.md', 2, 7]]);
    expect(findingsOf(report, 'frontmatter-schema')).toEqual([]);
    expect(findingsOf(report, 'spec-freshness')).toEqual([]);
  });

  it('accepts a kind: that names a custom kind from the config', async () => {
    const root = {
      'schemas/adr.schema.json': {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        required: ['title'],
        properties: { kind: { const: 'adr' }, title: { type: 'string' } },
      },
      'docs/adr/0001.md': markdown(['kind: adr', 'title: Use remark'], '# ADR'),
      'tasks/specs/0009-adr.md': markdown(['kind: adr', 'title: Filed with the specs'], '# ADR'),
      'tasks/specs/0010-rfc.md': markdown(['title: Not configured', 'kind: rfc'], '# RFC'),
    };
    const findings = await ruleFindings(RULE, root, { config: { kinds: { adr: { globs: ['docs/adr/*.md'], schema: 'schemas/adr.schema.json' } } } });
    expect(places(findings)).toEqual([['tasks/specs/0010-rfc.md', 3, 7]]);
    expect(findings[0]!.message).toContain('`tasks-index`, `feature-spec`, `module-manifest`, `open-loops`, `adr`.');
  });

  it('ignores files without a kind: field', async () => {
    const findings = await ruleFindings(RULE, {
      'tasks/tasks-0001.md': lines('# Tasks', '- [ ] a'),
      'tasks/specs/0001-core.md': markdown(specFrontmatter('0001-core', '2026-11-01'), '# Core'),
      'tasks/tasks-0002.md': markdown(['kind: todo'], '- [ ] b'),
    });
    expect(places(findings)).toEqual([['tasks/tasks-0002.md', 2, 7]]);
  });
});
