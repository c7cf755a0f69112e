/**
 * A `--cache` file is reused only when this user on this machine wrote it: its HMAC under a secret kept outside
 * the repository (`SPECGUARD_CACHE_SECRET_DIR`, `XDG_CACHE_HOME`, `~/.cache/specguard`) must hold. A cache
 * committed by someone else, or edited to say a changed file is clean, gives a cold run and a note.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE, LIST, run, runCounted, specsRepo } from '../cache/cache-fixtures.js';

/** A fresh folder for a cache secret: another user, or another machine. */
const secretDir = (): string => mkdtempSync(path.join(os.tmpdir(), 'specguard-secret-'));
const as = (dir: string) => ({ cache: true as const, env: { SPECGUARD_CACHE_SECRET_DIR: dir } });
const FOREIGN = `cache ${CACHE} was not written by this user on this machine (its signature does not hold); it was ignored and rebuilt.`;

describe('a cache signed by this user on this machine', () => {
  it('is reused by its writer; another secret runs cold with a note, then signs its own', async () => {
    const root = specsRepo();
    const plain = await run(root);
    const mine = secretDir();
    await run(root, as(mine));
    const warm = await runCounted(root, as(mine));
    expect(warm.reused).toBe(warm.total);
    expect(warm.report).toEqual(plain);

    const theirs = secretDir();
    const cold = await runCounted(root, as(theirs));
    expect(cold.reused).toBe(0);
    expect(cold.report).toEqual({ ...plain, notes: [...(plain.notes ?? []), FOREIGN].sort() });
    const again = await runCounted(root, as(theirs));
    expect(again.reused).toBe(again.total);
  });

  it('edited to call a changed file clean: the edit is not believed', async () => {
    const root = specsRepo();
    const dir = secretDir();
    await run(root, as(dir));
    // A new unproven tick, and a cache entry rewritten to the new file's hash with the old (clean) results.
    const list = path.join(root, LIST);
    const text = `${readFileSync(list, 'utf8')}- [x] shipped without proof\n`;
    writeFileSync(list, text);
    const file = path.join(root, CACHE);
    const cache = readFileSync(file, 'utf8');
    const oldHash = createHash('sha256').update(readFileSync(list).subarray(0, -'- [x] shipped without proof\n'.length)).digest('hex');
    expect(cache).toContain(oldHash);
    writeFileSync(file, cache.replace(oldHash, createHash('sha256').update(text).digest('hex')));

    const report = await run(root, as(dir));
    expect(report.findings.map((f) => [f.ruleId, f.file])).toContainEqual(['checkbox-evidence', LIST]);
    expect(report.notes).toContain(FOREIGN);
  });

  it('keeps its secret readable by its owner only, outside the repository', async () => {
    const root = specsRepo();
    const dir = secretDir();
    await run(root, as(dir));
    const secret = statSync(path.join(dir, 'cache-secret'));
    expect(secret.mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(root, CACHE), 'utf8')).not.toContain(readFileSync(path.join(dir, 'cache-secret'), 'utf8').trim());
  });

  it('without a place for a secret, the cache is neither used nor written: a note, and a run like one without it', async () => {
    const root = specsRepo();
    const plain = await run(root);
    const blocked = path.join(secretDir(), 'a-file');
    writeFileSync(blocked, 'not a folder\n');
    const report = await run(root, as(path.join(blocked, 'specguard')));
    expect(report.findings).toEqual(plain.findings);
    expect(report.notes?.some((n) => n.startsWith(`cache ${CACHE} was neither used nor written: there is no secret to sign it with (`))).toBe(true);
    // Nothing to check against, and nothing written that a later run could trust.
    expect(() => statSync(path.join(root, CACHE))).toThrow();
  });
});
