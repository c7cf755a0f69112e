/**
 * Regular-expression audit: every regular expression in `src/` (found by
 * parsing the sources with the TypeScript compiler), every `pattern` in the
 * shipped JSON Schemas, and the ajv-formats formats the schemas use, run
 * against long adversarial inputs (50,000 repetitions of the characters and
 * pairs of characters each pattern mentions, then a character that makes the
 * match fail). Catastrophic (exponential) or quadratic backtracking shows as
 * seconds; a linear pattern takes milliseconds. The bound is generous on
 * purpose: this looks for blow-ups, not speed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadPreset, presetNames } from '../../src/presets/load-presets.js';
import { bodyLabelLine, headingLabelLine } from '../../src/tasks/declared-value.js';
import { PACKAGE_ROOT } from './harness.js';

/** Per pattern and input. */
const BOUND_MS = 1000;
const LENGTH = 50_000;

interface Found {
  where: string;
  regex: RegExp;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Regular expressions written in `src/`: literals, and `new RegExp(...)` of literal arguments. */
function regexesInSources(): { found: Found[]; dynamic: string[] } {
  const found: Found[] = [];
  const dynamic: string[] = [];
  for (const file of sourceFiles(path.join(PACKAGE_ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node): string => `${path.relative(PACKAGE_ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) {
        const literal = node.text;
        const slash = literal.lastIndexOf('/');
        found.push({ where: where(node), regex: new RegExp(literal.slice(1, slash), literal.slice(slash + 1)) });
      } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        const args = (node.arguments ?? []).map((a) => a.getText(source)).join(', ');
        try {
          // Arguments built only from literals (strings, arrays, join) evaluate on their own; anything naming
          // a variable of its module throws a ReferenceError here and is listed as dynamic.
          const [pattern, flags] = new Function(`return [${args}];`)() as [unknown, string | undefined];
          if (typeof pattern !== 'string') throw new Error('not a string');
          found.push({ where: where(node), regex: new RegExp(pattern, flags) });
        } catch {
          dynamic.push(where(node));
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { found, dynamic };
}

/** `pattern` keywords of the shipped schemas (compiled with the `u` flag, as Ajv does). */
function schemaPatterns(): Found[] {
  const found: Found[] = [];
  const dir = path.join(PACKAGE_ROOT, 'schemas');
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const walk = (value: unknown, at: string): void => {
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${at}/${i}`));
      else if (value && typeof value === 'object') {
        for (const [key, v] of Object.entries(value)) {
          if (key === 'pattern' && typeof v === 'string') found.push({ where: `schemas/${name}#${at}`, regex: new RegExp(v, 'u') });
          else walk(v, `${at}/${key}`);
        }
      }
    };
    walk(JSON.parse(readFileSync(path.join(dir, name), 'utf8')), '');
  }
  return found;
}

/** Adversarial inputs for a pattern: long runs of the characters (and pairs) it mentions, each ending in a mismatch. */
function attacks(regex: RegExp): string[] {
  const mentioned = new Set<string>();
  for (const c of regex.source.replace(/\\[dswDSW]/g, '')) if (c >= ' ' && c <= '~' && c !== '\\') mentioned.add(c);
  for (const c of ['a', 'A', '0', 'f', ' ', '\n', '\r', '\t', '-', '.', '/', ':', '#', '[', ']', '`', '"', '_', '*']) mentioned.add(c);
  const chars = [...mentioned];
  const inputs = chars.map((c) => `${c.repeat(LENGTH)}\u0000`);
  const core = chars.filter((c) => regex.source.includes(c)).slice(0, 14).concat(['a', ' ', '0']);
  for (const a of core) for (const b of core) if (a !== b) inputs.push(`${(a + b).repeat(LENGTH / 2)}\u0000`);
  // Shapes that often trip nested quantifiers: a run then a near-miss of the pattern's end.
  inputs.push(`${'a'.repeat(LENGTH)}!`, `${'a '.repeat(LENGTH / 2)}\n!`, `${'- '.repeat(LENGTH / 2)}x`, `"${'\\"'.repeat(LENGTH / 2)}`, `${'a/'.repeat(LENGTH / 2)}*`);
  return inputs;
}

function slowest(regex: RegExp): { ms: number; input: string } {
  let worst = { ms: 0, input: '' };
  for (const input of attacks(regex)) {
    const started = performance.now();
    if (regex.global || regex.sticky) {
      regex.lastIndex = 0;
      for (const _ of input.matchAll(new RegExp(regex.source, regex.flags.includes('g') ? regex.flags : `${regex.flags}g`))) void _;
    } else {
      regex.test(input);
      input.search(regex);
    }
    const ms = performance.now() - started;
    if (ms > worst.ms) worst = { ms, input };
  }
  return worst;
}

function describeInput(input: string): string {
  return `${JSON.stringify(input.slice(0, 12))}… (${input.length} chars)`;
}

describe('regular-expression audit', () => {
  const { found, dynamic } = regexesInSources();

  it('finds the patterns of src/ (literals and new RegExp of literals), and no pattern built from anything else goes unreviewed', () => {
    expect(found.length).toBeGreaterThan(50);
    expect(found.some((f) => f.where.startsWith('src/markdown/fast-scan.ts'))).toBe(true);
    // A pattern built at run time from other values: reviewed by hand. src/tasks/commit-mentions.ts compiles a
    // configured commit pattern (POSIX ERE) for brief and the board; its input is the repository's own config.
    // src/tasks/ compiles the shipped presets' id patterns and body labels, audited below.
    expect(dynamic.map((d) => d.replace(/:\d+$/, ''))).toEqual(['src/tasks/build-tasks.ts', 'src/tasks/build-tasks.ts', 'src/tasks/commit-mentions.ts', 'src/tasks/declared-value.ts', 'src/tasks/declared-value.ts']);
  });

  it(`no pattern of src/ takes over ${BOUND_MS} ms on any adversarial input of ${LENGTH} characters`, () => {
    const slow = found.map((f) => ({ ...f, ...slowest(f.regex) })).filter((f) => f.ms > BOUND_MS);
    expect(slow.map((f) => `${f.where} /${f.regex.source}/${f.regex.flags}: ${Math.round(f.ms)} ms on ${describeInput(f.input)}`)).toEqual([]);
  }, 120_000);

  it("no pattern of a shipped preset (task id patterns, and each body-label line it builds) blows up", () => {
    const found: Found[] = [];
    for (const name of presetNames()) {
      const preset = loadPreset(name);
      for (const source of preset.tasks ?? []) {
        for (const rule of source.id) {
          if (rule.from === 'file') found.push({ where: `presets/${name}.yaml id pattern`, regex: new RegExp(rule.pattern) });
          if (rule.from === 'folder' && rule.strip) found.push({ where: `presets/${name}.yaml id strip`, regex: new RegExp(rule.strip) });
        }
        for (const place of [source.title, source.status, source.dates]) {
          if (place?.labels) {
            found.push({ where: `presets/${name}.yaml labels ${place.labels.join(',')}`, regex: bodyLabelLine(place.labels) });
            found.push({ where: `presets/${name}.yaml heading labels ${place.labels.join(',')}`, regex: headingLabelLine(place.labels) });
          }
        }
      }
    }
    expect(found.length).toBeGreaterThan(5);
    const slow = found.map((f) => ({ ...f, ...slowest(f.regex) })).filter((f) => f.ms > BOUND_MS);
    expect(slow.map((f) => `${f.where} /${f.regex.source}/: ${Math.round(f.ms)} ms on ${describeInput(f.input)}`)).toEqual([]);
  }, 120_000);

  it('no schema pattern, and no format the schemas use (ajv-formats: date, date-time, time, uri), blows up', () => {
    const slow = schemaPatterns()
      .map((f) => ({ ...f, ...slowest(f.regex) }))
      .filter((f) => f.ms > BOUND_MS)
      .map((f) => `${f.where}: ${Math.round(f.ms)} ms`);
    for (const name of ['date', 'date-time', 'time', 'uri'] as const) {
      const format = fullFormats[name];
      const validate = format instanceof RegExp ? (s: string) => format.test(s) : typeof format === 'function' ? format : (format as { validate: RegExp | ((s: string) => boolean) }).validate;
      const check = validate instanceof RegExp ? (s: string) => validate.test(s) : (validate as (s: string) => boolean);
      const inputs = ['2026-11-21T10:00:00', 'http://a', 'a:', '//', '%2', '1', '-', ':', 'T', 'Z', 'a'].flatMap((seed) => [`${seed.repeat(LENGTH / seed.length)}\u0000`]);
      for (const input of inputs) {
        const started = performance.now();
        check(input);
        const ms = performance.now() - started;
        if (ms > BOUND_MS) slow.push(`format ${name}: ${Math.round(ms)} ms on ${describeInput(input)}`);
      }
    }
    expect(slow).toEqual([]);
  }, 60_000);
});
