/**
 * Speed of the markdown body scan on real files, in one process on one core:
 *
 *     npx tsx scripts/bench/scan-speed.ts [--skip-remark] DIR...
 *
 * Reads every `.md` file under the folders (skipping `node_modules` and `.git`), then times `scanBody` (the fast
 * path, falling back to remark where it declines) and, for comparison, the remark scan alone
 * (`scanWithRemark(parseMarkdown(text))`) over all of them: one warm-up pass, then 5 measured passes each; prints
 * the files, bytes, how many fell back (and why), and the median MB/s (MB = 2^20 bytes) of each.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { findFrontmatter } from '../../src/document/frontmatter.js';
import { scanWithRemark } from '../../src/markdown/body-scan.js';
import { explainDecline } from '../../src/markdown/fast-scan.js';
import { parseMarkdown } from '../../src/markdown/parse.js';
import { fastPathOffset, scanBody } from '../../src/markdown/scan-body.js';

const PASSES = 5;

function markdownFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.git') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) markdownFiles(full, out);
    else if (entry.isFile() && entry.name.endsWith('.md')) out.push(full);
  }
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** MB/s of `work` over all texts: the median of the measured passes after one warm-up. */
function measure(texts: readonly string[], bytes: number, work: (text: string) => unknown): { mbps: number; runs: number[] } {
  for (const text of texts) work(text);
  const runs: number[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    const started = performance.now();
    for (const text of texts) work(text);
    const seconds = (performance.now() - started) / 1000;
    runs.push(bytes / 2 ** 20 / seconds);
  }
  return { mbps: median(runs), runs };
}

const dirs = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (dirs.length === 0 || dirs.some((d) => !statSync(d, { throwIfNoEntry: false })?.isDirectory())) {
  console.error('usage: npx tsx scripts/bench/scan-speed.ts DIR...');
  process.exit(2);
}
const files = dirs.flatMap((d) => markdownFiles(d)).sort();
// The loader strips a leading byte-order mark before any scan.
const texts = files.map((f) => readFileSync(f, 'utf8').replace(/^\uFEFF/, ''));
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
const reasons = new Map<string, { files: number; bytes: number }>();
let fallbacks = 0;
let fallbackBytes = 0;
for (const text of texts) {
  const frontmatter = findFrontmatter(text);
  const offset = fastPathOffset(text, frontmatter);
  const why = offset === undefined ? 'frontmatter remark reads differently' : explainDecline(text, offset);
  if (why === undefined) continue;
  fallbacks++;
  fallbackBytes += Buffer.byteLength(text);
  const entry = reasons.get(why) ?? { files: 0, bytes: 0 };
  entry.files++;
  entry.bytes += Buffer.byteLength(text);
  reasons.set(why, entry);
}
const mb = bytes / 2 ** 20;
console.log(`files: ${files.length}, ${mb.toFixed(2)} MB`);
console.log(`fallbacks: ${fallbacks} files (${((100 * fallbacks) / files.length).toFixed(1)}%), ${((100 * fallbackBytes) / bytes).toFixed(1)}% of bytes`);
for (const [why, entry] of [...reasons].sort((a, b) => b[1].files - a[1].files)) console.log(`  ${entry.files} files, ${(entry.bytes / 1024).toFixed(0)} KiB: ${why}`);
const fast = measure(texts, bytes, (text) => scanBody(text, findFrontmatter(text), () => parseMarkdown(text)));
console.log(`scanBody: ${fast.mbps.toFixed(2)} MB/s median of ${PASSES} (${fast.runs.map((r) => r.toFixed(2)).join(', ')})`);
if (!process.argv.includes('--skip-remark')) {
  const remark = measure(texts, bytes, (text) => scanWithRemark(parseMarkdown(text), text));
  console.log(`remark scan alone: ${remark.mbps.toFixed(2)} MB/s median of ${PASSES} (${remark.runs.map((r) => r.toFixed(2)).join(', ')})`);
}
