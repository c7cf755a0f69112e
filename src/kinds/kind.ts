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
  /** Frontmatter keys a preset's ecosystem writes: accepted even where the schema allows no other keys. */
  readonly keys?: readonly string[];
  /** `lenient`: YAML read as the ecosystem's own tool reads it (a plain `@name` value is a string). */
  readonly yaml?: 'lenient';
}

/** Names of the built-in kinds. */
export const KIND = {
  MINI_SPEC: 'mini-spec',
  TASK_LIST: 'task-list',
  TASK_PACKET: 'task-packet',
  CHECKPOINT: 'checkpoint',
  RUN_MANIFEST: 'run-manifest',
  TASKS_INDEX: 'tasks-index',
  FEATURE_SPEC: 'feature-spec',
  MODULE_MANIFEST: 'module-manifest',
  OPEN_LOOPS: 'open-loops',
} as const;
