/**
 * The evidence of every task list item of a document: what each cites, and
 * what each citation proved. Computed once per document and shared by the
 * checkbox and evidence rules (and by `brief`).
 */
import type { CheckedDocument } from '../check/checked-document.js';
import { metadataRecord, stringField } from '../document/source-document.js';
import type { ScannedItem } from '../markdown/body-scan.js';
import { extractCitations, type Citation } from './citations.js';
import type { EvidenceVerifier, Verdict } from './verify.js';
import type { DependencyRecorder } from '../cache/dependencies.js';

/** A citation and its verdict. */
export interface VerifiedCitation {
  citation: Citation;
  verdict: Verdict;
}

/** One task list item with its verified citations. */
export interface ItemEvidence {
  item: ScannedItem;
  citations: VerifiedCitation[];
}

/** Analyses documents' task items, each document once. */
export class EvidenceAnalyzer {
  private readonly verifier: EvidenceVerifier;
  private readonly cache = new WeakMap<CheckedDocument, ItemEvidence[]>();

  private readonly recorder: DependencyRecorder | undefined;

  /** @param recorder - told, per document, what its verdicts rest on (for the cache) */
  constructor(verifier: EvidenceVerifier, recorder?: DependencyRecorder) {
    this.verifier = verifier;
    this.recorder = recorder;
  }

  /**
   * Analyses documents ahead of {@link items}: extracts every citation, looks up all cited commits with one
   * git call, and verifies everything.
   */
  async prepare(documents: readonly CheckedDocument[]): Promise<void> {
    const pending: Array<{ document: CheckedDocument; items: Array<{ item: ScannedItem; citations: Citation[] }> }> = [];
    const shas: string[] = [];
    for (const document of documents) {
      if (this.cache.has(document) || document.format !== 'markdown') continue;
      const items = document.body().items.map((item) => ({ item, citations: extractCitations(item.inlines, document.text, document.path) }));
      for (const { citations } of items) for (const c of citations) if (c.type === 'commit') shas.push(c.sha);
      pending.push({ document, items });
    }
    await this.verifier.resolveCommits(shas);
    for (const { document, items } of pending) {
      const task = stringField(metadataRecord(document), 'task');
      const verify = (): ItemEvidence[] => items.map(({ item, citations }) => ({ item, citations: citations.map((citation) => ({ citation, verdict: this.verifier.verify(citation, task) })) }));
      this.cache.set(document, this.recorder ? this.recorder.within(document.path, verify) : verify());
    }
  }

  /**
   * The items of a markdown document with their evidence, in document order; JSON documents have none.
   * @throws Error when the document was not {@link prepare}d (a bug in the caller)
   */
  items(document: CheckedDocument): ItemEvidence[] {
    if (document.format !== 'markdown') return [];
    const items = this.cache.get(document);
    if (!items) throw new Error(`evidence of ${document.path} was not prepared`);
    return items;
  }
}
