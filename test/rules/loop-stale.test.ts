/**
 * loop-stale: an open loop of an open-loops file (the platform preset's
 * state/L3/OPEN_LOOPS.md) whose last date is older than its window. The rule
 * tests run at 2026-11-21; 2026-10-29 is 23 days before, as seed 002's
 * "23+ days stale" entry.
 */
import { describe, expect, it } from 'vitest';
import { checkRepo, lines, markdown, places, ruleFindings } from '../helpers/check-repo.js';

const RULE = 'loop-stale';
const LOOPS = 'state/L3/OPEN_LOOPS.md';
const PLATFORM = { config: { presets: ['platform'] } };

/** Findings of the rule in a platform repository whose open-loops file is these lines. */
async function loops(...text: string[]): ReturnType<typeof ruleFindings> {
  return ruleFindings(RULE, { [LOOPS]: lines(...text) }, PLATFORM);
}

describe('loop-stale', () => {
  it("reports an open loop whose last date is 23 days old, at that date, naming the loop, its date, age and window", async () => {
    const findings = await loops('# Open loops', '', '- [ ] `hp-restore-smoke.timer` never ran a restore — opened 2026-10-02, last checked 2026-10-29');
    expect(places(findings)).toEqual([[LOOPS, 3, 86]]);
    expect(findings[0]!.severity).toBe('warning');
    expect(findings[0]!.message).toBe(
      'Open loop `hp-restore-smoke.timer` was last touched 2026-10-29, 23 days ago (window 14 days): close it or record progress with a date.',
    );
  });

  it('judges a loop by its latest date, wherever it is written in the entry (a nested progress note counts)', async () => {
    const entry = '- [ ] `hp-restore-smoke.timer` never ran a restore — opened 2026-09-02';
    const progressed = await loops(entry, '  - 2026-11-18: Honcho-relevant (wave 4); acknowledged in the honcho-postgres manifest');
    expect(progressed).toEqual([]);
    const stalled = await loops(entry, '  - 2026-10-30: Honcho-relevant (wave 4)', '  - 2026-10-12: timer disabled');
    expect(places(stalled)).toEqual([[LOOPS, 2, 5]]);
    expect(stalled[0]!.message).toContain('last touched 2026-10-30, 22 days ago');
  });

  it('keeps a loop 14 days old, and reports one 15 days old', async () => {
    expect(await loops('- `backups` unverified since 2026-11-07')).toEqual([]);
    const findings = await loops('- `backups` unverified since 2026-11-06');
    expect(findings[0]!.message).toBe('Open loop `backups` was last touched 2026-11-06, 15 days ago (window 14 days): close it or record progress with a date.');
  });

  it('reports every stale loop of the file, each at its own date, and names a loop by its code span, bold lead or first words', async () => {
    const findings = await loops(
      '# Open loops',
      '',
      '## Infra',
      '',
      '- [ ] `hp-restore-smoke.timer` — 2026-10-01',
      '- **Forgejo runner** flaky since 2026-10-02',
      '- Renew the wildcard certificate: 2026-10-03',
      '1. 2026-10-04 Traefik dashboard exposed — check the allowlist',
    );
    expect(places(findings)).toEqual([
      [LOOPS, 5, 34],
      [LOOPS, 6, 34],
      [LOOPS, 7, 35],
      [LOOPS, 8, 4],
    ]);
    expect(findings.map((f) => /^Open loop (`[^`]+`)/.exec(f.message)?.[1])).toEqual([
      '`hp-restore-smoke.timer`',
      '`Forgejo runner`',
      '`Renew the wildcard certificate`',
      '`Traefik dashboard exposed`',
    ]);
  });

  it('leaves closed loops alone: ticked, struck through, marked done or ✅, or under a Closed heading', async () => {
    const findings = await loops(
      '# Open loops',
      '',
      '- [x] `n8n-worker` queue mode — 2026-09-01',
      '- ~~`traefik-v3` upgrade~~ dropped 2026-09-02',
      '- ✅ `ts-allowlist` middleware 2026-09-03',
      '- `honcho-redis` persistence audit 2026-09-04',
      '  - Status: resolved',
      '- `still-open` since 2026-09-05',
      '',
      '## Closed loops (2026)',
      '',
      '- [ ] `pg16-image` pinned 2026-09-06',
    );
    expect(findings.map((f) => f.message.slice(0, 24))).toEqual(['Open loop `still-open` w']);
  });

  it('reads a heading with fields and a dated log as one loop, and a heading that groups loops as none', async () => {
    const findings = await loops(
      '# Open loops',
      '',
      '### Loop OL-002 — Backups of honcho-postgres',
      '',
      '- **Status:** open',
      '- **Owner:** operator',
      '- 2026-10-01: first restore drill failed (pgvector missing)',
      '- 2026-10-20: drill scheduled',
      '',
      '### Loop OL-001 — Operating state',
      '',
      '- **Status:** done',
      '- 2026-09-01: CURRENT_STATE written',
      '',
      '### Honcho',
      '',
      '- [ ] `honcho-deriver` restarts 2026-10-21',
      '- [ ] `honcho-api` allowlist 2026-11-20',
    );
    expect(places(findings)).toEqual([
      [LOOPS, 8, 3],
      [LOOPS, 17, 33],
    ]);
    expect(findings[0]!.message).toBe('Open loop `Loop OL-002` was last touched 2026-10-20, 32 days ago (window 14 days): close it or record progress with a date.');
    expect(findings[1]!.message).toContain('Open loop `honcho-deriver` was last touched 2026-10-21, 31 days ago');
  });

  it("takes a loop's own window (window: N days) over the file's stale_days, and stale_days over the config", async () => {
    expect(await loops('- `slow-burn` 2026-10-29 (window: 30 days)')).toEqual([]);
    const own = await loops('- `slow-burn` 2026-10-10 (window: 30 days)');
    expect(own[0]!.message).toContain('42 days ago (window 30 days)');
    const file = await ruleFindings(RULE, { [LOOPS]: markdown(['stale_days: 7'], '- `weekly` 2026-11-13', '- `own` 2026-11-13 window 10d') }, PLATFORM);
    expect(places(file)).toEqual([[LOOPS, 4, 12]]);
    expect(file[0]!.message).toContain('8 days ago (window 7 days)');
    const loose = await ruleFindings(RULE, { [LOOPS]: markdown(['stale_days: 60'], '- `quarterly` 2026-10-01') }, { config: { presets: ['platform'], loops: { stale_days: 7 } } });
    expect(loose).toEqual([]);
  });

  it('uses loops.stale_days from the config, and from specguard.config.yaml', async () => {
    const entry = { [LOOPS]: lines('- `hp-restore-smoke.timer` 2026-10-29') };
    expect(await ruleFindings(RULE, entry, { config: { presets: ['platform'], loops: { stale_days: 30 } } })).toEqual([]);
    const findings = await ruleFindings(RULE, { ...entry, 'specguard.config.yaml': lines('presets: [platform]', 'loops:', '  stale_days: 21') });
    expect(findings[0]!.message).toContain('23 days ago (window 21 days)');
    const report = await checkRepo({ ...entry, 'specguard.config.yaml': lines('presets: [platform]', 'loops:', '  stale_days: 0') }).catch((error: Error) => error);
    expect(String(report)).toContain('specguard.config.yaml:3:3: `loops.stale_days` must be >= 1; found `0`.');
  });

  it('ignores dates in fenced code and HTML comments, loops without a date, impossible dates and dates still to come', async () => {
    const findings = await loops(
      '<!-- Template: - [ ] `name` what is open — 2020-01-01 -->',
      '- `undated` nobody wrote when',
      '- `impossible` 2026-02-30',
      '- `scheduled` restore drill on 2026-12-01',
      '- `logged` 2026-11-20, output:',
      '',
      '  ```',
      '  2020-01-01 restore failed',
      '  ```',
    );
    expect(findings).toEqual([]);
  });

  it('reads only open-loops files: an OPEN_LOOPS.md the layout does not place, or a task list with old dates, is left alone', async () => {
    const old = lines('- [ ] `hp-restore-smoke.timer` 2026-01-01');
    expect(await ruleFindings(RULE, { [LOOPS]: old })).toEqual([]);
    expect(await ruleFindings(RULE, { 'tasks/tasks-0001-old.md': old })).toEqual([]);
    expect(await ruleFindings(RULE, { [LOOPS]: old, 'tasks/tasks-0001-old.md': old }, PLATFORM)).toHaveLength(1);
  });
});
