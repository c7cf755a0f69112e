import picomatch from 'picomatch';
import type { CheckedDocument } from '../check/checked-document.js';
import { metadataRecord, stringField } from '../document/source-document.js';
import type { VerifiedCitation } from '../evidence/analyze.js';
import { filesListOf } from '../evidence/citations.js';
import { RepoPaths } from '../fs/repo-paths.js';
import type { CommitRecord } from '../git/log.js';
import type { HistoryIndex } from '../git/history-index.js';
import { shortSha } from '../git/short-sha.js';
import { KIND } from '../kinds/kind.js';
import { citationExtra, heldItems } from './evidence-findings.js';
import type { Rule, RuleContext } from './rule.js';
import { RULE } from './rule-ids.js';

/**
 * Proof older than the code it proves. A ticked box that cites a run's
 * output (a run manifest, a run folder, a log) and names the files it covers
 * (paths in the item that exist, its task's `Files:` list as seed 004 writes
 * it, or the `governs` globs of the mini-spec its `spec` frontmatter names)
 * is stale when a commit touching those files came after the proof: after the
 * manifest's `commit` (the commit the run ran at) when it has one, else after
 * the commit that added the manifest or log.
 */
export const evidenceStale: Rule = {
  id: RULE.EVIDENCE_STALE,
  summary: 'A ticked box whose cited run or log is older than the last commit to the files it covers.',
  defaultSeverity: 'warning',
  async checkDocument(document, context) {
    if (document.format !== 'markdown') return;
    const governs = governsOf(document, context);
    const items = heldItems(document, context).flatMap(({ item, citations }) => {
      if (!item.checked) return [];
      const at = (c: VerifiedCitation): string => cited(c) ?? '';
      const proofs = citations.filter((c) => cited(c) !== undefined && context.evidence.isRunOutput(at(c)));
      if (proofs.length === 0) return [];
      const named = [...citations.filter((c) => cited(c) !== undefined && !context.evidence.isRunOutput(at(c))).map(at), ...filesListOf(document.text, item.start)];
      const covered = [...new Set(named.map((p) => RepoPaths.normalize(p)).filter((p): p is string => p !== undefined && p !== '.' && !context.evidence.isRunOutput(p)))];
      if (covered.length === 0 && !governs) return [];
      const touches = (file: string): boolean => covered.some((c) => file === c || file.startsWith(`${c}/`)) || (governs?.(file) ?? false);
      // Covered files that are files, not folders, are looked up directly; folders and globs need the whole map.
      const direct = !governs && covered.every((c) => context.paths.kind(c) !== 'directory');
      return [{ item, proofs, touches, covered, direct }];
    });
    if (items.length === 0) return;
    const history = await context.history();
    if (!history) {
      context.note('evidence-stale was not checked: no git history here.');
      return;
    }
    const touchedBy = lastTouches(history);
    for (const { item, proofs, touches, covered, direct } of items) {
      // The newest commit that touched a covered file: the last change the proof must postdate.
      let at = -1;
      const consider = (index: number | undefined): void => {
        if (index !== undefined && (at === -1 || index < at)) at = index;
      };
      if (direct) for (const file of covered) consider(touchedBy.get(file));
      else for (const [file, index] of touchedBy) if (touches(file)) consider(index);
      const newest = at === -1 ? undefined : history.commits[at];
      if (!newest) continue;
      for (const proof of proofs) {
        const stale = await staleAgainst(proof, newest, history.firstAdded, context);
        if (!stale) continue;
        const file = newest.files.find((f) => f.status !== 'D' && touches(f.path))!.path;
        context.report(
          document,
          proof.citation.range,
          `Proof \`${cited(proof)}\` (${stale}) is older than \`${file}\`, changed in \`${shortSha(newest.sha)}\` (${newest.committedAt.slice(0, 10)}) after it: the box claims code the run never saw. Re-run and cite the new run.`,
          citationExtra(item, [proof]),
        );
        break;
      }
    }
  },
};

const lastTouchesOf = new WeakMap<HistoryIndex, Map<string, number>>();

/**
 * Each path's newest commit that added or changed it (an index into `history.commits`, newest first), once per
 * history: the rule looks a box's covered files up here instead of walking the history per box.
 */
function lastTouches(history: HistoryIndex): Map<string, number> {
  let map = lastTouchesOf.get(history);
  if (!map) {
    map = new Map();
    history.commits.forEach((commit, index) => {
      for (const file of commit.files) if (file.status !== 'D' && !map!.has(file.path)) map!.set(file.path, index);
    });
    lastTouchesOf.set(history, map);
  }
  return map;
}

/** The repo-relative path a citation resolved to, for a path that held (`undefined` for anything else). */
function cited({ citation, verdict, path }: VerifiedCitation): string | undefined {
  return citation.type === 'path' && verdict.status === 'ok' ? (path ?? citation.path) : undefined;
}

/**
 * Whether a proof predates a commit: the commit is among those after the one the run ran at (its manifest's
 * `commit`) or, without one, after the commit that added the proof.
 * @returns how the proof is dated (`ran at \`abc\``, `committed in \`abc\``) when it is stale; `undefined` when it is not
 */
async function staleAgainst(proof: VerifiedCitation, change: CommitRecord, firstAdded: Map<string, { sha: string }>, context: RuleContext): Promise<string | undefined> {
  const at = cited(proof)!;
  const manifest = context.paths.kind(at) === 'directory' ? `${at}/manifest.json` : at;
  const recorded = context.evidence.runOf(manifest)?.commit;
  const ranAt = recorded !== undefined ? await context.evidence.ticks.resolve(recorded) : undefined;
  const added = firstAdded.get(manifest) ?? firstAdded.get(at);
  const proofCommit = ranAt ?? added?.sha;
  // A proof not committed yet is newer than every commit.
  if (proofCommit === undefined || proofCommit === change.sha) return undefined;
  const after = await context.evidence.ticks.commitsAfter(proofCommit);
  if (!after.has(change.sha)) return undefined;
  return ranAt !== undefined ? `ran at \`${shortSha(ranAt)}\`` : `committed in \`${shortSha(proofCommit)}\``;
}

/** A matcher of the files the mini-spec named by the document's `spec` frontmatter (a repo-relative path) governs. */
function governsOf(document: CheckedDocument, context: RuleContext): ((file: string) => boolean) | undefined {
  const spec = stringField(metadataRecord(document), 'spec');
  const specPath = spec !== undefined && /\.md$/i.test(spec) ? RepoPaths.normalize(spec) : undefined;
  const kind = context.config.kinds.find((k) => k.name === KIND.MINI_SPEC);
  if (specPath === undefined || !kind) return undefined;
  const globs = context.evidence.governsOf(specPath, kind);
  return globs.length > 0 ? picomatch(globs, { dot: true }) : undefined;
}
