/**
 * Declared values: the category of a status as real repositories write it
 * (emoji, bold, asides, odd hyphens, quotes), and the body lines a status or
 * date is read from (spec-kit's `**Status**: Draft  ` and `> Status:
 * Implemented`, hand-kept `- **Status**: Done`), with their exact places.
 */
import { describe, expect, it } from 'vitest';
import { makeDocument } from '../../src/check/load.js';
import { bodyValue, frontmatterValue, statusCategory, statusWords, type StatusCategory } from '../../src/tasks/declared-value.js';
import { lines } from '../helpers/check-repo.js';

const SPEC = 'specs/001-event-discovery/spec.md';

function document(text: string, file = SPEC): ReturnType<typeof makeDocument> {
  return makeDocument(file, `/nowhere/${file}`, 'markdown', text);
}

describe('statusCategory', () => {
  const cases: Array<[string, StatusCategory]> = [
    // spec-kit 008: the status carries an aside.
    ['Implemented (web); FR-009, SC-005, SC-008 deferred with mobile (Phases 6, 9, 12)', 'done'],
    ['Implemented', 'done'],
    ['Complete', 'done'],
    ['✅ Complete', 'done'],
    // ai-dev-tasks (numbered-folder variant): emoji and bold.
    ['✅ **COMPLETED**', 'done'],
    ['✅ completed', 'done'],
    ['🔄 in_progress', 'in-progress'],
    // U+2011, the non-breaking hyphen, as the backlog's working agreements write it.
    ['in\u2011progress', 'in-progress'],
    ['In Progress', 'in-progress'],
    ['🔒 **BLOCKED**', 'in-progress'],
    // Backlog.md.
    ['To Do', 'not-started'],
    ['To do', 'not-started'],
    ["Won't Do", 'abandoned'],
    ['"Done"', 'done'],
    ['Done', 'done'],
    // spec-kit's template default.
    ['Draft', 'not-started'],
    ['Ready for implementation*', 'not-started'],
    ['Pending', 'not-started'],
    ['Superseded by 004', 'abandoned'],
    // A status box alone (TheMonk's per-task `**Status**: [ ]`); words after a box decide.
    ['[ ]', 'not-started'],
    ['[x]', 'done'],
    ['[x] ✅ **COMPLETED**', 'done'],
    ['[ ] In progress', 'in-progress'],
    // Not a status: a word no list knows, nothing.
    ['⏸️ Deferred', 'unknown'],
    ['Donezo', 'unknown'],
    ['', 'unknown'],
  ];
  it.each(cases)('%j is %s', (written, category) => {
    expect(statusCategory(written)).toBe(category);
  });

  it('normalises to the leading words: no emphasis, emoji or aside, lower case, _ - and U+2011 as spaces', () => {
    expect(statusWords('✅ **COMPLETED**')).toBe('completed');
    expect(statusWords('🔄 in_progress')).toBe('in progress');
    expect(statusWords('in\u2011progress')).toBe('in progress');
    expect(statusWords('Implemented (web); FR-009 deferred')).toBe('implemented');
    expect(statusWords('`Won\'t Do`')).toBe("won't do");
    expect(statusWords('✅')).toBe('');
  });
});

describe('bodyValue', () => {
  /** The value read from a body whose line `at` (1-based) holds it, checked against the text itself. */
  function readAt(text: string, labels = ['Status']): { value: string; line: number; column: number; label: string } | undefined {
    const doc = document(text);
    const found = bodyValue(doc, labels);
    if (!found) return undefined;
    expect(text.slice(found.offset, found.offset + found.value.length)).toBe(found.value);
    expect(found.file).toBe(SPEC);
    return { value: found.value, line: found.line, column: found.column, label: 'label' in found.from ? found.from.label : '' };
  }

  it('reads spec-kit\'s bold label with a two-space hard break, without the trailing spaces', () => {
    const text = lines('# Feature Specification: Event Discovery', '', '**Feature Branch**: `001-event-discovery`  ', '**Created**: 2025-09-01  ', '**Status**: Draft  ', '**Input**: "x"');
    expect(readAt(text)).toEqual({ value: 'Draft', line: 5, column: 13, label: 'Status' });
    expect(readAt(text, ['Created'])).toEqual({ value: '2025-09-01', line: 4, column: 14, label: 'Created' });
  });

  it('reads the colon inside the bold, and keeps emphasis around the value as written', () => {
    expect(readAt(lines('# T', '**Status:** done'))).toEqual({ value: 'done', line: 2, column: 13, label: 'Status' });
    expect(readAt(lines('# T', '**Status:** ✅ completed'))).toEqual({ value: '✅ completed', line: 2, column: 13, label: 'Status' });
    expect(readAt(lines('Status: **Done**'))).toEqual({ value: '**Done**', line: 1, column: 9, label: 'Status' });
    expect(readAt(lines('*Status: Ready for implementation*'))).toEqual({ value: 'Ready for implementation*', line: 1, column: 10, label: 'Status' });
  });

  it("reads an older spec's blockquote line", () => {
    expect(readAt(lines('# Feature: RSVP', '', '> Feature Branch: `002-rsvp`', '> Status: Implemented'))).toEqual({ value: 'Implemented', line: 4, column: 11, label: 'Status' });
  });

  it('reads a bullet with a bold label, and a bare label', () => {
    expect(readAt(lines('# B-1054: Cache', '- **Status**: Done'))).toEqual({ value: 'Done', line: 2, column: 15, label: 'Status' });
    expect(readAt(lines('# Notes', 'Status: Complete'))).toEqual({ value: 'Complete', line: 2, column: 9, label: 'Status' });
  });

  it('keeps the label as written, matched without regard to case', () => {
    expect(readAt(lines('**STATUS**: Implemented'))).toEqual({ value: 'Implemented', line: 1, column: 13, label: 'STATUS' });
  });

  it('ignores lines inside fenced code (``` and ~~~, a longer fence holding a shorter one)', () => {
    const text = lines(
      '# Spec',
      '',
      '```markdown',
      '**Status**: Draft',
      '```',
      '',
      '````md',
      '```',
      'Status: Draft',
      '```',
      '````',
      '~~~',
      '> Status: Draft',
      '~~~',
      '',
      '**Status**: Implemented',
    );
    expect(readAt(text)).toEqual({ value: 'Implemented', line: 16, column: 13, label: 'Status' });
    expect(readAt(lines('```', '**Status**: Draft', '```'))).toBeUndefined();
  });

  it('reads the body only: a frontmatter line is not a body line', () => {
    const text = lines('---', 'Status: Draft', '---', '', '**Status**: Implemented');
    expect(readAt(text)).toEqual({ value: 'Implemented', line: 5, column: 13, label: 'Status' });
  });

  it('skips a label with no value, and reads the first line that has one; none at all is undefined', () => {
    expect(readAt(lines('**Status**:   ', 'Status: Done'))).toEqual({ value: 'Done', line: 2, column: 9, label: 'Status' });
    expect(readAt(lines('# Spec', 'The status is draft.', 'Statuses: many'))).toBeUndefined();
    expect(bodyValue(document(lines('**Status**: Draft')), [])).toBeUndefined();
  });

  it("reads a `## Status` section's first line of text, as a README writes it, where no status line stands above the sections", () => {
    const readme = lines('# UI Design System', '', '## Overview', '', 'Tokens and utilities.', '', '## Status', '', '✅ **Complete** - All tasks implemented', '', '### Key Deliverables');
    expect(readAt(readme)).toEqual({ value: '✅ **Complete** - All tasks implemented', line: 9, column: 1, label: 'Status' });
    // A status line above the sections wins; a `## Status` heading over a list or a deeper `### Status` says nothing.
    expect(readAt(lines('**Status**: Draft', '', '## Status', '', 'Complete'))).toEqual({ value: 'Draft', line: 1, column: 13, label: 'Status' });
    expect(readAt(lines('# Spec', '', '## Status', '', '- done'))).toBeUndefined();
    expect(readAt(lines('# Spec', '', '## Plan', '', '### Status', '', 'Complete'))).toBeUndefined();
  });

  it('reads CRLF text without the CR', () => {
    expect(readAt('# Spec\r\n\r\n**Status**: Implemented  \r\n')).toEqual({ value: 'Implemented', line: 3, column: 13, label: 'Status' });
  });

  it('reads a label of several words', () => {
    expect(readAt(lines('**Last Updated**: 2025-09-09'), ['Last Updated'])).toEqual({ value: '2025-09-09', line: 1, column: 19, label: 'Last Updated' });
  });
});

describe('frontmatterValue', () => {
  it('reads the first key that holds a value, at the place of its value', () => {
    const text = lines('---', 'id: BACK-7', 'assignee: []', "created_date: '2025-07-18 08:30'", 'status: Done', '---', '# Export');
    const doc = document(text, 'backlog/tasks/back-7 - Export.md');
    expect(frontmatterValue(doc, ['state', 'status'])).toEqual({ value: 'Done', file: 'backlog/tasks/back-7 - Export.md', line: 5, column: 9, offset: text.indexOf('Done'), from: { key: 'status' } });
    expect(frontmatterValue(doc, ['created_date'])).toMatchObject({ value: '2025-07-18 08:30', line: 4, column: 15 });
    expect(frontmatterValue(doc, ['assignee'])).toBeUndefined();
  });
});
