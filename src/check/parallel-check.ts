/**
 * Runs the per-document stage on several threads: the main thread takes one
 * share of the files, each worker another, and every batch's outcomes come
 * back as they are done, so no thread ever holds more than a batch of
 * documents besides the few a repository-wide rule reads.
 */
import { Worker } from 'node:worker_threads';
import type { ResolvedConfig } from '../config/config.js';
import { KIND } from '../kinds/kind.js';
import type { Rule } from '../rules/rule.js';
import type { CheckedDocument } from './checked-document.js';
import type { CheckJob, CheckMessage } from './check-worker.js';
import type { DiscoveredFile } from './discover.js';
import type { DocumentOutcome } from './document-stage.js';
import { STAGE_BATCH, type StageRunner } from './stage-runner.js';
import { fromData } from './transfer.js';
import { distUrl } from '../package-paths.js';

const WORKER_URL = distUrl('check/check-worker.js');

/** Receives each file's outcome (with the document, when a repository-wide rule reads it). */
export type OutcomeSink = (outcome: DocumentOutcome, document: CheckedDocument | undefined) => void;

/**
 * Checks files on `threads` threads (1 = this thread only).
 * @param rules - active rules; with `threads > 1` they must all be built in (workers import them by id)
 * @throws Error when a worker fails (an internal error: the run cannot be trusted)
 */
export async function checkFiles(
  files: readonly DiscoveredFile[],
  threads: number,
  runner: StageRunner,
  sink: OutcomeSink,
  job: { config: ResolvedConfig; now: Date; rules: readonly Rule[]; record: boolean },
): Promise<void> {
  // Each thread takes a contiguous part of the run manifests, then of the other files: a manifest is judged as it
  // is loaded, before the documents citing it come up (most cite manifests of their own task, nearby).
  const manifestKind = job.config.kinds.find((kind) => kind.name === KIND.RUN_MANIFEST);
  const manifests = files.filter((file) => file.kind === manifestKind);
  const others = files.filter((file) => file.kind !== manifestKind);
  const part = <T>(list: readonly T[], t: number): T[] => list.slice(Math.floor((t * list.length) / threads), Math.floor(((t + 1) * list.length) / threads));
  const shares: DiscoveredFile[][] = Array.from({ length: threads }, (_, t) => [...part(manifests, t), ...part(others, t)]);
  const workers = shares.slice(1).map(
    (share) =>
      new Promise<void>((resolve, reject) => {
        const data: CheckJob = {
          root: job.config.root,
          config: job.config,
          now: job.now.getTime(),
          files: share.map((f) => ({ path: f.path, kind: f.kind.name })),
          ruleIds: job.rules.map((rule) => rule.id),
          record: job.record,
        };
        const worker = new Worker(WORKER_URL, { workerData: data });
        worker.on('message', (message: CheckMessage) => {
          if (message.type === 'done') {
            resolve();
            void worker.terminate();
            return;
          }
          for (const { outcome, data: documentData } of message.results) {
            const document = documentData ? fromData({ ok: true, document: documentData }, job.config.kinds) : undefined;
            sink(outcome, document && 'schemaProblems' in document ? document : undefined);
          }
        });
        worker.once('error', reject);
        worker.once('exit', (code) => {
          if (code !== 0) reject(new Error(`check worker exited with code ${code}`));
        });
      }),
  );
  const own = shares[0]!;
  for (let i = 0; i < own.length; i += STAGE_BATCH) {
    for (const { outcome, document } of await runner.run(own.slice(i, i + STAGE_BATCH))) sink(outcome, document);
  }
  await Promise.all(workers);
}
