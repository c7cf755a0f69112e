/**
 * One output sanitizer for every format (properties over arbitrary strings, fast-check): whatever a file, a
 * file name, a commit or a config puts into a finding or a brief, no control character reaches the stylish,
 * github or brief output raw (even without colours), no newline in a value starts a line a CI runner obeys
 * (`::stop-commands::`, `::error …`) or a section of the brief, and the JUnit report stays well-formed XML.
 *
 * Runs: 300 by default; `SPECGUARD_FAST_CHECK_RUNS=N` runs each property N times.
 */
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Brief } from '../../src/brief/brief-model.js';
import { renderMarkdown } from '../../src/brief/render-markdown.js';
import type { Finding, Report } from '../../src/findings/finding.js';
import { githubFormatter } from '../../src/formatters/github.js';
import { junitFormatter } from '../../src/formatters/junit.js';
import { stylishFormatter } from '../../src/formatters/stylish.js';

const RUNS = Number(process.env.SPECGUARD_FAST_CHECK_RUNS) > 0 ? Number(process.env.SPECGUARD_FAST_CHECK_RUNS) : 300;

/** Strings rich in what terminals and runners act on: ESC, BEL, OSC 8, CR, LF, `::` commands, C1 controls. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.constantFrom('\x1b[31m', '\x07', '\x1b]8;;http://x\x1b\\', '\r', '\n', '\n::error file=a::FORGED', '\n::stop-commands::x', '\u009b', '\x7f', '\x00', '\ufffe', '\ud800', '## History', '- [x] ', 'ok', '%0A', ':'), { maxLength: 8 }).map((parts) => parts.join('')),
);

/** Raw control characters other than LF (and the ESC of colour, which these runs turn off). */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

function report(findings: Finding[], notes: string[]): Report {
  return { version: 1, summary: { files: findings.length + 1, errors: findings.filter((f) => f.severity === 'error').length, warnings: findings.filter((f) => f.severity === 'warning').length }, findings, notes };
}

const finding = fc.record({ file: hostile, message: hostile, severity: fc.constantFrom('error' as const, 'warning' as const), line: fc.integer({ min: 1, max: 99 }), column: fc.integer({ min: 1, max: 99 }) }).map(
  (f): Finding => ({ ruleId: 'evidence-missing', ...f }),
);

describe('output sanitizer', () => {
  it('stylish (no colours): no raw control character, no line a runner obeys', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 4 }), fc.array(hostile, { maxLength: 2 }), (findings, notes) => {
        const text = stylishFormatter(report(findings, notes), { color: false });
        expect(text).not.toMatch(RAW_CONTROL);
        for (const line of text.split('\n')) expect(line.startsWith('::'), line).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it('github: one command a finding and a note, no raw control character', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 4 }), fc.array(hostile, { maxLength: 2 }), (findings, notes) => {
        const text = githubFormatter(report(findings, notes), { color: false });
        const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
        expect(lines).toHaveLength(findings.length + notes.length);
        for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) /);
        expect(text).not.toMatch(RAW_CONTROL);
      }),
      { numRuns: RUNS },
    );
  });

  it('junit: well-formed XML 1.0 whatever the findings hold', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 4 }), (findings) => {
        const xml = junitFormatter(report(findings, []), { color: false });
        expect(XMLValidator.validate(xml)).toBe(true);
      }),
      { numRuns: Math.max(20, Math.round(RUNS / 3)) },
    );
  });

  it('brief: user text opens no section or list item of its own and sends no control character', () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 8, maxLength: 8 }), (v) => {
        const brief: Brief = {
          version: 1,
          task: '0001',
          title: v[0]!,
          generated_at: '2026-06-03T00:00:00.000Z',
          status: 'in-progress',
          status_reason: v[1]!,
          next_step: { text: v[2]!, source: 'criterion', file: v[3]!, line: 1 },
          contradictions: [{ kind: 'evidence-failed', file: v[3]!, line: 2, message: v[4]! }],
          criteria: [{ file: v[3]!, line: 3, text: v[5]!, checked: true, state: 'claimed', evidence: [{ cited: v[6]!, status: 'missing' }] }],
          timeline: [{ file: v[3]!, created: '2026-06-01T09:00:00Z', checkpoint_kind: 'progress', agent: v[7]!, summary: v[1]!, next_steps: [v[2]!, v[4]!], state: 'current' }],
          runs: [],
          commits: [{ sha: 'a'.repeat(40), date: '2026-06-01T09:00:00Z', author: v[7]!, subject: v[0]!, files: [v[3]!] }],
          history: { available: true, shallow: false, commits: 1 },
        };
        const text = renderMarkdown(brief);
        expect(text).not.toMatch(RAW_CONTROL);
        const sections = text.split('\n').filter((line) => /^#{1,6} /.test(line));
        expect(sections[0]).toMatch(/^# Task 0001/);
        expect(sections.slice(1)).toEqual(['## Contradictions', '## Open acceptance criteria', '## Ticked acceptance criteria', '## Last checkpoint', '## Timeline', '## Commits', '## Runs', '## History']);
        // Next steps: exactly the two given, each one line.
        const steps = text.split('Next steps it gave:\n\n')[1]!.split('\n\n')[0]!.split('\n');
        expect(steps).toHaveLength(2);
      }),
      { numRuns: RUNS },
    );
  });
});
