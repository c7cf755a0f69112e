/**
 * The remark side of the body scan, bounded in time and memory: a file whose
 * markdown makes the parser take too long (deep nesting, long runs of
 * brackets or emphasis markers; some of these are quadratic in remark) is
 * skipped with a reason, so that one pathological file cannot hang a CI run.
 *
 * The parse runs in a worker thread while the calling thread waits (the scan
 * is synchronous) up to the deadline; past it the worker is terminated and a
 * fresh one is started for the next file. From the TypeScript sources (no
 * JavaScript entry point for a worker) the parse runs in the calling thread,
 * bounded only against running out of stack.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { Root } from 'mdast';
import { scanWithRemark, type BodyScan } from './body-scan.js';
import type { ScanReply, ScanRequest } from './remark-worker.js';
import { distUrl } from '../package-paths.js';

/** Default longest time one file's markdown may take to parse, in milliseconds. */
export const DEFAULT_MAX_PARSE_MS = 10_000;

/** Memory (old generation) the parsing worker may use, in MiB; past it the worker dies and the file is skipped. */
export const PARSE_MEMORY_MB = 1024;

/**
 * The per-file parse deadline: `SPECGUARD_MAX_PARSE_MS` (a whole number of milliseconds, at least 1) when set,
 * else {@link DEFAULT_MAX_PARSE_MS}.
 */
export function maxParseMs(env: Record<string, string | undefined> = process.env): number {
  const set = Number(env.SPECGUARD_MAX_PARSE_MS);
  return Number.isInteger(set) && set >= 1 ? set : DEFAULT_MAX_PARSE_MS;
}

const WORKER_URL = distUrl('markdown/remark-worker.js');

/** How long a new worker may take to load before workers are given up. */
const STARTUP_MS = 30_000;

let worker: Worker | undefined;
/** False from the TypeScript sources, or once a worker could not even start. */
let workersUsable = import.meta.url.endsWith('.js');

/**
 * Scans a body with remark within the deadline.
 * @param text - the whole file
 * @param mdast - the in-thread parse, used when no worker can run
 * @returns the scan; a skipped scan (empty, with `skipped` saying why) when the parse ran out of time,
 *   memory or stack
 */
export function boundedRemarkScan(text: string, mdast: () => Root, deadlineMs = maxParseMs()): BodyScan {
  if (workersUsable) {
    const reply = scanInWorker(text, deadlineMs);
    if (reply) return 'scan' in reply ? reply.scan : skipped(reply.error);
    if (reply === undefined && !workersUsable) return scanHere(text, mdast);
    return skipped(`its markdown took longer than ${deadlineMs} ms (or more than ${PARSE_MEMORY_MB} MiB) to parse; it was skipped (limit: SPECGUARD_MAX_PARSE_MS)`);
  }
  return scanHere(text, mdast);
}

function scanHere(text: string, mdast: () => Root): BodyScan {
  try {
    return scanWithRemark(mdast(), text);
  } catch (error) {
    return skipped(error instanceof RangeError ? 'nesting' : String((error as Error)?.message ?? error));
  }
}

function skipped(why: string): BodyScan {
  const reason = why === 'nesting' ? 'its markdown nests too deeply to parse (lists, quotes or brackets inside one another thousands of levels deep)' : why;
  return { items: [], links: [], headings: [], skipped: `Body not checked: ${reason}.` };
}

/** @returns the worker's reply; `null` past the deadline; `undefined` when no worker could start (workers are then given up). */
function scanInWorker(text: string, deadlineMs: number): ScanReply | null | undefined {
  if (!worker) {
    const ready = new Int32Array(new SharedArrayBuffer(4));
    try {
      worker = new Worker(WORKER_URL, { workerData: { ready }, resourceLimits: { maxOldGenerationSizeMb: PARSE_MEMORY_MB } });
    } catch {
      workersUsable = false;
      return undefined;
    }
    worker.unref();
    worker.on('error', () => undefined);
    // Start-up (loading remark) is not counted against the first file's deadline.
    if (Atomics.wait(ready, 0, 0, STARTUP_MS) === 'timed-out') {
      void worker.terminate();
      worker = undefined;
      workersUsable = false;
      return undefined;
    }
  }
  const current = worker;
  const { port1, port2 } = new MessageChannel();
  const done = new Int32Array(new SharedArrayBuffer(4));
  const request: ScanRequest = { text, port: port2, done };
  current.postMessage(request, [port2]);
  const state = Atomics.wait(done, 0, 0, deadlineMs);
  const message = receiveMessageOnPort(port1);
  port1.close();
  if (state !== 'timed-out' || message) return message?.message as ScanReply;
  worker = undefined;
  void current.terminate();
  return null;
}
