/**
 * What the evidence grammar and its verifier make of task items in a real
 * check run: a probe rule records, per task item, what it cites after the
 * repository has had its say (paths resolved, descriptions dropped).
 */
import type { VerifiedCitation } from '../../src/evidence/analyze.js';
import type { Report } from '../../src/findings/finding.js';
import { BUILTIN_RULES } from '../../src/rules/builtin-rules.js';
import type { Rule } from '../../src/rules/rule.js';
import type { RuleId } from '../../src/rules/rule-ids.js';
import { checkRepo } from './check-repo.js';
import type { FileTree } from './temp-repo.js';

/**
 * One citation, as a test writes it: the path it resolved to (`src/a.ts`), the commit's hash, or the token as
 * written (`#636`, a URL), followed by its verdict when that is not `ok` (`docs/x.md (missing)`,
 * `#636 (unverifiable)`).
 */
export function citedAs({ citation, verdict, path }: VerifiedCitation): string {
  const what = citation.type === 'path' ? (path ?? citation.path) : citation.type === 'commit' ? citation.sha : citation.raw;
  return verdict.status === 'ok' ? what : `${what} (${verdict.status})`;
}

/** What each task item of a file cites, by the item's line, and the whole report. */
export interface Cited {
  /** Line of the item's checkbox → its citations, as {@link citedAs} writes them (empty: it cites nothing). */
  byLine: Map<number, string[]>;
  report: Report;
}

/**
 * Checks a repository (all built-in rules, plus a probe) and reads what the task items of `file` cite.
 * @param files - the repository (its files, or its root); `file` must be a document of a kind with task items
 */
export async function citedIn(files: FileTree | string, file: string): Promise<Cited> {
  const byLine = new Map<number, string[]>();
  const probe: Rule = {
    id: 'evidence-probe' as RuleId,
    summary: 'Records what task items cite.',
    defaultSeverity: 'warning',
    checkDocument(document, context) {
      if (document.path !== file) return;
      for (const { item, citations } of context.evidence.items(document)) byLine.set(item.line, citations.map(citedAs));
    },
  };
  const report = await checkRepo(files, { rules: [...BUILTIN_RULES, probe] });
  return { byLine, report };
}
