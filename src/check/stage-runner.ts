/**
 * Runs the per-document stage over batches of files: loads a batch, checks
 * it (see {@link checkDocuments}) and lets it go. Built the same way in the
 * main thread and in each worker, so both do identical work.
 */
import { DependencyRecorder } from '../cache/dependencies.js';
import { RecordingPaths } from '../cache/recording-paths.js';
import type { ResolvedConfig } from '../config/config.js';
import { EvidenceAnalyzer } from '../evidence/analyze.js';
import { evidenceSettingsOf } from '../evidence/settings.js';
import { EvidenceVerifier } from '../evidence/verify.js';
import type { FileSystem } from '../fs/file-system.js';
import { RepoPaths } from '../fs/repo-paths.js';
import type { HistoryIndex } from '../git/history-index.js';
import type { GitRepository } from '../git/repository.js';
import type { KindDefinition } from '../kinds/kind.js';
import type { Rule } from '../rules/rule.js';
import type { SchemaRegistry } from '../validate/schema-registry.js';
import type { CheckedDocument, LoadFailure } from './checked-document.js';
import { checkDocuments, type DocumentOutcome } from './document-stage.js';
import { loadChecked, manifestKindOf } from './workspace.js';

/** Files per batch: enough for one git call to resolve a batch's commits, few enough to keep memory flat. */
export const STAGE_BATCH = 512;

/** What a runner is built from. */
export interface StageRunnerInput {
  root: string;
  config: ResolvedConfig;
  now: Date;
  fs: FileSystem;
  registry: SchemaRegistry;
  /** Active rules, in order. */
  rules: readonly Rule[];
  /** Record each document's dependencies (for the cache). */
  record: boolean;
  git(): Promise<GitRepository | undefined>;
  history(): Promise<HistoryIndex | undefined>;
}

/** Checks batches of files. */
export interface StageRunner {
  /** Loads and checks a batch of files, in order. */
  run(files: ReadonlyArray<{ path: string; kind: KindDefinition | undefined }>): Promise<Array<{ outcome: DocumentOutcome; document?: CheckedDocument }>>;
}

/** Builds a runner; its verdicts on cited paths and manifests are shared by every batch it runs. */
export function createStageRunner(input: StageRunnerInput): StageRunner {
  const { root, config, fs, registry } = input;
  const recorder = input.record ? new DependencyRecorder() : undefined;
  const paths = recorder ? new RecordingPaths(root, fs, recorder) : new RepoPaths(root, fs);
  let batch = new Map<string, CheckedDocument | LoadFailure>();
  const manifestKind = manifestKindOf(config);
  const verifier = new EvidenceVerifier({
    paths,
    git: input.git,
    manifestKind,
    // A cited manifest in the same batch is not read twice; the verifier remembers each manifest's verdict.
    documents: (relativePath, kind, content) => (content ? undefined : batch.get(relativePath)) ?? loadChecked(relativePath, kind, { root, fs, config, registry }, content),
    ...(recorder ? { recorder } : {}),
  });
  const services = {
    config,
    now: input.now,
    rules: input.rules,
    evidence: new EvidenceAnalyzer(verifier, recorder, evidenceSettingsOf(config)),
    paths,
    git: input.git,
    history: input.history,
    ...(recorder ? { recorder } : {}),
  };
  return {
    async run(files) {
      batch = new Map(files.map((file) => [file.path, loadChecked(file.path, file.kind, { root, fs, config, registry })]));
      // A run manifest is judged while it is loaded anyway; citations in later batches then reuse the verdict.
      for (const loaded of batch.values()) if ('kind' in loaded && loaded.kind === manifestKind.name) verifier.prime(loaded.path);
      const results = await checkDocuments([...batch.values()], services);
      batch = new Map();
      return results;
    },
  };
}
