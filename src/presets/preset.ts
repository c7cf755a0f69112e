/**
 * Presets: named layouts of agent task state, one YAML file per ecosystem in
 * the package's `presets/` folder (validated by `schemas/preset.schema.json`).
 * A preset says where each kind's files live, how a task's id, title,
 * declared status and dates are read, which folders are templates (ignored)
 * or archives (done, frozen), which frontmatter keys the ecosystem writes, and
 * the rules' severities for its files.
 */
import type { IssueRefs } from '../evidence/citations.js';
import type { ConfiguredSeverity } from '../findings/finding.js';

/** One way to find a task's id. */
export type TaskIdRule =
  /** The first of these frontmatter keys that holds a string or a number. */
  | { from: 'frontmatter'; keys: string[] }
  /** The name of the document's folder, less what `strip` (a regular expression) matches. */
  | { from: 'folder'; strip?: string }
  /** The first capture group of `pattern` (a regular expression) on the file name. */
  | { from: 'file'; pattern: string };

/**
 * Where a task's value lives: frontmatter `keys` and body `labels` (`Status` finds `**Status**: Draft`,
 * `> Status: Implemented`, `- **Status**: Done`), read in the task's document, or in `files` beside it.
 */
export interface ValuePlace {
  keys?: string[];
  labels?: string[];
  files?: string[];
}

/** Which documents hold a task, and how its id, title, declared status and dates are read. */
export interface TaskSource {
  /** The preset that declared it. */
  preset: string;
  /** The kind of the task's document (usually `task-list`). */
  kind: string;
  /** The preset's globs of that kind: the source reads only the documents they find. */
  globs: string[];
  /** Tried in order; the first that gives an id wins. */
  id: TaskIdRule[];
  title?: ValuePlace;
  status?: ValuePlace;
  dates?: ValuePlace;
}

/** A kind as a preset lays it out. */
export interface PresetKind {
  globs: string[];
  /** Frontmatter keys the ecosystem writes: accepted even where the kind's schema allows no other keys. */
  keys?: string[];
  /** `lenient`: a plain value starting with `@` or a backtick is read as a string (as Backlog.md reads `assignee: @name`). */
  yaml?: 'strict' | 'lenient';
}

/** A preset file, as `schemas/preset.schema.json` describes it. */
export interface Preset {
  name: string;
  description: string;
  /** Where the ecosystem documents the convention. */
  convention?: string;
  /** Alternatives: the layout is present when every glob of one alternative matches a file. */
  detect: string[][];
  kinds?: Record<string, PresetKind>;
  ignore?: string[];
  archived?: string[];
  tasks?: Array<Omit<TaskSource, 'preset' | 'globs'>>;
  markers?: { optional?: string[] };
  rules?: Record<string, ConfiguredSeverity>;
  commits?: { patterns?: string[] };
  /** How the evidence grammar reads the layout's task items: `issue_refs` says how a bare `#12` is read. */
  evidence?: { issue_refs?: IssueRefs };
}
