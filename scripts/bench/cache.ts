/**
 * The `--cache` scenarios: whether the measured specguard has the flag, and
 * the deterministic 1% change (a space appended to each file of the corpus's
 * touch set, so no finding changes) with its undo.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, statSync, truncateSync } from 'node:fs';
import path from 'node:path';

/** What `specguard check --help` offers. */
export interface CacheSupport {
  cache: boolean;
  cacheLocation: boolean;
}

/** Reads `specguard check --help` of the measured version. */
export function cacheSupport(specguardBin: string): CacheSupport {
  const help = execFileSync(process.execPath, [specguardBin, 'check', '--help'], { encoding: 'utf8' });
  return { cache: /(^|\s)--cache(\s|,|$)/m.test(help), cacheLocation: /--cache-location\b/.test(help) };
}

/** Appends a space to each file of the set; returns the undo. */
export function touch(root: string, files: readonly string[]): () => void {
  const sizes = files.map((file) => {
    const absolute = path.join(root, ...file.split('/'));
    const size = statSync(absolute).size;
    appendFileSync(absolute, ' ');
    return { absolute, size };
  });
  return () => {
    for (const { absolute, size } of sizes) truncateSync(absolute, size);
  };
}
