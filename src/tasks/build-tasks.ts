/**
 * Builds the task model from loaded documents: each preset task source finds
 * its documents (its kind, under its preset's globs), derives each one's task
 * id, and reads the task's title, declared status and dates where the layout
 * keeps them; the criteria are the documents' task list items with the
 * verdicts of the same evidence code `check` uses.
 */
import path from 'node:path';
import picomatch from 'picomatch';
import type { CheckedDocument } from '../check/checked-document.js';
import { severityOf } from '../check/document-stage.js';
import type { ResolvedConfig } from '../config/config.js';
import { metadataRecord, stringField } from '../document/source-document.js';
import type { EvidenceAnalyzer, ItemEvidence } from '../evidence/analyze.js';
import { isArchived } from '../presets/archived.js';
import type { TaskSource, ValuePlace } from '../presets/preset.js';
import { checkboxEvidence } from '../rules/checkbox-evidence.js';
import { treeVerdicts } from '../evidence/item-verdicts.js';
import { itemContext, itemParents } from './item-tree.js';
import { bodyValue, frontmatterValue, sectionStatuses, statusCategory, type DeclaredValue } from './declared-value.js';
import { citedEvidence, type TaskCriterion, type TaskRecord } from './task-model.js';

/** What {@link buildTasks} reads. */
export interface TaskInput {
  config: ResolvedConfig;
  /** Every loaded document the sources may read (task documents and the files beside them). */
  documents: readonly CheckedDocument[];
  /** Prepared here for the task documents. */
  evidence: EvidenceAnalyzer;
}

/** A task source with its glob matcher and id patterns compiled. */
interface CompiledSource {
  source: TaskSource;
  match: (file: string) => boolean;
  ids: Array<(document: CheckedDocument) => string | undefined>;
}

/**
 * The id a source gives a document, by its rules in order.
 * @returns `undefined` when no rule gives one (the document holds no task of this source)
 */
function compileSource(source: TaskSource): CompiledSource {
  const ids = source.id.map((rule): ((document: CheckedDocument) => string | undefined) => {
    switch (rule.from) {
      case 'frontmatter':
        return (document) => rule.keys.map((key) => stringField(metadataRecord(document), key)?.trim()).find((value) => value !== undefined && value !== '');
      case 'folder': {
        const strip = rule.strip ? new RegExp(rule.strip) : undefined;
        return (document) => {
          const folder = path.posix.basename(path.posix.dirname(document.path));
          const id = strip ? folder.replace(strip, '') : folder;
          return folder === '.' || id === '' ? undefined : id;
        };
      }
      case 'file': {
        const pattern = new RegExp(rule.pattern);
        return (document) => pattern.exec(path.posix.basename(document.path))?.[1] || undefined;
      }
    }
  });
  return { source, match: source.globs.length > 0 ? picomatch(source.globs, { dot: true }) : () => false, ids };
}

/**
 * Builds every task the layout holds.
 * @returns tasks sorted by id; documents of one id (a task list and its packet's list, say) make one task
 */
export async function buildTasks(input: TaskInput): Promise<TaskRecord[]> {
  const { config, documents } = input;
  const byPath = new Map(documents.map((d) => [d.path, d]));
  const sources = config.tasks.map(compileSource);
  const found: Array<{ id: string; document: CheckedDocument; compiled: CompiledSource }> = [];
  for (const document of documents) {
    for (const compiled of sources) {
      if (document.kind !== compiled.source.kind || !compiled.match(document.path)) continue;
      const id = compiled.ids.map((of) => of(document)).find((value) => value !== undefined);
      if (id !== undefined) found.push({ id, document, compiled });
      break;
    }
  }
  await input.evidence.prepare(found.map((f) => f.document));
  const tasks = new Map<string, TaskRecord>();
  for (const { id, document, compiled } of found) {
    const { source } = compiled;
    let task = tasks.get(id);
    if (!task) {
      task = {
        id,
        preset: source.preset,
        documents: [],
        sources: [],
        criteria: [],
        dates: [],
        archived: false,
        evidenceRequired: evidenceRequired(config, document.path),
        sections: [],
      };
      tasks.set(id, task);
    }
    task.documents.push(document.path);
    task.sources.push(document.path);
    const items = input.evidence.items(document);
    const offset = task.criteria.length;
    for (const criterion of criteriaOf(document, items, offset)) task.criteria.push(criterion);
    for (const section of sectionStatuses(document, source.status?.labels ?? [])) {
      const inside = items.flatMap((item, i) => (item.item.start >= section.start && item.item.start < section.end ? [offset + i] : []));
      if (inside.length === 0) continue;
      task.sections.push({ heading: section.heading, status: { ...section.value, category: statusCategory(section.value.value) }, from: inside[0]!, to: inside[inside.length - 1]! + 1 });
    }
    const read = (place: ValuePlace | undefined): DeclaredValue | undefined => readValue(document, place, byPath, task!);
    task.title ??= read(source.title)?.value ?? firstHeading(document);
    const status = read(source.status);
    if (status && !task.status) task.status = { ...status, category: statusCategory(status.value) };
    const date = read(source.dates);
    if (date) task.dates.push(date);
    if (isArchived(config, document.path)) {
      // An archive is history: held to its boxes, not re-proven (the evidence rules leave it alone too).
      task.archived = true;
      task.evidenceRequired = false;
      if (!task.status || task.status.category !== 'done') {
        task.status = { value: 'archived', file: document.path, line: 1, column: 1, offset: 0, from: { label: 'archive folder' }, category: 'done' };
      }
    }
  }
  const out = [...tasks.values()];
  for (const task of out) {
    task.documents.sort();
    task.sources = [...new Set(task.sources)].sort();
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Whether a document can hold a task whose status could be judged: it is a task source's document and either
 * lies in an archive, or its source reads the status from files beside it or from body lines, or the document
 * writes one of the source's frontmatter status keys. A cheap look, without parsing the body: specguard's own
 * task lists, which seldom declare a status, need not be kept in memory for the repository-wide stage.
 */
export function mayDeclareStatus(document: CheckedDocument, config: ResolvedConfig): boolean {
  const source = config.tasks.find((s) => s.kind === document.kind && matcherOf(s)(document.path));
  if (!source) return false;
  if (isArchived(config, document.path)) return true;
  if (!source.status) return false;
  // Status in files beside it, or in body lines (layouts whose task may span several lists): kept whole.
  if (source.status.files || (source.status.labels ?? []).length > 0) return true;
  // Status in frontmatter only (specguard's task lists, Backlog.md's one file per task): kept when it writes one.
  const record = metadataRecord(document);
  return (source.status.keys ?? []).some((key) => record[key] !== undefined);
}

const matchers = new WeakMap<TaskSource, (file: string) => boolean>();

/** A source's glob matcher, compiled once. */
function matcherOf(source: TaskSource): (file: string) => boolean {
  let match = matchers.get(source);
  if (!match) {
    match = source.globs.length > 0 ? picomatch(source.globs, { dot: true }) : () => false;
    matchers.set(source, match);
  }
  return match;
}

/**
 * Whether the rule `checkbox-evidence` holds this file to cited evidence: on for it, as the rule's own severity
 * for the file says (the config's `rules` first, then the first preset whose globs find the file and set it).
 */
function evidenceRequired(config: ResolvedConfig, file: string): boolean {
  return severityOf(checkboxEvidence, config, file) !== 'off';
}

/**
 * Reads a value where a place says it lives: frontmatter keys, then body labels, in the task's document or in
 * the files beside it (in order). Records each file read in the task's sources.
 */
function readValue(document: CheckedDocument, place: ValuePlace | undefined, byPath: ReadonlyMap<string, CheckedDocument>, task: TaskRecord): DeclaredValue | undefined {
  if (!place) return undefined;
  const folder = path.posix.dirname(document.path);
  const files = place.files?.map((name) => byPath.get(besideDocument(folder, name))) ?? [document];
  for (const file of files) {
    if (!file) continue;
    const value = (place.keys ? frontmatterValue(file, place.keys) : undefined) ?? (place.labels ? bodyValue(file, place.labels) : undefined);
    if (value) {
      task.sources.push(file.path);
      return value;
    }
    if (place.keys === undefined && place.labels === undefined) {
      const heading = firstHeading(file);
      if (heading) return { value: heading, file: file.path, line: 1, column: 1, offset: 0, from: { label: 'heading' } };
    }
  }
  return undefined;
}

/**
 * The repo-relative path of a file a preset names beside a document's folder: `spec.md` in it, or
 * `../{folder}.md` next to it, named like the folder.
 */
function besideDocument(folder: string, name: string): string {
  const named = name.replace('{folder}', path.posix.basename(folder));
  const joined = path.posix.normalize(folder === '.' ? named : `${folder}/${named}`);
  return joined.startsWith('../') ? named : joined;
}

/** The text of the document's first level-1 heading. */
function firstHeading(document: CheckedDocument): string | undefined {
  return document.body().headings.find((heading) => heading.depth === 1)?.text || undefined;
}


/**
 * Words by which an open item says it is deferred on purpose (spec-kit repositories write `— DEFERRED`), or
 * optional (OpenSpec's `4.3 Optional: a helper`).
 */
const DEFERRED = /\b(?:deferred|won't do|wont do|out of scope|not planned)\b|^(?:\d+(?:\.\d+)*\.?\s+)?optional\b/i;

/**
 * The criteria of one document: its task list items in order, each with its verdict and its parent (by
 * {@link itemParents}). A ticked
 * parent that cites nothing takes its children's verdict: proven when every child is ticked and proven, the
 * worst child's otherwise.
 * @param offset - how many criteria the task has already (parents index the task's whole list)
 */
function criteriaOf(document: CheckedDocument, items: readonly ItemEvidence[], offset: number): TaskCriterion[] {
  const parent = itemParents(items.map((item) => item.item));
  const verdicts = treeVerdicts(items, parent);
  return items.map((item, i) => ({
    text: item.item.text,
    file: document.path,
    line: item.item.line,
    column: document.lines.place(item.item.checkbox).column,
    group: itemContext(document.text, item.item.start),
    checked: item.item.checked,
    deferred: !item.item.checked && DEFERRED.test(item.item.text),
    verdict: verdicts[i]!,
    ...(parent[i] !== undefined ? { parent: offset + parent[i]! } : {}),
    evidence: item.citations.map(citedEvidence),
  }));
}
