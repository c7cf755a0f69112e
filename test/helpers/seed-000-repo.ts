/**
 * Seed 000's story as a real git repository with fixed dates: task 460's
 * packet, a Codex checkpoint (later rewritten), a start checkpoint later
 * deleted, commits with `Task: 460` trailers, a merged pull request #636 that
 * lands the spec, and a final checkpoint that calls the task
 * "verified-then-closed" while the live-database criterion is still open.
 */
import { commitAll, git, gitInit, tempRepo, writeFiles } from './temp-repo.js';

/** The clock a brief of this repository is computed against. */
export const SEED_000_NOW = '2026-06-02T09:00:00Z';

/** The open criterion that must come back as the next step. */
export const SEED_000_OPEN_CRITERION = 'Schema migration: task_run + task_checkpoint tables in main Postgres';

export const PACKET = `---
task: 460
title: "memory(B): task_run + task_checkpoint + Codex packet templates"
created: 2026-05-24
agent: codex
max_tokens: 4000
---

# task_run + task_checkpoint + Codex packet templates

## Objective

Ship the schema, templates and CLI that let a second agent rebuild a stalled
Codex task's state: the highest-impact fix for the #17 flow loop.

## Constraints

- Touches main Postgres: schema plus one end-to-end test, no production runtime change.
- Start with no coupling: checkpoints are written from observable artifacts.

## Acceptance criteria

- [ ] ${'Schema migration: task_run + task_checkpoint tables in main Postgres'}
- [ ] Migration runbook
- [x] Spec contract in \`state/memory/task-run-schema.md\`, merged in #636
- [ ] Templates \`CODEX_TASK_PACKET.md\` and \`CODEX_CHECKPOINT.md\` in \`state/templates/\`
`;

const START = `---
task: 460
checkpoint_kind: start
created: 2026-05-24T09:30:00Z
agent: codex
summary: Picked up the packet; reading the strategy doc.
---

Reading \`state/strategy/memory-control-plane-2026-05-24.md\`.
`;

const CODEX_V1 = `---
task: 460
checkpoint_kind: progress
created: 2026-05-25T10:00:00Z
agent: codex
summary: Templates drafted; schema spec half written.
next_steps:
  - Finish the task_run schema spec
---

Templates drafted under \`state/templates/\`.
`;

const CODEX_V2 = `---
task: 460
checkpoint_kind: progress
created: 2026-05-25T10:00:00Z
agent: codex
summary: Templates drafted; schema spec written; migration not applied.
next_steps:
  - Apply the task_run migration behind the operator gate
---

Templates drafted under \`state/templates/\`; spec in \`state/memory/task-run-schema.md\`.
`;

export const CLOSING = `---
task: 460
checkpoint_kind: handoff
created: 2026-05-31T16:00:00Z
agent: claude
summary: X3 plan logs 460 as verified-then-closed after PR 636.
---

Spec deliverable landed on main via the merged pull request; the table
creation moved to #688.
`;

/**
 * Builds the repository.
 * @returns its root
 */
export function seed000Repo(): string {
  const root = tempRepo();
  gitInit(root);
  writeFiles(root, { 'README.md': '# platform\n' });
  commitAll(root, 'chore: initial commit', '2026-05-20T08:00:00Z');

  writeFiles(root, { 'state/packets/460/packet.md': PACKET });
  commitAll(root, 'memory(B): packet for task_run + task_checkpoint\n\nTask: 460', '2026-05-24T09:00:00Z');

  writeFiles(root, { 'state/checkpoints/460/2026-05-24T09-30-00Z-start.md': START });
  commitAll(root, 'checkpoint: start 460\n\nTask: 460', '2026-05-24T09:30:00Z');

  writeFiles(root, { 'state/checkpoints/460/2026-05-25T10-00-00Z-progress.md': CODEX_V1, 'state/templates/CODEX_TASK_PACKET.md': '# Codex task packet\n' });
  commitAll(root, 'feat(memory): draft packet templates [460]', '2026-05-25T10:05:00Z');

  git(root, ['checkout', '-q', '-b', 'codex/460-spec']);
  writeFiles(root, { 'state/memory/task-run-schema.md': '# task_run and task_checkpoint\n', 'state/templates/CODEX_CHECKPOINT.md': '# Codex checkpoint\n', 'state/checkpoints/460/2026-05-25T10-00-00Z-progress.md': CODEX_V2 });
  commitAll(root, 'docs(memory): task_run + task_checkpoint contract\n\nTask: 460', '2026-05-26T11:00:00Z');
  git(root, ['checkout', '-q', 'main']);
  git(root, ['merge', '-q', '--no-ff', '-m', 'Merge pull request #636 from codex/460-spec\n\nTask: 460', 'codex/460-spec'], { GIT_AUTHOR_DATE: '2026-05-27T12:00:00Z', GIT_COMMITTER_DATE: '2026-05-27T12:00:00Z' });

  git(root, ['rm', '-q', 'state/checkpoints/460/2026-05-24T09-30-00Z-start.md']);
  commitAll(root, 'chore: prune start checkpoint of #460', '2026-05-28T08:00:00Z');

  writeFiles(root, { 'state/checkpoints/460/2026-05-31T16-00-00Z-handoff.md': CLOSING });
  commitAll(root, 'checkpoint: 460 verified-then-closed\n\nTask: 460', '2026-05-31T16:00:00Z');

  writeFiles(root, { 'docs/unrelated.md': '# unrelated\n' });
  commitAll(root, 'docs: unrelated change mentioning #4601 and [46]', '2026-06-01T08:00:00Z');
  return root;
}
