/**
 * The cache file: where it goes, what is done with a file that is not a
 * specguard cache or is corrupt, that an unchanged run leaves it alone, that
 * it is written atomically, and that it is never checked as a document.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lines } from '../helpers/check-repo.js';
import { tempRepo, writeFiles } from '../helpers/temp-repo.js';
import { backdate, CACHE, LIST, probed, run, runCounted, SPECS_REPO_DOCUMENTS, specsRepo } from './cache-fixtures.js';

const FOREIGN_NOTE = `${CACHE} is not a specguard cache; it was neither used nor overwritten (give --cache-location another path).`;
const CORRUPT_NOTE = `cache ${CACHE} is corrupt; it was ignored and rebuilt.`;

function readCache(file: string): { format: string; version: number; key: string; savedAt: number; entries: Record<string, { hash: string }> } {
  return JSON.parse(readFileSync(file, 'utf8'));
}

describe('the cache file', () => {
  it('is created at .specguard-cache in the root when missing, and holds an entry per document', async () => {
    const root = specsRepo();
    const plain = await run(root);
    const cold = await run(root, { cache: true });
    expect(cold).toEqual(plain);
    const file = path.join(root, CACHE);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('{"format":"specguard-cache"')).toBe(true);
    const cache = readCache(file);
    expect(cache.version).toBe(2);
    expect(cache.key).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(cache.entries).sort()).toEqual(SPECS_REPO_DOCUMENTS);
    // Each entry carries the SHA-256 of the file's bytes.
    const { createHash } = await import('node:crypto');
    expect(cache.entries[LIST]!.hash).toBe(createHash('sha256').update(readFileSync(path.join(root, LIST))).digest('hex'));
  });

  it('goes where cache names it: relative to the root, or absolute; nothing at the default place', async () => {
    const root = specsRepo();
    mkdirSync(path.join(root, 'build'));
    const plain = await run(root);
    expect(await run(root, { cache: 'build/specguard.cache' })).toEqual(plain);
    expect(existsSync(path.join(root, 'build/specguard.cache'))).toBe(true);
    expect(existsSync(path.join(root, CACHE))).toBe(false);
    const warm = await runCounted(root, { cache: 'build/specguard.cache' });
    expect(warm.report).toEqual(plain);
    expect(warm.reused).toBe(warm.total);

    const elsewhere = path.join(tempRepo(), 'cache.json');
    expect(await run(root, { cache: elsewhere })).toEqual(plain);
    expect(readFileSync(elsewhere, 'utf8').startsWith('{"format":"specguard-cache"')).toBe(true);
    expect((await runCounted(root, { cache: elsewhere })).reused).toBe(SPECS_REPO_DOCUMENTS.length);
    expect(existsSync(path.join(root, CACHE))).toBe(false);
  });

  it('that is foreign JSON is neither used nor overwritten, with a note', async () => {
    const root = specsRepo();
    const plain = await run(root);
    const foreign = `${JSON.stringify({ name: 'my-settings', entries: {} }, null, 2)}\n`;
    writeFileSync(path.join(root, CACHE), foreign);
    const before = statSync(path.join(root, CACHE)).mtimeMs;
    for (let i = 0; i < 2; i++) {
      const report = await run(root, { cache: true });
      expect(report).toEqual({ ...plain, notes: [...(plain.notes ?? []), FOREIGN_NOTE].sort() });
      expect(readFileSync(path.join(root, CACHE), 'utf8')).toBe(foreign);
    }
    expect(statSync(path.join(root, CACHE)).mtimeMs).toBe(before);
  });

  it('that is text, or a JSON cache of another tool that names a format, is left byte for byte', async () => {
    const plain = await run(specsRepo());
    for (const foreign of [Buffer.from('remember to water the plants\n'), Buffer.from('{"format":"other-cache","version":1}'), Buffer.from([0xff, 0xfe, 0x00, 0x01])]) {
      const root = specsRepo();
      writeFileSync(path.join(root, CACHE), foreign);
      const report = await run(root, { cache: true });
      expect(report).toEqual({ ...plain, notes: [...(plain.notes ?? []), FOREIGN_NOTE].sort() });
      expect(readFileSync(path.join(root, CACHE)).equals(foreign)).toBe(true);
      expect(readdirSync(root)).not.toContain(expect.stringMatching(/\.tmp$/));
    }
  });

  it('that is a truncated specguard cache is ignored with a note, rebuilt, and used on the next run', async () => {
    const root = specsRepo();
    const plain = await run(root);
    await run(root, { cache: true });
    const file = path.join(root, CACHE);
    const whole = readFileSync(file, 'utf8');
    writeFileSync(file, whole.slice(0, Math.floor(whole.length / 2)));
    const { report, reused } = await runCounted(root, { cache: true });
    expect(reused).toBe(0);
    expect(report).toEqual({ ...plain, notes: [...(plain.notes ?? []), CORRUPT_NOTE].sort() });
    expect(readCache(file).format).toBe('specguard-cache');
    const next = await runCounted(root, { cache: true });
    expect(next.report).toEqual(plain);
    expect(next.reused).toBe(next.total);
  });

  it('of another layout version is rebuilt', async () => {
    const root = specsRepo();
    const plain = await run(root);
    await run(root, { cache: true });
    const file = path.join(root, CACHE);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"version":2,', '"version":99,'));
    const { report, reused } = await runCounted(root, { cache: true });
    expect(reused).toBe(0);
    expect(report).toEqual({ ...plain, notes: [...(plain.notes ?? []), `cache ${CACHE} has another layout; it was ignored and rebuilt.`].sort() });
    expect(readCache(file).version).toBe(2);
  });

  it('is not rewritten by a run in which nothing changed, and is rewritten after an edit', async () => {
    const root = specsRepo();
    backdate(root);
    await run(root, { cache: true });
    const file = path.join(root, CACHE);
    const old = new Date('2021-06-01T00:00:00Z');
    utimesSync(file, old, old);
    const bytes = readFileSync(file);
    const { reads, fs } = await import('./cache-fixtures.js').then((m) => m.countingFs());
    const warm = await runCounted(root, { cache: true, fs });
    expect(warm.reused).toBe(warm.total);
    expect(statSync(file).mtimeMs).toBe(old.getTime());
    expect(readFileSync(file).equals(bytes)).toBe(true);
    // Old, unchanged stat data: no document was even read.
    expect(reads).toEqual([]);

    writeFiles(root, { [LIST]: `${readFileSync(path.join(root, LIST), 'utf8')}- [ ] one more\n` });
    await run(root, { cache: true });
    expect(statSync(file).mtimeMs).not.toBe(old.getTime());
    expect(readFileSync(file).equals(bytes)).toBe(false);
  });

  it('hashes again a file modified within 2 s before the run that cached it', async () => {
    const root = specsRepo();
    backdate(root);
    // Modified (as far as its stat data say) after the cached run began: not trusted.
    const recent = new Date(Date.now() + 10_000);
    utimesSync(path.join(root, LIST), recent, recent);
    await run(root, { cache: true });
    const { reads, fs } = await import('./cache-fixtures.js').then((m) => m.countingFs());
    const warm = await runCounted(root, { cache: true, fs });
    expect(warm.reused).toBe(warm.total);
    // Its bytes are read to hash them; the other files' old stat data spare them.
    expect(reads).toEqual([path.join(root, LIST)]);
  });

  it('is written atomically: no temporary file is left next to it', async () => {
    const root = specsRepo();
    await run(root, { cache: true });
    writeFiles(root, { [LIST]: lines('# Tasks', '', '- [ ] changed') });
    await run(root, { cache: true });
    expect(readdirSync(root).filter((name) => name.includes('specguard-cache'))).toEqual([CACHE]);
  });

  it('is not checked as a document, even where a kind\'s globs would find it', async () => {
    const root = specsRepo();
    writeFiles(root, {
      'schemas/any.schema.json': { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', required: ['name'] },
      'specguard.config.yaml': lines('kinds:', '  settings:', '    globs: [".*"]', '    format: json', '    schema: schemas/any.schema.json'),
      '.settings': { name: 'x' },
    });
    const plain = await run(root);
    expect(plain.summary.files).toBe(SPECS_REPO_DOCUMENTS.length + 1);
    expect(await run(root, { cache: true })).toEqual(plain);
    const warm = await run(root, { cache: true });
    expect(warm).toEqual(plain);
  });

  it('is not checked as a run manifest when --cache-location puts it where manifests live', async () => {
    const root = specsRepo();
    mkdirSync(path.join(root, '.runs/cache'));
    const plain = await run(root);
    expect((await probed(root, { cache: '.runs/cache/manifest.json' })).report).toEqual(plain);
    const warm = await probed(root, { cache: '.runs/cache/manifest.json' });
    expect(warm.report).toEqual(plain);
    expect(warm.checked).toEqual([]);
  });
});
