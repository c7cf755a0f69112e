/**
 * The token counter is gpt-tokenizer's o200k_base entry point bundled by the build
 * (dist/vendor/o200k-base.cjs). Its counts must stay exactly those the package gave before
 * the bundling (test/golden/token-counts.json, made with gpt-tokenizer 3.4.0) on every fixture file
 * and on edge strings, and equal to the package itself (a devDependency) on the README.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { TOKENIZER_BUNDLE } from '../../src/package-paths.js';
import { countTokens } from '../../src/tokens/count-tokens.js';

interface Golden {
  files: Record<string, number>;
  strings: { text: string | { repeat: string; times: number }; tokens: number }[];
}
const golden = JSON.parse(readFileSync('test/golden/token-counts.json', 'utf8')) as Golden;

describe('countTokens (bundled o200k_base)', () => {
  it('gives the pre-bundling counts on every fixture file', () => {
    const files = Object.keys(golden.files);
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) expect([file, countTokens(readFileSync(file, 'utf8'))]).toEqual([file, golden.files[file]]);
  });

  it('gives the pre-bundling counts on edge strings, and counts special-token markers as text', () => {
    for (const sample of golden.strings) {
      const text = typeof sample.text === 'string' ? sample.text : sample.text.repeat.repeat(sample.text.times);
      expect(countTokens(text)).toBe(sample.tokens);
    }
    expect(() => countTokens('<|endoftext|>')).not.toThrow();
  });

  it('equals the gpt-tokenizer package on the README, and loads from a bundle under 10 MB', () => {
    const packaged = createRequire(import.meta.url)('gpt-tokenizer/encoding/o200k_base') as { countTokens: (t: string, o: object) => number };
    const readme = readFileSync('README.md', 'utf8');
    expect(countTokens(readme)).toBe(packaged.countTokens(readme, { disallowedSpecial: new Set() }));
    expect(statSync(TOKENIZER_BUNDLE).size).toBeLessThan(10 * 1024 * 1024);
  });
});
