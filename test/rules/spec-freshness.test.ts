import { describe, expect, it } from 'vitest';
import { checkRepo, lines, markdown, places, ruleFindings, specFrontmatter } from '../helpers/check-repo.js';

const RULE = 'spec-freshness';
const SPEC = 'tasks/specs/0001-core.md';

/** A draft spec; `last_review` is on line 5, its value at column 14. */
function spec(lastReview: string, ...extra: string[]): Record<string, string> {
  return { [SPEC]: markdown([...specFrontmatter('0001-core', lastReview), ...extra], '# Core') };
}

describe('spec-freshness', () => {
  it('reports a review older than the default 30 days, at the last_review value, with its age', async () => {
    const findings = await ruleFindings(RULE, spec('2026-10-21'));
    expect(places(findings)).toEqual([[SPEC, 5, 14]]);
    expect(findings[0]!.severity).toBe('error');
    expect(findings[0]!.message).toBe(
      'Review is stale: `last_review` 2026-10-21 is 31 days old, over the 30-day window; review the spec and update `last_review`.',
    );
  });

  it('gives the age in days for a much older review', async () => {
    const findings = await ruleFindings(RULE, spec('2025-11-21'));
    expect(places(findings)).toEqual([[SPEC, 5, 14]]);
    expect(findings[0]!.message).toContain('is 365 days old');
  });

  it('accepts a review exactly 30 days old, and a review today', async () => {
    expect(await ruleFindings(RULE, spec('2026-10-22'))).toEqual([]);
    expect(await ruleFindings(RULE, spec('2026-11-21'))).toEqual([]);
    // One day more is stale.
    expect(places(await ruleFindings(RULE, spec('2026-10-21')))).toEqual([[SPEC, 5, 14]]);
  });

  it('lets review_interval_days widen the window', async () => {
    expect(await ruleFindings(RULE, spec('2026-10-01', 'review_interval_days: 60'))).toEqual([]);
    const findings = await ruleFindings(RULE, spec('2026-09-21', 'review_interval_days: 60'));
    expect(places(findings)).toEqual([[SPEC, 5, 14]]);
    expect(findings[0]!.message).toContain('is 61 days old, over the 60-day window');
  });

  it('lets review_interval_days narrow the window', async () => {
    const findings = await ruleFindings(RULE, spec('2026-11-11', 'review_interval_days: 7'));
    expect(places(findings)).toEqual([[SPEC, 5, 14]]);
    expect(findings[0]!.message).toContain('is 10 days old, over the 7-day window');
  });

  it('uses the config freshness.days when the spec has no review_interval_days', async () => {
    const findings = await ruleFindings(RULE, spec('2026-11-10'), { config: { freshness: { days: 10 } } });
    expect(places(findings)).toEqual([[SPEC, 5, 14]]);
    expect(findings[0]!.message).toContain('is 11 days old, over the 10-day window');
    expect(await ruleFindings(RULE, spec('2026-09-01'), { config: { freshness: { days: 90 } } })).toEqual([]);
  });

  it('reads freshness.days from specguard.config.yaml', async () => {
    const findings = await ruleFindings(RULE, { ...spec('2026-11-10'), 'specguard.config.yaml': lines('freshness:', '  days: 5') });
    expect(findings[0]!.message).toContain('over the 5-day window');
  });

  it('prefers review_interval_days over the config window', async () => {
    expect(await ruleFindings(RULE, spec('2026-11-10', 'review_interval_days: 30'), { config: { freshness: { days: 5 } } })).toEqual([]);
    const findings = await ruleFindings(RULE, spec('2026-11-10', 'review_interval_days: 3'), { config: { freshness: { days: 90 } } });
    expect(findings[0]!.message).toContain('is 11 days old, over the 3-day window');
  });

  it('reports a spec whose last_review is empty, at the start of its frontmatter', async () => {
    const findings = await ruleFindings(RULE, { [SPEC]: markdown(['id: 0001-core', 'title: Core', 'status: draft', 'last_review:'], '# Core') });
    expect(places(findings)).toEqual([[SPEC, 2, 1]]);
    expect(findings[0]!.severity).toBe('error');
    expect(findings[0]!.message).toContain('Mini-spec has no `last_review` date');
    const quoted = await ruleFindings(RULE, { [SPEC]: markdown(['id: 0001-core', 'title: Core', 'status: draft', 'last_review: ""'], '# Core') });
    expect(places(quoted)).toEqual([[SPEC, 2, 1]]);
  });

  it('reports a missing last_review key once, through frontmatter-schema', async () => {
    const report = await checkRepo({
      [SPEC]: markdown(['id: 0001-core', 'title: Core', 'status: draft'], '# Core'),
      'tasks/specs/0002-stale.md': markdown(specFrontmatter('0002-stale', '2026-01-01'), '# Stale'),
    });
    const missing = report.findings.filter((f) => f.message.includes('last_review'));
    expect(missing.map((f) => [f.ruleId, f.file, f.line, f.column])).toEqual([
      ['frontmatter-schema', SPEC, 2, 1],
      [RULE, 'tasks/specs/0002-stale.md', 5, 14],
    ]);
  });

  it('reports a last_review in the future', async () => {
    const findings = await ruleFindings(RULE, spec('2026-11-25'));
    expect(places(findings)).toEqual([[SPEC, 5, 14]]);
    expect(findings[0]!.message).toBe('`last_review` 2026-11-25 is 4 days in the future; write the date the review happened.');
    expect((await ruleFindings(RULE, spec('2026-11-22')))[0]!.message).toContain('is 1 day in the future');
  });

  it('skips a superseded spec, however old', async () => {
    const findings = await ruleFindings(RULE, {
      [SPEC]: markdown(['id: 0001-core', 'title: Core', 'status: superseded', 'superseded_by: 0002-core', 'last_review: 2020-01-01'], '# Core'),
      'tasks/specs/0002-core.md': markdown(['id: 0002-core', 'title: Core', 'status: in-review', 'last_review: 2020-01-01'], '# Core v2'),
    });
    expect(places(findings)).toEqual([['tasks/specs/0002-core.md', 5, 14]]);
  });

  it('measures against the clock it is given', async () => {
    const files = spec('2026-10-21');
    expect(await ruleFindings(RULE, files, { now: '2026-11-20' })).toEqual([]);
    expect(places(await ruleFindings(RULE, files, { now: '2026-11-21T23:59:00Z' }))).toEqual([[SPEC, 5, 14]]);
  });

  it('only looks at mini-specs', async () => {
    const findings = await ruleFindings(RULE, {
      'tasks/tasks-0001.md': markdown(['title: Tasks', 'updated: 2020-01-01'], '- [ ] a'),
      'tasks/notes/old.md': markdown(['last_review: 2020-01-01'], 'Not a spec'),
      'state/packets/old.md': markdown(['last_review: 2020-01-01'], 'Not a spec'),
      'tasks/specs/nested/old.md': markdown(specFrontmatter('nested', '2020-01-01'), 'Not found by tasks/specs/*.md'),
      [SPEC]: markdown(specFrontmatter('0001-core', '2020-01-01'), '# The only spec'),
    });
    expect(places(findings)).toEqual([[SPEC, 5, 14]]);
  });
});
