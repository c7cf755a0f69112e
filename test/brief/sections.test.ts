/**
 * A section that declares itself done over its own open boxes (TheMonk's process task lists: `#### Task 1`,
 * `**Status**: ✅ Completed`, then the task's quality gates) is a contradiction in the brief, as `check` reports it.
 */
import { describe, expect, it } from 'vitest';
import { brief } from '../../src/brief/brief.js';
import { lines } from '../helpers/check-repo.js';
import { tempRepo } from '../helpers/temp-repo.js';

const LIST = '000_core/artifacts/003_process-task-list-B-1012-Memory.md';

describe('brief: sections with a status of their own', () => {
  it('names a section declared done over open boxes as a contradiction, and not one whose boxes are ticked', async () => {
    const root = tempRepo({
      'specguard.config.yaml': 'presets: [ai-dev-tasks]\n',
      [LIST]: lines(
        '# Process Task List: B-1012 Memory',
        '',
        '#### Task 1: Extend the schema',
        '**Status**: ✅ Completed',
        '',
        '- [ ] Migration script reviewed for safety',
        '- [ ] All schema tests pass',
        '',
        '#### Task 2: Update the dataclasses',
        '**Status**: ✅ Completed',
        '',
        '- [x] Dataclasses carry the new fields',
      ),
    });
    const result = (await brief({ root, task: 'B-1012', now: '2026-11-21T00:00:00Z', env: {} }))!;
    expect(result.contradictions).toEqual([
      {
        kind: 'done-claim-unbacked',
        file: LIST,
        line: 4,
        column: 13,
        message: `Section "Task 1: Extend the schema" claims "Status: ✅ Completed", but 2 of 2 of its criteria are not proven: "Migration script reviewed for safety" (${LIST}:6) is open.`,
      },
    ]);
  });
});
