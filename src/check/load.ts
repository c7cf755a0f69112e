/**
 * Load step: reads a file, decodes it, splits off and parses its metadata
 * with positions. Anything wrong with the bytes themselves (unreadable, too
 * large, binary, not UTF-8) comes back as a problem, never as a throw.
 */
import path from 'node:path';
import { findFrontmatter } from '../document/frontmatter.js';
import { LineIndex } from '../document/line-index.js';
import { parseJsonMetadata, parseYamlMetadata, type Metadata } from '../document/metadata.js';
import type { DocumentFormat, SourceDocument } from '../document/source-document.js';
import type { FileSystem } from '../fs/file-system.js';
import { readBounded } from '../fs/read-bounded.js';
import type { BodyScan } from '../markdown/body-scan.js';
import { parseWithRemark } from '../markdown/remark-loader.js';
import { scanBody } from '../markdown/scan-body.js';
import type { Root } from 'mdast';

/** The outcome of loading one file. */
export type LoadResult = { ok: true; document: SourceDocument } | { ok: false; path: string; message: string };

/** How a file is loaded. */
export interface LoadOptions {
  /** Absolute repository root. */
  root: string;
  fs: FileSystem;
  /** Files larger than this many bytes are not read. */
  maxFileBytes: number;
  /** Read the frontmatter leniently (a preset's `yaml: lenient`: `assignee: @name` is a string). */
  lenientYaml?: boolean;
}

const EMPTY_ROOT: Root = { type: 'root', children: [] };
const EMPTY_SCAN: BodyScan = { items: [], links: [], headings: [] };

/**
 * Loads one file.
 * @param relativePath - repo-relative POSIX path
 * @param format - markdown (frontmatter + body) or json
 * @param content - the file's bytes, already read (an earlier version of it, from git): the file system is not read
 */
export function loadDocument(relativePath: string, format: DocumentFormat, options: LoadOptions, content?: Buffer): LoadResult {
  const absolutePath = path.join(options.root, ...relativePath.split('/'));
  const fail = (message: string): LoadResult => ({ ok: false, path: relativePath, message });
  const bytes = content ? (content.length > options.maxFileBytes ? tooLarge(content.length, options.maxFileBytes) : content) : readBounded(options.fs, options.root, absolutePath, options.maxFileBytes, tooLarge);
  if (typeof bytes === 'string') return fail(bytes);
  if (bytes.subarray(0, 8192).includes(0)) return fail('Binary file (it holds NUL bytes); it was not read as text.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('Not valid UTF-8 text; save it as UTF-8.');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, document: makeDocument(relativePath, absolutePath, format, text, options.lenientYaml ? { lenientYaml: true } : {}) };
}

function tooLarge(size: number, maxFileBytes: number): string {
  return `File is ${formatBytes(size)}, over the ${formatBytes(maxFileBytes)} limit (limits.max_file_bytes); it was not read.`;
}

/**
 * Builds a document from text already in memory.
 * @param relativePath - repo-relative POSIX path
 * @param absolutePath - where it is on disk
 * @param options - `lenientYaml`: read the frontmatter as the kind's ecosystem reads it (see `parseYamlMetadata`)
 */
export function makeDocument(relativePath: string, absolutePath: string, format: DocumentFormat, text: string, options: { lenientYaml?: boolean } = {}): SourceDocument {
  let index: LineIndex | undefined;
  const base = {
    path: relativePath,
    absolutePath,
    format,
    text,
    // Built on first use: most documents never need a line number.
    get lines() {
      return (index ??= new LineIndex(text));
    },
  };
  if (format === 'json') return Object.assign(base, { metadata: parseJsonMetadata(text), mdast: () => EMPTY_ROOT, body: () => EMPTY_SCAN });
  let tree: Root | undefined;
  let scan: BodyScan | undefined;
  const mdast = (): Root => (tree ??= parseWithRemark(text));
  const frontmatter = findFrontmatter(text);
  const metadata = !frontmatter ? undefined : frontmatter.terminated ? parseYamlMetadata(frontmatter.yaml, frontmatter.yamlOffset, { lenient: options.lenientYaml === true }) : unterminated(frontmatter.yamlOffset, text.length);
  const value = metadata?.value;
  const declared = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>).kind : undefined;
  return Object.assign(base, {
    ...(frontmatter ? { frontmatter } : {}),
    ...(metadata ? { metadata } : {}),
    ...(typeof declared === 'string' ? { declaredKind: declared } : {}),
    mdast,
    body: () => (scan ??= scanBody(text, frontmatter, mdast)),
  });
}

/** Metadata for a frontmatter block that opens with `---` and never closes. */
function unterminated(start: number, end: number): Metadata {
  return {
    value: undefined,
    range: { start, end },
    locate: () => undefined,
    syntaxError: { message: 'Frontmatter opened with `---` on line 1 is never closed by a `---` line', offset: 0 },
  };
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
