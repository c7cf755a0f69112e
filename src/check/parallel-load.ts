/**
 * Loads many files on every core: worker threads take shares of the files
 * (read, YAML and JSON parsing, schema validation, body scan) while the main
 * thread takes its own share, and the results come back in file order.
 * Used only where it pays: many files, more than one core, the real file
 * system, and the compiled build (a worker needs a JavaScript entry point).
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ResolvedConfig } from '../config/config.js';
import type { CheckedDocument, LoadFailure } from './checked-document.js';
import type { DiscoveredFile } from './discover.js';
import type { LoadJob } from './load-worker.js';
import { fromData, type LoadData } from './transfer.js';
import { distUrl } from '../package-paths.js';

/** Below this many files, starting workers costs more than it saves. */
export const PARALLEL_MIN_FILES = 1500;

const WORKER_URL = distUrl('check/load-worker.js');

/**
 * How many threads to use (main included) for this many files; 1 means load in-process.
 * `SPECGUARD_THREADS` (a whole number) overrides the choice.
 *
 * One core is left to V8's garbage collector, which already keeps a second core busy on large runs: on two
 * cores a second JavaScript thread gained no time over one and cost 2 s more CPU and 50 MB more memory for
 * 10,000 documents (docs/performance.md), so two cores get one thread, four get three.
 */
export function threadsFor(fileCount: number, env: Record<string, string | undefined> = process.env): number {
  if (!import.meta.url.endsWith('.js')) return 1; // running from TypeScript sources (tests): no worker entry point
  const forced = Number(env.SPECGUARD_THREADS);
  if (Number.isInteger(forced) && forced >= 1) return Math.min(forced, 16);
  if (fileCount < PARALLEL_MIN_FILES) return 1;
  return Math.max(1, Math.min(os.availableParallelism() - 1, 8));
}

/**
 * Loads files across threads.
 * @param loadHere - loads one file in this thread (the same work the workers do)
 * @returns one result per file, in the order of `files`
 */
export async function loadInParallel(
  files: readonly DiscoveredFile[],
  config: ResolvedConfig,
  threads: number,
  loadHere: (file: DiscoveredFile) => CheckedDocument | LoadFailure,
): Promise<Array<CheckedDocument | LoadFailure>> {
  const shares: DiscoveredFile[][] = Array.from({ length: threads }, () => []);
  files.forEach((file, i) => shares[i % threads]!.push(file));
  const kinds = config.kinds.map((k) => ({ ...k, globs: [...k.globs] }));
  const workers = shares.slice(1).map(
    (share) =>
      new Promise<LoadData[]>((resolve, reject) => {
        const job: LoadJob = { root: config.root, maxFileBytes: config.maxFileBytes, kinds, files: share.map((f) => ({ path: f.path, kind: f.kind.name })) };
        const worker = new Worker(WORKER_URL, { workerData: job });
        worker.once('message', (data: LoadData[]) => {
          resolve(data);
          void worker.terminate();
        });
        worker.once('error', reject);
        worker.once('exit', (code) => {
          if (code !== 0) reject(new Error(`load worker exited with code ${code}`));
        });
      }),
  );
  const own = shares[0]!.map(loadHere);
  const others = (await Promise.all(workers)).map((share) => share.map((data) => fromData(data, config.kinds)));
  const results: Array<CheckedDocument | LoadFailure> = new Array(files.length);
  own.forEach((result, i) => (results[i * threads] = result));
  others.forEach((share, w) => share.forEach((result, i) => (results[i * threads + w + 1] = result)));
  return results;
}
