/**
 * The fast body scan on markdown written like real agent repositories' (see `real-style-corpus.ts`) and on every
 * markdown file of the fixtures: it must give exactly what the remark scan gives (every item with its text and
 * inline pieces, every link, every heading, all positions), and it must take on nearly all of it, so that a
 * change that makes it decline ordinary documents again fails here.
 */
import { readFileSync } from 'node:fs';
import { globbySync } from 'globby';
import { describe, expect, it } from 'vitest';
import { realStyleDocuments } from './real-style-corpus.js';
import { exactScans } from './scan-equivalence.js';

/** Documents generated (SPECGUARD_REAL_STYLE_DOCS overrides). */
const DOCS = Number(process.env.SPECGUARD_REAL_STYLE_DOCS ?? 600);

/** The share of generated documents the fast path must take on. */
const MIN_TAKEN = 0.95;

describe('fast body scan on real-style markdown', () => {
  it(`equals the remark scan on ${DOCS} generated documents and takes on at least ${MIN_TAKEN * 100}% of them`, () => {
    const docs = realStyleDocuments('specguard-real-style', DOCS);
    const declined = new Map<string, number>();
    let taken = 0;
    let items = 0;
    for (const [index, text] of docs.entries()) {
      const { fast, remark, declined: why } = exactScans(text);
      if (why !== undefined) {
        declined.set(why, (declined.get(why) ?? 0) + 1);
        continue;
      }
      taken++;
      items += (remark as { items: unknown[] }).items.length;
      expect(fast, `document ${index}:\n${text}`).toEqual(remark);
    }
    expect(items).toBeGreaterThan(DOCS);
    expect(taken / docs.length, `declined: ${JSON.stringify([...declined])}`).toBeGreaterThanOrEqual(MIN_TAKEN);
  }, 300_000);

  it('equals the remark scan on every markdown file under test/fixtures', () => {
    const files = globbySync('test/fixtures/**/*.md', { dot: true });
    expect(files.length).toBeGreaterThan(0);
    let taken = 0;
    for (const file of files) {
      const { fast, remark, declined } = exactScans(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
      if (declined !== undefined) continue;
      taken++;
      expect(fast, file).toEqual(remark);
    }
    expect(taken / files.length).toBeGreaterThanOrEqual(0.95);
  });
});
