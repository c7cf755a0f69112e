/**
 * Worker thread of a parallel load: reads, parses, validates and scans its
 * share of the files and posts them back as data (see `transfer.ts`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { nodeFileSystem } from '../fs/file-system.js';
import type { KindDefinition } from '../kinds/kind.js';
import { SchemaRegistry } from '../validate/schema-registry.js';
import { loadDocument } from './load.js';
import { toData } from './transfer.js';
import { resolveKind, validateDocument } from './validate.js';

/** What a load worker is given. */
export interface LoadJob {
  root: string;
  maxFileBytes: number;
  kinds: KindDefinition[];
  files: Array<{ path: string; kind: string }>;
}

const job = workerData as LoadJob;
const registry = new SchemaRegistry(job.root);
const results = job.files.map((file) => {
  const kind = job.kinds.find((k) => k.name === file.kind);
  const result = loadDocument(file.path, kind?.format ?? 'markdown', { root: job.root, fs: nodeFileSystem, maxFileBytes: job.maxFileBytes, lenientYaml: kind?.yaml === 'lenient' });
  return toData(result.ok ? validateDocument(result.document, resolveKind(result.document, job.kinds, kind), registry) : { path: result.path, message: result.message });
});
parentPort?.postMessage(results);
