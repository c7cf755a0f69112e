/**
 * Worker thread of the bounded body scan (see `bounded-scan.ts`): parses one
 * markdown text with remark per message and answers with its scan, then wakes
 * the waiting thread through a shared flag.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { scanWithRemark, type BodyScan } from './body-scan.js';
import { parseMarkdown } from './parse.js';

/** One request: the text, where to answer, and the flag to raise once the answer is posted. */
export interface ScanRequest {
  text: string;
  port: MessagePort;
  done: Int32Array;
}

/** The answer: a scan, or why there is none. */
export type ScanReply = { scan: BodyScan } | { error: string };

parentPort?.on('message', ({ text, port, done }: ScanRequest) => {
  let reply: ScanReply;
  try {
    reply = { scan: scanWithRemark(parseMarkdown(text), text) };
  } catch (error) {
    reply = { error: error instanceof RangeError ? 'nesting' : String((error as Error)?.message ?? error) };
  }
  port.postMessage(reply);
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
});

// Tell the main thread the worker has loaded (its first wait includes start-up).
const ready = (workerData as { ready?: Int32Array } | undefined)?.ready;
if (ready) {
  Atomics.store(ready, 0, 1);
  Atomics.notify(ready, 0);
}
