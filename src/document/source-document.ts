/**
 * A file as specguard sees it: its text, its metadata with positions, its kind,
 * and (for markdown, on demand) its mdast.
 */
import type { Root } from 'mdast';
import type { BodyScan } from '../markdown/body-scan.js';
import type { FrontmatterBlock } from './frontmatter.js';
import type { LineIndex } from './line-index.js';
import type { Metadata } from './metadata.js';

/** How a file is read: markdown with optional YAML frontmatter, or a JSON document. */
export type DocumentFormat = 'markdown' | 'json';

/** One loaded file. */
export interface SourceDocument {
  /** Repo-relative POSIX path, e.g. `tasks/specs/0002-core.md`. */
  readonly path: string;
  /** Absolute path on disk. */
  readonly absolutePath: string;
  readonly format: DocumentFormat;
  /** The decoded text, byte-order mark removed. Offsets in findings index into this. */
  readonly text: string;
  readonly lines: LineIndex;
  /** The frontmatter block of a markdown file, if it has one. */
  readonly frontmatter?: FrontmatterBlock;
  /**
   * The parsed frontmatter (markdown) or the whole document (JSON).
   * `undefined` for markdown without frontmatter.
   */
  readonly metadata?: Metadata;
  /** The kind named by a frontmatter `kind:` field, if any (known or not). */
  readonly declaredKind?: string;
  /** The resolved kind's name, or `undefined` when `declaredKind` names no known kind. */
  kind?: string;
  /**
   * The markdown body as mdast (remark-parse + remark-gfm + remark-frontmatter),
   * parsed on first call and kept. Positions are those of the whole file.
   * @throws never for markdown; JSON documents return an empty root.
   */
  mdast(): Root;
  /**
   * What the rules read of the body: task items, links, top-level headings. Computed on first call by the fast
   * path where it applies, else from {@link mdast}; both give the same scan. JSON documents give an empty scan.
   */
  body(): BodyScan;
}

/** The metadata as a plain object, or `{}` when it is missing or not a mapping. */
export function metadataRecord(doc: SourceDocument): Record<string, unknown> {
  const value = doc.metadata?.value;
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A string field of a metadata record, numbers included (`task: 460` reads as `"460"`). */
export function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
