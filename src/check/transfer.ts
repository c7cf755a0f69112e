/**
 * Documents as plain data, to move between threads: everything but the
 * functions (lazy line index, mdast, metadata positions), which the
 * receiving side rebuilds on demand from the text.
 */
import type { FrontmatterBlock } from '../document/frontmatter.js';
import { LineIndex } from '../document/line-index.js';
import { parseJsonMetadata, parseYamlMetadata, type Metadata, type SourceRange } from '../document/metadata.js';
import type { DocumentFormat } from '../document/source-document.js';
import type { KindDefinition } from '../kinds/kind.js';
import type { BodyScan } from '../markdown/body-scan.js';
import { parseWithRemark } from '../markdown/remark-loader.js';
import type { SchemaProblem } from '../validate/schema-messages.js';
import type { CheckedDocument, LoadFailure } from './checked-document.js';
import type { Root } from 'mdast';

/** A loaded, validated and scanned document as structured-clonable data. */
export interface DocumentData {
  path: string;
  absolutePath: string;
  format: DocumentFormat;
  text: string;
  frontmatter?: FrontmatterBlock;
  metadata?: { value: unknown; syntaxError?: { message: string; offset: number }; range: SourceRange };
  declaredKind?: string;
  kind?: string;
  schemaProblems: SchemaProblem[];
  body: BodyScan;
}

/** A load result as data. */
export type LoadData = { ok: true; document: DocumentData } | { ok: false; failure: LoadFailure };

/** Turns a checked document (or failure) into data, scanning its body first. */
export function toData(loaded: CheckedDocument | LoadFailure): LoadData {
  if (!('schemaProblems' in loaded)) return { ok: false, failure: { path: loaded.path, message: loaded.message } };
  const d = loaded;
  const metadata = d.metadata ? { value: d.metadata.value, range: d.metadata.range, ...(d.metadata.syntaxError ? { syntaxError: d.metadata.syntaxError } : {}) } : undefined;
  return {
    ok: true,
    document: {
      path: d.path,
      absolutePath: d.absolutePath,
      format: d.format,
      text: d.text,
      ...(d.frontmatter ? { frontmatter: d.frontmatter } : {}),
      ...(metadata ? { metadata } : {}),
      ...(d.declaredKind !== undefined ? { declaredKind: d.declaredKind } : {}),
      ...(d.kind !== undefined ? { kind: d.kind } : {}),
      schemaProblems: [...d.schemaProblems],
      body: d.body(),
    },
  };
}

/** Rebuilds a checked document from data; positions, the line index and the mdast come back on demand. */
export function fromData(data: LoadData, kinds: readonly KindDefinition[]): CheckedDocument | LoadFailure {
  if (!data.ok) return data.failure;
  const d = data.document;
  let index: LineIndex | undefined;
  let tree: Root | undefined;
  let positions: Metadata | undefined;
  const reparse = (): Metadata =>
    (positions ??=
      d.format === 'json'
        ? parseJsonMetadata(d.text)
        : parseYamlMetadata(d.frontmatter?.yaml ?? '', d.frontmatter?.yamlOffset ?? 0, { lenient: kinds.find((k) => k.name === d.kind)?.yaml === 'lenient' }));
  const metadata: Metadata | undefined = d.metadata && {
    value: d.metadata.value,
    range: d.metadata.range,
    ...(d.metadata.syntaxError ? { syntaxError: d.metadata.syntaxError } : {}),
    locate: (segments) => (d.frontmatter && !d.frontmatter.terminated ? undefined : reparse().locate(segments)),
  };
  return {
    path: d.path,
    absolutePath: d.absolutePath,
    format: d.format,
    text: d.text,
    get lines() {
      return (index ??= new LineIndex(d.text));
    },
    ...(d.frontmatter ? { frontmatter: d.frontmatter } : {}),
    ...(metadata ? { metadata } : {}),
    ...(d.declaredKind !== undefined ? { declaredKind: d.declaredKind } : {}),
    ...(d.kind !== undefined ? { kind: d.kind } : {}),
    kindDefinition: d.kind === undefined ? undefined : kinds.find((k) => k.name === d.kind),
    schemaProblems: d.schemaProblems,
    mdast: () => (tree ??= d.format === 'json' ? { type: 'root', children: [] } : parseWithRemark(d.text)),
    body: () => d.body,
  };
}
