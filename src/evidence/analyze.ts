/**
 * The evidence of every task list item of a document: what each cites, and
 * what each citation proved. Computed once per document and shared by the
 * checkbox and evidence rules (and by `brief`).
 */
import type { CheckedDocument } from '../check/checked-document.js';
import { metadataRecord, stringField } from '../document/source-document.js';
import type { ScannedItem } from '../markdown/body-scan.js';
import { itemCitations, type Citation } from './citations.js';
import { DEFAULT_ISSUE_REFS, type EvidenceSettingsOf } from './settings.js';
import type { SinceBound } from '../config/config.js';
import type { KindDefinition } from '../kinds/kind.js';
import type { Ticks } from './at-tick.js';
import type { CommandProblem } from './run-integrity.js';
import type { EvidenceVerifier, RunRecord, Verdict } from './verify.js';
import type { DependencyRecorder } from '../cache/dependencies.js';

/** A citation and its verdict. */
export interface VerifiedCitation {
  citation: Citation;
  verdict: Verdict;
  /** The path the citation resolved to, when it is not `citation.path` (a path relative to a folder the item names). */
  path?: string;
}

/** One task list item with its verified citations. */
export interface ItemEvidence {
  item: ScannedItem;
  citations: VerifiedCitation[];
  /** Paths the item names but neither marks as evidence nor finds in the repository: descriptions, not citations. */
  described?: Citation[];
  /** With `check --since`: the box was ticked before the bound, so the evidence rules leave it alone. */
  before?: true;
}

/** Analyses documents' task items, each document once. */
export class EvidenceAnalyzer {
  private readonly verifier: EvidenceVerifier;
  private readonly cache = new WeakMap<CheckedDocument, ItemEvidence[]>();

  private readonly recorder: DependencyRecorder | undefined;
  private readonly settings: EvidenceSettingsOf;

  /**
   * @param recorder - told, per document, what its verdicts rest on (for the cache)
   * @param settings - how each document's items are read (from the presets: {@link evidenceSettingsOf}); default: the grammar's defaults
   */
  constructor(verifier: EvidenceVerifier, recorder?: DependencyRecorder, settings?: EvidenceSettingsOf) {
    this.verifier = verifier;
    this.recorder = recorder;
    this.settings = settings ?? (() => ({ issueRefs: DEFAULT_ISSUE_REFS }));
  }

  /** When each box was ticked (blame, once per file per run); the evidence rules share it. */
  get ticks(): Ticks {
    return this.verifier.ticks;
  }

  /**
   * Analyses documents ahead of {@link items}: extracts every citation, looks up all cited commits with one
   * git call, and verifies everything. A cited path missing today that existed in the commit that ticked its
   * box is then judged `moved` (see {@link Ticks.judgeMissing}), which reads git history.
   */
  async prepare(documents: readonly CheckedDocument[]): Promise<void> {
    const pending: Array<{ document: CheckedDocument; items: Array<{ item: ScannedItem; citations: Citation[] }> }> = [];
    const shas: string[] = [];
    for (const document of documents) {
      if (this.cache.has(document) || document.format !== 'markdown') continue;
      const settings = this.settings(document.path);
      const items = document.body().items.map((item) => ({ item, citations: itemCitations(item, document.text, document.path, settings) }));
      for (const { citations } of items) for (const c of citations) if (c.type === 'commit') shas.push(c.sha);
      pending.push({ document, items });
    }
    await this.verifier.resolveCommits(shas);
    for (const { document, items } of pending) {
      const task = stringField(metadataRecord(document), 'task');
      const verify = (): ItemEvidence[] => items.map(({ item, citations }) => this.judge(item, citations, task));
      const judged = this.recorder ? this.recorder.within(document.path, verify) : verify();
      this.cache.set(document, judged);
      // A ticked box naming a path missing from the work tree: outside a sparse checkout's cone, git's index
      // judges it; else, if it existed when the box was ticked, it was moved or deleted since.
      const missing = ({ item, citations }: ItemEvidence): boolean => item.checked && citations.some((c) => c.citation.type === 'path' && c.verdict.status === 'missing');
      if (judged.some((e) => missing(e) || (e.item.checked && e.described !== undefined))) {
        const fromIndex = await this.verifier.judgeOutsideCone(judged, task);
        if (fromIndex > 0 && this.recorder) this.recorder.of(document.path).usesHistory = true;
      }
      if (judged.some(missing)) {
        if (this.recorder) this.recorder.of(document.path).usesHistory = true;
        await this.verifier.ticks.judgeMissing(document.absolutePath, judged);
      }
      const since = this.settings(document.path).since;
      if (since && judged.some(({ item }) => item.checked)) {
        if (this.recorder) this.recorder.of(document.path).usesHistory = true;
        await this.markBefore(document, judged, since);
      }
    }
  }

  /** Marks the ticked items whose box was ticked in a commit before `since` (by blame); others stay held. */
  private async markBefore(document: CheckedDocument, items: ItemEvidence[], since: SinceBound): Promise<void> {
    const ticks = this.verifier.ticks;
    const after = since.commit !== undefined ? await ticks.commitsAfter(since.commit) : undefined;
    for (const evidence of items) {
      if (!evidence.item.checked) continue;
      const tick = await ticks.tickOf(document.absolutePath, evidence.item.line);
      // A box ticked in the working tree, or outside git, is new.
      if (!tick) continue;
      if (after ? !after.has(tick.sha) : tick.committedAt <= (since.date ?? 0)) evidence.before = true;
    }
  }

  /** An item's citations with their verdicts; the paths that turn out to be descriptions set apart. */
  private judge(item: ScannedItem, citations: readonly Citation[], task: string | undefined): ItemEvidence {
    const verified: VerifiedCitation[] = [];
    const described: Citation[] = [];
    for (const citation of citations) {
      const judged = this.verifier.judge(citation, task);
      if (judged) verified.push({ citation, ...judged });
      else described.push(citation);
    }
    return { item, citations: verified, ...(described.length > 0 ? { described } : {}) };
  }

  /**
   * The problems of a run manifest's commands: a `succeeded` run over a failing command, a log that does not
   * match its `log_sha256` (see {@link EvidenceVerifier.commandProblems}).
   */
  commandProblems(manifest: CheckedDocument): CommandProblem[] {
    return this.verifier.commandProblems(manifest.path, metadataRecord(manifest));
  }

  /** Whether a repo-relative path names a run's output: a run manifest, a run folder, a log, anything under `.runs/`. */
  isRunOutput(relativePath: string): boolean {
    return this.verifier.isRunOutput(relativePath);
  }

  /** The `governs` globs of a mini-spec (see {@link EvidenceVerifier.governsOf}). */
  governsOf(specPath: string, specKind: KindDefinition): string[] {
    return this.verifier.governsOf(specPath, specKind);
  }

  /** What a run manifest judged this run records: its logs (repo-relative) and its `commit`; `undefined` for others. */
  runOf(manifestPath: string): RunRecord | undefined {
    return this.verifier.runOf(manifestPath);
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
