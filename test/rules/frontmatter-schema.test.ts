import { describe, expect, it } from 'vitest';
import { checkpointFrontmatter, lines, manifest, markdown, packetFrontmatter, places, ruleFindings, validPacket } from '../helpers/check-repo.js';

const RULE = 'frontmatter-schema';
const SPEC = 'tasks/specs/0001-core.md';

describe('frontmatter-schema', () => {
  it('reports an unknown key at the key, with a did-you-mean', async () => {
    const findings = await ruleFindings(RULE, {
      [SPEC]: markdown(['id: 0001-core', 'title: Core', 'status: draft', 'last_review: 2026-11-01', 'govern:', '  - src/**'], '# Core'),
    });
    expect(places(findings)).toEqual([[SPEC, 6, 1]]);
    expect(findings[0]!.severity).toBe('error');
    expect(findings[0]!.message).toBe('Unknown key `govern` in the frontmatter. Did you mean `governs`?');
  });

  it('lists the known keys when no key is close to an unknown one', async () => {
    const findings = await ruleFindings(RULE, { 'state/packets/460.md': validPacket().replace('agent: codex', 'agent: codex\nzzzzzz: 1') });
    expect(places(findings)).toEqual([['state/packets/460.md', 6, 1]]);
    expect(findings[0]!.message).toContain('Unknown key `zzzzzz` in the frontmatter. Known keys: `kind`, `task`, `title`');
  });

  it('reports a missing required key at the first key of the frontmatter', async () => {
    const findings = await ruleFindings(RULE, { [SPEC]: markdown(['id: 0001-core', 'status: draft', 'last_review: 2026-11-01'], '# Core') });
    expect(places(findings)).toEqual([[SPEC, 2, 1]]);
    expect(findings[0]!.message).toBe('Missing required key `title` in the frontmatter.');
  });

  it('reports a value outside its enum at the key', async () => {
    const findings = await ruleFindings(RULE, { [SPEC]: markdown(['id: 0001-core', 'title: Core', 'status: final', 'last_review: 2026-11-01'], '# Core') });
    expect(places(findings)).toEqual([[SPEC, 4, 1]]);
    expect(findings[0]!.message).toBe('`status` must be one of `draft`, `in-review`, `approved`, `superseded`; found `final`.');
  });

  it('requires approvals once status is approved', async () => {
    const findings = await ruleFindings(RULE, { [SPEC]: markdown(['id: 0001-core', 'title: Core', 'status: approved', 'last_review: 2026-11-01'], '# Core') });
    expect(places(findings)).toEqual([[SPEC, 2, 1]]);
    expect(findings[0]!.message).toContain('Missing required key `approvals` in the frontmatter');
    expect(findings[0]!.message).toContain('approvals are required once status is approved');
  });

  it('accepts an approved spec with approvals (the schema example)', async () => {
    const findings = await ruleFindings(RULE, {
      [SPEC]: markdown(
        ['id: 0002-orchestrator-core', 'title: Orchestrator core', 'status: approved', 'last_review: 2026-11-01', 'approvals:', '  - by: Jordan Lee', '    role: architecture steward', '    date: 2025-10-16', 'governs:', '  - orchestrator/src/**'],
        '# Core',
      ),
      // The control: the same spec without its approvals.
      'tasks/specs/0002-core.md': markdown(['id: 0002-core', 'title: Core', 'status: approved', 'last_review: 2026-11-01'], '# Core'),
    });
    expect(places(findings)).toEqual([['tasks/specs/0002-core.md', 2, 1]]);
  });

  it('reports a frontmatter that is a list', async () => {
    const findings = await ruleFindings(RULE, { [SPEC]: markdown(['- id: 0001-core', '- title: Core'], '# Core') });
    expect(places(findings)).toEqual([[SPEC, 2, 1]]);
    expect(findings[0]!.message).toBe('The frontmatter must be a mapping (key: value); found a list.');
  });

  it('reports a nested problem at the nested key', async () => {
    const findings = await ruleFindings(RULE, {
      [SPEC]: markdown(['id: 0001-core', 'title: Core', 'status: approved', 'last_review: 2026-11-01', 'approvals:', '  - by: Jordan Lee', '    role: steward', '    date: 16 Oct 2025'], '# Core'),
    });
    expect(places(findings)).toEqual([[SPEC, 9, 5]]);
    expect(findings[0]!.message).toBe('`approvals[0].date` must be a date (YYYY-MM-DD); found `16 Oct 2025`.');
  });

  it('reports a wrong type, and a date that is not a date', async () => {
    const findings = await ruleFindings(RULE, {
      'state/checkpoints/460/01.md': markdown(['task: 460', 'checkpoint_kind: progress', 'created: yesterday', 'agent: codex', 'summary: [a, b]'], 'Body'),
    });
    expect(places(findings)).toEqual([
      ['state/checkpoints/460/01.md', 4, 1],
      ['state/checkpoints/460/01.md', 6, 1],
    ]);
    expect(findings[0]!.message).toContain('`created` must be a date and time with a time zone');
    expect(findings[1]!.message).toBe('`summary` must be a string; found a list.');
  });

  it('reports a packet without frontmatter at line 1, naming the required keys', async () => {
    const findings = await ruleFindings(RULE, { 'state/packets/460.md': lines('## Objective', 'x', '## Constraints', 'y', '## Acceptance criteria', '- [ ] z') });
    expect(places(findings)).toEqual([['state/packets/460.md', 1, 1]]);
    expect(findings[0]!.message).toBe('No frontmatter; a task-packet needs `task`, `title`, `created`, `agent`.');
  });

  it('leaves run manifests to manifest-schema', async () => {
    const findings = await ruleFindings(RULE, {
      '.runs/460/a/manifest.json': manifest({ status: 'done', started_at: 'later' }),
      'state/packets/460.md': validPacket().replace('agent: codex', 'agent: ""'),
    });
    expect(places(findings)).toEqual([['state/packets/460.md', 5, 1]]);
    expect(findings[0]!.message).toBe('`agent` must not be empty.');
  });

  it('checks tasks/index.json against its schema', async () => {
    const findings = await ruleFindings(RULE, { 'tasks/index.json': lines('{', '  "entries": []', '}') });
    expect(places(findings)).toEqual([['tasks/index.json', 1, 1]]);
    expect(findings[0]!.message).toBe('Missing required key `items` in the document.');
  });

  it('accepts the schema examples of every markdown kind, and a task list without frontmatter', async () => {
    const findings = await ruleFindings(RULE, {
      [SPEC]: markdown(['id: 0001-core', 'title: Core', 'status: draft', 'last_review: 2026-11-01', 'review_interval_days: 30'], '# Core'),
      'tasks/tasks-0001.md': markdown(['task: "0001"', 'title: Task List — Codex-Orchestrator'], '- [ ] a'),
      'tasks/tasks-0002.md': lines('# No frontmatter', '', '- [ ] b'),
      'state/packets/460.md': validPacket(),
      'state/packets/461.md': markdown([...packetFrontmatter(461).filter((l) => !l.startsWith('created')), 'created: 2026-05-24T09:30:00Z'], '## Objective', '## Constraints', '## Acceptance criteria', '- [ ] c'),
      'state/checkpoints/460/01.md': markdown([...checkpointFrontmatter(), 'head: 3f9c2ab', 'next_steps:', '  - Apply the migration'], 'Body'),
      // The control: a checkpoint whose head is not a commit hash.
      'state/checkpoints/460/02.md': markdown([...checkpointFrontmatter(), 'head: main'], 'Body'),
    });
    expect(places(findings)).toEqual([['state/checkpoints/460/02.md', 7, 1]]);
    expect(findings[0]!.message).toContain('`head` does not match the pattern');
  });
});
