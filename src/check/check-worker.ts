/**
 * Worker thread entry of `check`: runs the per-document stage over its share
 * of the files, batch by batch, and posts each batch's outcomes (and the
 * documents a repository-wide rule reads, as data) as soon as it is done.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ResolvedConfig } from '../config/config.js';
import { nodeFileSystem } from '../fs/file-system.js';
import { lazyHistory } from '../git/history-index.js';
import { openRepository, type GitRepository } from '../git/repository.js';
import { BUILTIN_RULES } from '../rules/builtin-rules.js';
import { SchemaRegistry } from '../validate/schema-registry.js';
import type { DocumentOutcome } from './document-stage.js';
import { createStageRunner, STAGE_BATCH } from './stage-runner.js';
import { toData, type DocumentData } from './transfer.js';

/** The work handed to a worker. */
export interface CheckJob {
  root: string;
  config: ResolvedConfig;
  /** The run's clock, in ms since the epoch. */
  now: number;
  /** Repo-relative paths with the name of the kind their glob gave. */
  files: Array<{ path: string; kind: string }>;
  /** Ids of the active built-in rules, in order. */
  ruleIds: string[];
  record: boolean;
}

/** A message from a worker: one batch's results, or the end of its share. */
export type CheckMessage = { type: 'batch'; results: Array<{ outcome: DocumentOutcome; data?: DocumentData }> } | { type: 'done' };

const job = workerData as CheckJob;
let git: Promise<GitRepository | undefined> | undefined;
const openGit = (): Promise<GitRepository | undefined> => (git ??= openRepository(job.root));
const runner = createStageRunner({
  root: job.root,
  config: job.config,
  now: new Date(job.now),
  fs: nodeFileSystem,
  registry: new SchemaRegistry(job.root),
  rules: BUILTIN_RULES.filter((rule) => job.ruleIds.includes(rule.id)),
  record: job.record,
  git: openGit,
  history: lazyHistory(openGit, job.root),
});
const kinds = new Map(job.config.kinds.map((kind) => [kind.name, kind]));
for (let i = 0; i < job.files.length; i += STAGE_BATCH) {
  const files = job.files.slice(i, i + STAGE_BATCH).map((file) => ({ path: file.path, kind: kinds.get(file.kind) }));
  const results = await runner.run(files);
  const message: CheckMessage = {
    type: 'batch',
    results: results.map(({ outcome, document }) => {
      const data = document ? toData(document) : undefined;
      return data?.ok ? { outcome, data: data.document } : { outcome };
    }),
  };
  parentPort?.postMessage(message);
}
parentPort?.postMessage({ type: 'done' } satisfies CheckMessage);
