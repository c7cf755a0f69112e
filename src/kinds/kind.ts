/** Kinds of document: what a file is, where it lives and which schema it follows. */
import type { DocumentFormat } from '../document/source-document.js';

/** One kind of document. */
export interface KindDefinition {
  /** Kind name, as written in a frontmatter `kind:` field, e.g. `mini-spec`. */
  readonly name: string;
  /** What the kind is, in a sentence. */
  readonly description: string;
  readonly format: DocumentFormat;
  /** Repo-relative globs that find its files when no `kind:` field says otherwise. */
  readonly globs: readonly string[];
  /** Absolute path of its JSON Schema. */
  readonly schemaPath: string;
  /** True for the kinds that ship with specguard. */
  readonly builtIn: boolean;
}

/** Names of the built-in kinds. */
export const KIND = {
  MINI_SPEC: 'mini-spec',
  TASK_LIST: 'task-list',
  TASK_PACKET: 'task-packet',
  CHECKPOINT: 'checkpoint',
  RUN_MANIFEST: 'run-manifest',
  TASKS_INDEX: 'tasks-index',
} as const;
