/**
 * Lenient YAML (a preset's `yaml: lenient`, Backlog.md's `assignee: @name`):
 * plain values that start with `@` or a backtick are quoted before parsing,
 * everything else is left as YAML 1.2 reads it, and every position (located
 * keys and values, syntax errors) is that of the original text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYamlMetadata, type Metadata } from '../../src/document/metadata.js';
import { originalOffset, quoteReservedScalars } from '../../src/document/lenient-yaml.js';

const RUNS = Number(process.env.SPECGUARD_FAST_CHECK_RUNS) > 0 ? Number(process.env.SPECGUARD_FAST_CHECK_RUNS) : 300;

/** The frontmatter of a whole file: what follows `---\n`, at offset 4. */
const FENCE = '---\n';

/** Parses `yaml` as the frontmatter of `---\n<yaml>---\n`, so that positions are offsets in that file. */
function lenient(yaml: string): { text: string; metadata: Metadata } {
  return { text: `${FENCE}${yaml}---\n`, metadata: parseYamlMetadata(yaml, FENCE.length, { lenient: true }) };
}

/** The text a located key spans, and the text its value spans. */
function spans(text: string, metadata: Metadata, path: string[]): { key?: string; value: string } {
  const where = metadata.locate(path);
  if (!where) throw new Error(`${path.join('/')} not located`);
  return { ...(where.key ? { key: text.slice(where.key.start, where.key.end) } : {}), value: text.slice(where.value.start, where.value.end) };
}

/** Every offset of the quoted text that is not an inserted quote maps back to the same character. */
function expectMapsBack(original: string): void {
  const { text, insertions } = quoteReservedScalars(original);
  expect(text.length).toBe(original.length + insertions.length);
  const inserted = new Set(insertions.map((at, i) => at + i));
  for (let i = 0; i < text.length; i++) {
    if (inserted.has(i)) continue;
    expect(original[originalOffset(i, insertions)], `quoted offset ${i}`).toBe(text[i]);
  }
  expect(originalOffset(text.length, insertions)).toBe(original.length);
}

describe('quoteReservedScalars', () => {
  it('quotes a block value that starts with @ or a backtick, and records the two quotes', () => {
    expect(quoteReservedScalars('assignee: @maria\n')).toEqual({ text: "assignee: '@maria'\n", insertions: [10, 16] });
    expect(quoteReservedScalars('cmd: `npm test`\n')).toEqual({ text: "cmd: '`npm test`'\n", insertions: [5, 15] });
  });

  it('quotes block list items, and a block map inside a list', () => {
    const yaml = 'assignee:\n  - @maria\n  - "lee"\n  - @sam b\n- who: @x\n';
    expect(quoteReservedScalars(yaml).text).toBe('assignee:\n  - \'@maria\'\n  - "lee"\n  - \'@sam b\'\n- who: \'@x\'\n');
    expectMapsBack(yaml);
  });

  it('quotes the @ items of a flow list and leaves the others as written', () => {
    const yaml = 'reporter: [@a, "b", @c d , \'e\']\n';
    expect(quoteReservedScalars(yaml).text).toBe('reporter: [\'@a\', "b", \'@c d\' , \'e\']\n');
    expectMapsBack(yaml);
    // A flow list may span lines.
    expect(quoteReservedScalars('reporter: [@a,\n  @b]\n').text).toBe("reporter: ['@a',\n  '@b']\n");
    expect(parseYamlMetadata('reporter: [@a,\n  @b]\n', 0, { lenient: true }).value).toEqual({ reporter: ['@a', '@b'] });
  });

  it('doubles a single quote inside the value, and keeps a comment and trailing blanks outside the quotes', () => {
    expect(quoteReservedScalars("reporter: @o'brien\n")).toEqual({ text: "reporter: '@o''brien'\n", insertions: [10, 12, 18] });
    expect(quoteReservedScalars('assignee: @maria   # owner\n').text).toBe("assignee: '@maria'   # owner\n");
    expectMapsBack("reporter: @o'brien\nassignee: @maria   # owner\n");
  });

  it('keeps CRLF line endings outside the quotes', () => {
    const yaml = 'assignee: @maria\r\nreporter: [@lee]\r\nstatus: Done\r\n';
    expect(quoteReservedScalars(yaml).text).toBe("assignee: '@maria'\r\nreporter: ['@lee']\r\nstatus: Done\r\n");
    expectMapsBack(yaml);
  });

  it('leaves text without a reserved start unchanged', () => {
    const yaml = 'id: BACK-7\nemail: maria@example.com\nassignee: []\nnote: "@quoted"\n';
    expect(quoteReservedScalars(yaml)).toEqual({ text: yaml, insertions: [] });
  });
});

describe('originalOffset', () => {
  it('maps offsets before, inside and after a quoted value, and an inserted quote to the character after it', () => {
    // `x: @o'b` → `x: '@o''b'`: quotes inserted before offsets 3 (open), 5 (doubled) and 7 (close).
    const insertions = [3, 5, 7];
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((at) => originalOffset(at, insertions))).toEqual([0, 1, 2, 3, 3, 4, 5, 5, 6, 7, 7]);
    expect(originalOffset(5, [])).toBe(5);
  });
});

describe('parseYamlMetadata, lenient', () => {
  it('reads @ and backtick values as strings, as Backlog.md does', () => {
    const { metadata } = lenient('id: BACK-7\nassignee: @maria\nreporter: [@lee, "kim"]\nlabels:\n  - `cli`\n  - export\n');
    expect(metadata.syntaxError).toBeUndefined();
    expect(metadata.value).toEqual({ id: 'BACK-7', assignee: '@maria', reporter: ['@lee', 'kim'], labels: ['`cli`', 'export'] });
  });

  it('locates keys and values at their places in the original text', () => {
    const yaml = "id: BACK-7\nassignee: @maria # owner\nreporter: [@lee, \"kim\", @o'brien]\nstatus: Done\nlabels:\n  - @x\n  - y\ncreated_date: '2025-07-18 08:30'\n";
    const { text, metadata } = lenient(yaml);
    expect(spans(text, metadata, ['assignee'])).toEqual({ key: 'assignee', value: '@maria' });
    expect(spans(text, metadata, ['reporter', '0'])).toEqual({ value: '@lee' });
    expect(spans(text, metadata, ['reporter', '1'])).toEqual({ value: '"kim"' });
    expect(spans(text, metadata, ['reporter', '2'])).toEqual({ value: "@o'brien" });
    expect(spans(text, metadata, ['status'])).toEqual({ key: 'status', value: 'Done' });
    expect(spans(text, metadata, ['labels', '0'])).toEqual({ value: '@x' });
    expect(spans(text, metadata, ['labels', '1'])).toEqual({ value: 'y' });
    expect(spans(text, metadata, ['created_date'])).toEqual({ key: 'created_date', value: "'2025-07-18 08:30'" });
    expect(metadata.range).toEqual({ start: FENCE.length, end: FENCE.length + yaml.length });
  });

  it('locates keys exactly with CRLF line endings', () => {
    const { text, metadata } = lenient('assignee: @maria\r\nreporter: @lee\r\nstatus: Done\r\n');
    expect(metadata.value).toEqual({ assignee: '@maria', reporter: '@lee', status: 'Done' });
    expect(spans(text, metadata, ['reporter'])).toEqual({ key: 'reporter', value: '@lee' });
    expect(spans(text, metadata, ['status'])).toEqual({ key: 'status', value: 'Done' });
  });

  it('reports a syntax error after a quoted value at its offset in the original text', () => {
    // The same text with `xx` for `@x` (same length) is valid up to the error, which must sit at the same offset.
    const broken = 'assignee: @x\nreporter: [@lee\nstatus: Done\n';
    const plain = broken.replace('@x', 'xx').replace('@lee', 'xlee');
    const strict = parseYamlMetadata(plain, FENCE.length);
    const { metadata } = lenient(broken);
    expect(strict.syntaxError).toBeDefined();
    expect(metadata.syntaxError).toEqual(strict.syntaxError);
    expect(metadata.value).toBeUndefined();
  });

  it('reports a duplicate key after a quoted value at the second key', () => {
    const { text, metadata } = lenient('assignee: @maria\nstatus: To Do\nstatus: Done\n');
    expect(metadata.syntaxError?.message).toMatch(/unique/i);
    expect(text.slice(metadata.syntaxError!.offset)).toBe('status: Done\n---\n');
  });

  it('parses text with nothing to quote exactly as strict mode does', () => {
    const yaml = 'id: BACK-1\nstatus: [unclosed\n';
    expect(parseYamlMetadata(yaml, 4, { lenient: true }).syntaxError).toEqual(parseYamlMetadata(yaml, 4).syntaxError);
  });

  it('leaves what YAML already reads alone: block scalars, quoted strings holding ", @", multi-line quoted strings', () => {
    const texts = [
      'description: |\n  ping @maria: today\n  notes: @bob\nstatus: Done\n',
      'description: >-\n  - @maria\nstatus: Done\n',
      'labels: ["cli, @core", \'x, @y\']\n',
      'title: "Export\n  owner: @maria"\nstatus: Done\n',
      "title: 'Export\n  - @maria'\n",
    ];
    for (const yaml of texts) {
      const strict = parseYamlMetadata(yaml, 0);
      expect(strict.syntaxError, yaml).toBeUndefined();
      const read = parseYamlMetadata(yaml, 0, { lenient: true });
      expect(read.syntaxError, yaml).toBeUndefined();
      expect(read.value, yaml).toEqual(strict.value);
    }
  });

  it('strict mode still rejects a plain @ value, at the @', () => {
    const metadata = parseYamlMetadata('id: BACK-7\nassignee: @maria\n', FENCE.length);
    expect(metadata.value).toBeUndefined();
    expect(metadata.syntaxError?.message).toMatch(/reserve/);
    expect(metadata.syntaxError?.offset).toBe(FENCE.length + 'id: BACK-7\nassignee: '.length);
    expect(parseYamlMetadata('cmd: `x`\n', 0).syntaxError?.offset).toBe(5);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties over YAML-ish frontmatter of the kind Backlog.md writes.

const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9._-]{0,8}$/);
/** A plain value starting with a reserved character. */
const reserved = fc.tuple(fc.constantFrom('@', '`'), word).map(([c, w]) => `${c}${w}`);
/** A scalar as written, and whether YAML 1.2 reads it without help. */
const scalar: fc.Arbitrary<{ written: string; strict: boolean }> = fc.oneof(
  reserved.map((written) => ({ written, strict: false })),
  fc.tuple(reserved, word).map(([r, w]) => ({ written: `${r} ${w}`, strict: false })),
  word.map((w) => ({ written: `w${w}`, strict: true })),
  word.map((w) => ({ written: `"${w}, @${w}"`, strict: true })),
  word.map((w) => ({ written: `'${w}''s @x'`, strict: true })),
  fc.constant({ written: "'2025-07-18 08:30'", strict: true }),
);

/** One top-level entry: its key, its lines, and where its scalars are (path below the key → text as written). */
interface Entry {
  key: string;
  lines: string[];
  scalars: Array<{ path: string[]; written: string }>;
  strict: boolean;
}

const entry: fc.Arbitrary<Entry> = fc.tuple(fc.stringMatching(/^[a-z][a-z_]{0,10}$/), fc.integer({ min: 0, max: 4 }), fc.array(scalar, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([key, form, values, comment]) => {
  const strict = values.every((v) => v.strict);
  const first = values[0]!;
  switch (form) {
    case 0:
      return { key, lines: [`${key}: ${first.written}${comment ? ' # note' : ''}`], scalars: [{ path: [], written: first.written }], strict: first.strict };
    case 1:
      return { key, lines: [`${key}: [${values.map((v) => v.written).join(', ')}]`], scalars: values.map((v, i) => ({ path: [String(i)], written: v.written })), strict };
    case 2:
      return { key, lines: [`${key}:`, ...values.map((v) => `  - ${v.written}`)], scalars: values.map((v, i) => ({ path: [String(i)], written: v.written })), strict };
    case 3:
      // A block scalar whose lines look like reserved values: text, not values.
      return { key, lines: [`${key}: |`, ...values.map((v) => `  line: ${v.written.replace(/^[^@`]/, '@')}`)], scalars: [], strict: true };
    default:
      return { key, lines: [`${key}: []`], scalars: [], strict: true };
  }
});

const frontmatter = fc.tuple(fc.uniqueArray(entry, { selector: (e) => e.key, minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n')).map(([entries, eol]) => ({
  entries,
  yaml: entries.flatMap((e) => e.lines).join(eol) + eol,
}));

describe('lenient YAML properties', () => {
  it('every located key starts with that key in the original text, and every scalar spans its text as written', () => {
    fc.assert(
      fc.property(frontmatter, ({ entries, yaml }) => {
        const { text, metadata } = lenient(yaml);
        expect(metadata.syntaxError, yaml).toBeUndefined();
        for (const e of entries) {
          const where = metadata.locate([e.key]);
          expect(where?.key, `${e.key} in ${JSON.stringify(yaml)}`).toBeDefined();
          expect(text.slice(where!.key!.start, where!.key!.start + e.key.length)).toBe(e.key);
          for (const s of e.scalars) expect(spans(text, metadata, [e.key, ...s.path]).value, JSON.stringify(yaml)).toBe(s.written);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('reads whatever strict YAML reads to the same value', () => {
    fc.assert(
      fc.property(frontmatter, ({ entries, yaml }) => {
        if (!entries.every((e) => e.strict)) return;
        const strict = parseYamlMetadata(yaml, 4);
        expect(strict.syntaxError, yaml).toBeUndefined();
        expect(parseYamlMetadata(yaml, 4, { lenient: true }).value, JSON.stringify(yaml)).toEqual(strict.value);
      }),
      { numRuns: RUNS },
    );
  });
});
