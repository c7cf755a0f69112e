/**
 * Properties over arbitrary input (fast-check): the parser never throws, every
 * finding's line and column lie inside its file, the JSON report always
 * validates against `schemas/report.schema.json`, and the fast path of the
 * body scan finds exactly what a full remark parse finds.
 *
 * Runs: a default suited to CI; set `SPECGUARD_FAST_CHECK_RUNS` (a whole
 * number) to run each property that many times instead (the slower,
 * whole-repository property runs a tenth of it), e.g.
 * `SPECGUARD_FAST_CHECK_RUNS=5000 npx vitest run test/hardening/properties.test.ts`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check/check.js';
import { makeDocument } from '../../src/check/load.js';
import { jsonFormatter } from '../../src/formatters/json.js';
import { findFrontmatter } from '../../src/document/frontmatter.js';
import { scanWithRemark } from '../../src/markdown/body-scan.js';
import { fastScan } from '../../src/markdown/fast-scan.js';
import { parseMarkdown } from '../../src/markdown/parse.js';
import { fastPathOffset } from '../../src/markdown/scan-body.js';
import { observable } from '../markdown/scan-equivalence.js';
import { tempRepo } from '../helpers/temp-repo.js';
import { reportSchemaErrors } from './harness.js';

const RUNS = Number(process.env.SPECGUARD_FAST_CHECK_RUNS) > 0 ? Number(process.env.SPECGUARD_FAST_CHECK_RUNS) : 300;
const REPO_RUNS = Math.max(10, Math.round(RUNS / 10));

/** Pieces of markdown, frontmatter and JSON that the parsers treat specially, to be strung together. */
const PIECES = [
  '- [x] ', '- [ ] ', '* [X] ', '1. [x] ', '- ', '+ ', '2) ', '  ', '    ', '\t', '\n', '\n\n', '\r\n', '\r', ' ',
  '`a.md`', '``', '`', '[l](b.md)', '[l](<c d.md>)', '[l][1]', '[1]: c.md', '[1]: <d.md> "t"', '![i](p.png)', '[', ']', '(', ')', '<', '>',
  '# ', '## h', '> ', '```', '~~~', '---', '***', '___', '|', '| a | b |', '|---|---|', '*', '_', '**', '\\', '&amp;', '&#x5b;',
  'text', 'word', 'é', '日本', '🚀', 'http://example.com/x', 'file:///etc/passwd', '../x.md', '/abs.md', 'abc1234', '#12', 'o/r#3',
  '.runs/1/manifest.json', 'tasks/x.md', '<a href="x">', '<!-- c -->', '---\n', 'id: x\n', 'status: approved\n', 'key: [a, b]\n', '&a', '*a',
  '"', "'", ':', '{', '}', ',', '%2e%2e/', '\u0000', '\uFEFF',
];

const markdownish = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((parts) => parts.join(''));
/** Arbitrary text: strings of any characters, or strung-together pieces. */
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), markdownish, markdownish.map((t) => `---\n${t}`));

describe('properties', () => {
  it('makeDocument, the metadata and the body scan never throw on any text, markdown or JSON', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom('markdown' as const, 'json' as const), (text, format) => {
        const document = makeDocument(format === 'json' ? 'x/manifest.json' : 'tasks/tasks-x.md', '/nowhere', format, text);
        void document.metadata?.value;
        document.metadata?.locate(['a', '0', 'b']);
        const scan = document.body();
        for (const item of scan.items) {
          expect(item.start).toBeGreaterThanOrEqual(0);
          expect(item.start).toBeLessThanOrEqual(text.length);
        }
        if (document.metadata?.syntaxError) {
          expect(document.metadata.syntaxError.offset).toBeGreaterThanOrEqual(0);
          expect(document.metadata.syntaxError.offset).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('the fast path of the body scan finds exactly the checkboxes and links a full remark parse finds', () => {
    let taken = 0;
    fc.assert(
      // The loader strips a leading byte-order mark before any scan.
      fc.property(markdownish.map((t) => t.replace(/^\uFEFF/, '')), (text) => {
        // Where scanBody would start the fast path (undefined: it would not try it).
        const offset = fastPathOffset(text, findFrontmatter(text));
        if (offset === undefined) return;
        const fastScanned = fastScan(text, offset);
        if (fastScanned === undefined) return; // the fast path declined: remark decides alone
        const fast = observable(fastScanned, text);
        const remark = observable(scanWithRemark(parseMarkdown(text), text), text);
        taken++;
        expect(fast).toEqual(remark);
      }),
      // Found by a run: a block quote as a list item's first block, holding a task item.
      { numRuns: RUNS * 3, examples: [['- > - [x] - [x] ']] },
    );
    // The property is about the fast path: it must have taken on a share of the inputs.
    expect(taken).toBeGreaterThan(RUNS / 10);
  });

  it('on any repository content, every finding lies inside its file and the JSON report validates', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, anyText, anyText, async (list, spec, json) => {
        const files = { 'tasks/tasks-0001.md': list, 'tasks/specs/0001-x.md': spec, '.runs/1/manifest.json': json };
        const root = tempRepo(files);
        const report = await check({ root, now: '2026-11-21', env: {} });
        for (const finding of report.findings) {
          const text = readFileSync(path.join(root, finding.file), 'utf8').replace(/^\uFEFF/, '');
          const lines = text.split(/\r\n|\r|\n/);
          expect(finding.line, JSON.stringify(finding)).toBeGreaterThanOrEqual(1);
          expect(finding.line, JSON.stringify(finding)).toBeLessThanOrEqual(lines.length);
          expect(finding.column, JSON.stringify(finding)).toBeGreaterThanOrEqual(1);
          expect(finding.column, JSON.stringify(finding)).toBeLessThanOrEqual(lines[finding.line - 1]!.length + 1);
          if (finding.endLine !== undefined) {
            expect(finding.endLine).toBeLessThanOrEqual(lines.length);
            expect(finding.endColumn!).toBeLessThanOrEqual(lines[finding.endLine - 1]!.length + 1);
          }
        }
        expect(reportSchemaErrors(JSON.parse(jsonFormatter(report, { color: false, rules: [], toolVersion: '0.0.0' })))).toEqual([]);
      }),
      { numRuns: REPO_RUNS },
    );
  }, 120_000);
});
