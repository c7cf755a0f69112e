/**
 * A document's declared status stands above its sections and tasks: a `**Status**:` line past the first
 * `##` heading or the first task item is one item's status, not the document's.
 */
import { describe, expect, it } from 'vitest';
import { makeDocument } from '../../src/check/load.js';
import { bodyValue } from '../../src/tasks/declared-value.js';

const doc = (text: string) => makeDocument('specs/001-x/spec.md', '/repo/specs/001-x/spec.md', 'markdown', text);

describe('bodyValue finds only the document-level status', () => {
  it('reads the status under the title, as spec-kit writes it', () => {
    expect(bodyValue(doc('# Feature: X\n\n**Created**: 2025-09-01\n**Status**: Draft  \n\n## Scenarios\n'), ['Status'])).toMatchObject({ value: 'Draft', line: 4 });
  });

  it('ignores an item\'s status below a section heading or a task item', () => {
    expect(bodyValue(doc('# Process Task List: B-1012\n\n## Task Execution\n\n#### Task 1\n**Status**: ✅ Completed\n'), ['Status'])).toBeUndefined();
    expect(bodyValue(doc('# Tasks\n\n- [ ] T001 Create\n\n**Status**: Done\n'), ['Status'])).toBeUndefined();
  });
});
