/**
 * Schemas and config from the repository: a remote `$ref` is never fetched,
 * an invalid schema or config stops the run with exit 2 and one line naming
 * the file (and line), and no check opens a network connection.
 */
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lines } from '../helpers/check-repo.js';
import { expectOneLine } from '../helpers/git-fixtures.js';
import { runCli } from '../helpers/run-cli.js';
import { tempRepo } from '../helpers/temp-repo.js';

const NOW = ['--now', '2026-11-21'];

/** A repository with a custom kind `note` whose schema is `schemas/note.json`. */
function repoWithSchema(schema: string | object | undefined, config?: string): string {
  return tempRepo({
    'specguard.config.yaml': config ?? lines('kinds:', '  note:', '    globs: ["notes/*.md"]', '    schema: schemas/note.json'),
    'notes/a.md': lines('---', 'title: A', '---', '# A'),
    ...(schema === undefined ? {} : { 'schemas/note.json': schema }),
  });
}

describe('schemas and config', () => {
  let connects: ReturnType<typeof vi.spyOn>;
  let fetches: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    connects = vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(() => {
      throw new Error('network access during a check');
    });
    fetches = vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.reject(new Error('network access during a check')));
  });
  afterEach(() => {
    expect(connects).not.toHaveBeenCalled();
    expect(fetches).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });

  it('a schema with a remote $ref: exit 2, one line naming the schema and saying it is never fetched', async () => {
    const root = repoWithSchema({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { title: { $ref: 'https://evil.example/title.schema.json' } } });
    const run = await runCli(['check', '.', ...NOW], root);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expectOneLine(run.stderr);
    expect(run.stderr).toContain('schemas/note.json');
    expect(run.stderr).toContain('https://evil.example/title.schema.json');
    expect(run.stderr).toMatch(/not fetched|never loads schemas over the network/);
  });

  it.each([
    ['not JSON', '{ "type": "object", '],
    ['not a JSON Schema', { type: 'objekt' }],
    ['an unknown keyword (strict mode)', { type: 'object', requird: ['title'] }],
  ])('an invalid schema (%s): exit 2, one line naming the file', async (_name, schema) => {
    const run = await runCli(['check', '.', ...NOW], repoWithSchema(schema));
    expect(run.code).toBe(2);
    expectOneLine(run.stderr);
    expect(run.stderr).toMatch(/^specguard: schema schemas\/note\.json(?::\d+:\d+)?: /);
  });

  it('a custom kind whose schema file is missing: exit 2, one line naming it', async () => {
    const run = await runCli(['check', '.', ...NOW], repoWithSchema(undefined));
    expect(run.code).toBe(2);
    expectOneLine(run.stderr);
    expect(run.stderr).toBe('specguard: schema schemas/note.json: file not found\n');
  });

  it('a config with an unknown key: exit 2, one line with the key and its line', async () => {
    const root = repoWithSchema(undefined, lines('freshness:', '  days: 10', 'limits:', '  max_file_byte: 100'));
    const run = await runCli(['check', '.', ...NOW], root);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr);
    expect(run.stderr).toMatch(/^specguard: specguard\.config\.yaml:4:3: .*max_file_byte/);
  });

  it('a config that is an alias bomb, or nests 10,000 deep: exit 2, one line', async () => {
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x]', ...'bcdefg'.split('').map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`)];
    for (const text of [lines(...bomb), `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`]) {
      const run = await runCli(['check', '.', ...NOW], repoWithSchema(undefined, text));
      expect(run.code).toBe(2);
      expectOneLine(run.stderr);
      expect(run.stderr).toMatch(/^specguard: specguard\.config\.yaml:\d+:\d+: /);
    }
  });
});
