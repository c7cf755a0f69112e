/**
 * The platform preset on seed 002's repository, rebuilt with real commits: the
 * four Honcho module manifests of wave 4 (modules/<name>/MODULE.md), the
 * master prompts Codex is fed (prompts/phase-02-wave-N.md, ~3.9k tokens on a
 * 4000-token budget), state/L3/OPEN_LOOPS.md with the hp-restore-smoke.timer
 * entry "23+ days stale" on the day the wave-4 prompt merged, and seed 000's
 * packets, checkpoints and templates under state/.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check/check.js';
import type { Finding } from '../../src/findings/finding.js';
import { detectPresets } from '../../src/init/detect-presets.js';
import { kindCensus } from '../../src/kinds/kind-census.js';
import { countTokens } from '../../src/tokens/count-tokens.js';
import { lines } from '../helpers/check-repo.js';
import { commitAll, git, gitInit, tempRepo, writeFiles } from '../helpers/temp-repo.js';

/** The day pdurlej/platform#36 (the wave-4 master prompt) merged. */
const NOW = '2026-05-03';

const POSTGRES = lines(
  '---',
  'module: honcho-postgres',
  'title: "Honcho Postgres with pgvector: Iskra\'s deep memory"',
  'role: datastore',
  'statefulness: stateful',
  'compose_project: apps',
  'profile: honcho',
  'image: pgvector/pgvector:pg16',
  'data_stores:',
  '  - name: pgdata',
  '    volume: apps_honcho_pgdata',
  '    engine: postgres 16 + pgvector',
  '    backup_priority: critical',
  '    backup: "hp-backup.timer: nightly pg_dump -Fc"',
  '    restore: "#restore"',
  'exposure: internal',
  'last_verified: 2026-05-03',
  'open_loops: [hp-restore-smoke.timer]',
  '---',
  '',
  '# honcho-postgres',
  '',
  "Iskra's deep memory layer: loss means Iskra forgets.",
  '',
  '## Restore',
  '',
  '1. Stop honcho-api and honcho-deriver (honcho-api alone is useless without this store).',
  '2. `CREATE EXTENSION vector` in the empty database, then verify it before `pg_restore`.',
  '3. `pg_restore` the latest dump; `SELECT count(*)` sanity checks only, never a write.',
);

const REDIS = lines(
  '---',
  'module: honcho-redis',
  'role: datastore',
  'statefulness: stateful',
  'compose_project: apps',
  'profile: honcho',
  'data_stores:',
  '  - { name: appendonly, volume: apps_honcho_redis, backup_priority: important }',
  '---',
  '',
  '# honcho-redis',
  '',
  'Persistent: `INFO persistence` reports `aof_enabled:1`.',
);

const API = lines(
  '---',
  'module: honcho-api',
  'role: service',
  'statefulness: stateless',
  'compose_project: apps',
  'profile: honcho',
  'depends_on: [honcho-postgres, honcho-redis]',
  'exposure: tailnet',
  'middlewares: [ts-allowlist@file]',
  '---',
  '',
  '# honcho-api',
);

const DERIVER = lines(
  '---',
  'module: honcho-deriver',
  'role: worker',
  'statefulness: stateless',
  'compose_project: apps',
  'profile: honcho',
  'depends_on: [honcho-postgres, honcho-redis]',
  'exposure: none',
  '---',
  '',
  '# honcho-deriver',
  '',
  'Same pattern as n8n-worker (PR #29).',
);

/** A master prompt: the packet Codex is fed with `codex exec < prompts/<file>`. */
function prompt(wave: number, constraints: string[] = []): string {
  return lines(
    '---',
    `task: phase-02-wave-${wave}`,
    `title: Phase 02 wave ${wave} master prompt`,
    'created: 2026-05-03',
    'agent: codex',
    'max_tokens: 4000',
    '---',
    '',
    `# Phase 02 wave ${wave}: Honcho subsystem`,
    '',
    '## Objective',
    '',
    'Write the manifests of honcho-postgres, honcho-redis, honcho-api and honcho-deriver, one PR per module.',
    '',
    '## Constraints',
    '',
    '- DO NOT pg_dump on running postgres without operator confirmation.',
    '- DO NOT modify Honcho data ever (only SELECT for sanity checks).',
    '- DO NOT skip pgvector verification in the honcho-postgres runbook.',
    ...constraints,
    '',
    '## Acceptance criteria',
    '',
    '- [ ] Four module manifests, one PR each',
    '- [ ] state/L3/OPEN_LOOPS.md marks hp-restore-smoke.timer Honcho-relevant',
  );
}

const LOOPS = lines(
  '# Open loops',
  '',
  '## Infra',
  '',
  '- [ ] `hp-restore-smoke.timer` never ran a restore smoke test — opened 2026-04-02, last checked 2026-04-10',
  '- [ ] `forgejo-runner` cache volume — 2026-04-28: pruned, watching disk',
  '',
  '## Closed',
  '',
  '- `n8n-worker` queue mode — closed 2026-04-12 (PR #29)',
);

/** The wave-4 update of the open loops (the fifth PR): the timer is Honcho-relevant, with a dated note. */
const LOOPS_WAVE_4 = LOOPS.replace(
  'last checked 2026-04-10\n',
  'last checked 2026-04-10\n  - 2026-05-03: Honcho-relevant (wave 4); acknowledged in the honcho-postgres manifest\n',
);

const PACKET = lines(
  '---',
  'task: 460',
  'title: task_run + task_checkpoint + Codex packet templates',
  'created: 2026-04-24',
  'agent: codex',
  '---',
  '',
  '## Objective',
  '',
  "Ship the schema, templates and CLI that rebuild a stalled Codex task's state.",
  '',
  '## Constraints',
  '',
  '- No production runtime change.',
  '',
  '## Acceptance criteria',
  '',
  '- [ ] Schema migration in main Postgres',
);

const CHECKPOINT = lines(
  '---',
  'task: 460',
  'checkpoint_kind: progress',
  'created: 2026-04-25T10:00:00Z',
  'agent: codex',
  'summary: Templates drafted; migration not applied.',
  '---',
);

/** Seed 002's repository on the day the wave-4 prompt merged, each step its own commit. */
function platformRepo(): string {
  const root = tempRepo({
    'specguard.config.yaml': lines('presets: [platform]'),
    'state/templates/TASK_PACKET.md': lines('---', 'task: <id>', '---', '', '## Objective', '', '<what to do>'),
    'state/templates/OPEN_LOOPS.md': lines('- [ ] `<name>` what is open — opened YYYY-MM-DD, e.g. 2020-01-01'),
    'state/packets/460/packet.md': PACKET,
    'state/checkpoints/460/2026-04-25T10-00-00Z-progress.md': CHECKPOINT,
    'state/L3/OPEN_LOOPS.md': LOOPS,
  });
  gitInit(root);
  commitAll(root, 'memory(B): task_run + task_checkpoint + Codex packet templates (#460)', '2026-04-25T10:05:00Z');
  writeFiles(root, { 'modules/honcho-redis/MODULE.md': REDIS, 'prompts/phase-02-wave-3.md': prompt(3) });
  commitAll(root, 'docs(prompts): Phase 02 wave 3 master prompt (#34)', '2026-05-01T18:00:00Z');
  writeFiles(root, { 'prompts/phase-02-wave-4.md': prompt(4) });
  commitAll(root, 'docs(prompts): Phase 02 wave 4 master prompt for Codex (Honcho subsystem) (#36)', '2026-05-03T20:57:24+02:00');
  writeFiles(root, { 'modules/honcho-postgres/MODULE.md': POSTGRES, 'modules/honcho-api/MODULE.md': API, 'modules/honcho-deriver/MODULE.md': DERIVER });
  commitAll(root, 'modules: honcho-postgres, honcho-api, honcho-deriver manifests (wave 4)', '2026-05-03T22:00:00+02:00');
  return root;
}

async function findings(root: string): Promise<Finding[]> {
  return (await check({ root, now: NOW, env: {} })).findings;
}

describe('platform preset', () => {
  it("finds seed 002's kinds where the layout keeps them, templates left out", async () => {
    const root = platformRepo();
    const census = await kindCensus({ root });
    const files = Object.fromEntries(census.kinds.filter((k) => k.files > 0).map((k) => [k.name, k.files]));
    expect(files).toEqual({ 'task-packet': 3, checkpoint: 1, 'module-manifest': 4, 'open-loops': 1 });
  });

  it('is detected by its open loops, its module manifests beside prompts, or its wave prompts; not in other layouts', () => {
    const detected = (files: string[]): boolean => detectPresets(files).some((p) => p.name === 'platform');
    expect(detected(['state/L3/OPEN_LOOPS.md'])).toBe(true);
    expect(detected(['modules/honcho-api/MODULE.md', 'prompts/phase-02-wave-4.md'])).toBe(true);
    expect(detected(['prompts/phase-03-wave-1.md'])).toBe(true);
    expect(detectPresets(['state/L3/OPEN_LOOPS.md', 'modules/a/MODULE.md'])[0]).toMatchObject({ name: 'platform', files: { 'open-loops': 1, 'module-manifest': 1 } });
    // An LLM application's prompts, Terraform modules, specguard's own state/, a template's open loops.
    expect(detected(['prompts/system.md', 'prompts/user.md', 'src/modules/auth/MODULE.md'])).toBe(false);
    expect(detected(['modules/vpc/README.md', 'modules/vpc/main.tf', 'prompts/review.md'])).toBe(false);
    expect(detected(['state/packets/460/packet.md', 'state/checkpoints/460/a.md', 'tasks/tasks-0001-x.md'])).toBe(false);
    expect(detected(['state/templates/OPEN_LOOPS.md', 'docs/OPEN_LOOPS.md'])).toBe(false);
  });

  it('on the day wave 4 merged, reports one thing: the hp-restore-smoke.timer loop, 23 days stale; the fifth PR settles it', async () => {
    const root = platformRepo();
    const before = await findings(root);
    expect(before.map((f) => [f.ruleId, f.severity, f.file, f.line, f.column])).toEqual([['loop-stale', 'warning', 'state/L3/OPEN_LOOPS.md', 5, 97]]);
    expect(before[0]!.message).toBe(
      'Open loop `hp-restore-smoke.timer` was last touched 2026-04-10, 23 days ago (window 14 days): close it or record progress with a date.',
    );
    writeFiles(root, { 'state/L3/OPEN_LOOPS.md': LOOPS_WAVE_4 });
    commitAll(root, 'state(L3): hp-restore-smoke.timer is Honcho-relevant (wave 4, PR 5 of 5)', '2026-05-03T23:00:00+02:00');
    expect(await findings(root)).toEqual([]);
  });

  it('holds a critical data store to a restore procedure, a stateful module to its data stores, volumes to project_volname', async () => {
    const root = platformRepo();
    writeFiles(root, {
      'modules/honcho-postgres/MODULE.md': POSTGRES.replace('    restore: "#restore"\n', ''),
      'modules/honcho-redis/MODULE.md': REDIS.replace('  - { name: appendonly, volume: apps_honcho_redis, backup_priority: important }\n', '').replace('data_stores:\n', ''),
      'modules/honcho-deriver/MODULE.md': DERIVER.replace('statefulness: stateless', 'statefulness: stateful\ndata_stores:\n  - { name: queue, volume: honcho-queue, backup_priority: non-critical }'),
    });
    git(root, ['commit', '-qam', 'modules: manifests without restore']);
    const schema = (await findings(root)).filter((f) => f.ruleId === 'frontmatter-schema');
    expect(schema.map((f) => [f.file, f.line, f.message])).toEqual([
      ['modules/honcho-deriver/MODULE.md', 6, '`data_stores[0].volume` does not match the pattern ^(?:[A-Za-z0-9][A-Za-z0-9.-]*_[A-Za-z0-9_.-]+|\\.{0,2}/.*)$; found `honcho-queue`.'],
      ['modules/honcho-postgres/MODULE.md', 10, 'Missing required key `restore` in `data_stores[0]` (a critical data store names its restore procedure or runbook).'],
      ['modules/honcho-redis/MODULE.md', 2, 'Missing required key `data_stores` in the frontmatter (a stateful module lists its data stores).'],
    ]);
    expect(schema.every((f) => f.severity === 'error')).toBe(true);
  });

  it('holds a master prompt to its token budget (packet-size) and to the packet sections', async () => {
    const root = platformRepo();
    const detail = Array.from({ length: 200 }, (_, i) => `- Module note ${i + 1}: read the compose file, the volume list and the runbook before writing any manifest.`);
    const long = prompt(4, detail);
    writeFiles(root, { 'prompts/phase-02-wave-4.md': long, 'prompts/phase-02-wave-3.md': prompt(3).replace('## Constraints', '## Hard constraints') });
    git(root, ['commit', '-qam', 'docs(prompts): wave 4 prompt with every module note inline']);
    const tokens = countTokens(long);
    expect(tokens).toBeGreaterThan(4000);
    const found = (await findings(root)).filter((f) => f.ruleId !== 'loop-stale');
    expect(found.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      ['packet-sections', 'prompts/phase-02-wave-3.md', 8],
      ['packet-size', 'prompts/phase-02-wave-4.md', 6],
    ]);
    expect(found[1]!.message).toBe(`Task packet is ${tokens} tokens (o200k_base), over its budget of 4000 (its max_tokens); move detail into linked files.`);
  });
});
