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
  private readonly cache = new WeakMap<CheckedDocument, Promise<ItemEvidence[]>>();

  constructor(verifier: EvidenceVerifier) {
    this.verifier = verifier;
  }

  /**
   * The items of a markdown document with their evidence, in document order.
   * JSON documents have none.
   */
  items(document: CheckedDocument): Promise<ItemEvidence[]> {
    let result = this.cache.get(document);
    if (!result) {
      result = this.analyze(document);
      this.cache.set(document, result);
    }
    return result;
  }

  private async analyze(document: CheckedDocument): Promise<ItemEvidence[]> {
    if (document.format !== 'markdown') return [];
    const items = document.body().items;
    if (items.length === 0) return [];
    const task = stringField(metadataRecord(document), 'task');
    return Promise.all(
      items.map(async (item) => {
        const citations = extractCitations(item.inlines, document.text, document.path);
        const verified = await Promise.all(citations.map(async (citation) => ({ citation, verdict: await this.verifier.verify(citation, task) })));
        return { item, citations: verified };
      }),
    );
  }
}
