/**
 * Pull-request mode's default: of the findings in what a change touches, the
 * ones the change introduces. A changed file's per-document rules run again
 * on its version at the merge base (its blobs read with one git call); a
 * finding whose equal (same fingerprint, counted with multiplicity) is there
 * too is not the change's doing. Always introduced: findings in a file the
 * change adds (or in a changed file that is not a document: nothing to run
 * again), findings a changed `related` file brings in, and findings about a
 * box on a line the change adds or edits. Repository-wide rules are
 * not run again at the base: their findings count when they are about the
 * file as a whole (line 1, column 1, no end) or touch a line the change adds
 * or edits.
 */
import { EvidenceAnalyzer } from '../evidence/analyze.js';
import { evidenceSettingsOf } from '../evidence/settings.js';
import { EvidenceVerifier } from '../evidence/verify.js';
import { matchFingerprints } from '../findings/fingerprint.js';
import type { Finding } from '../findings/finding.js';
import { RepoPaths } from '../fs/repo-paths.js';
import type { GitRepository } from '../git/repository.js';
import type { KindDefinition } from '../kinds/kind.js';
import type { Rule } from '../rules/rule.js';
import { broughtIn, isNewLine, type ChangeSet } from './changes.js';
import type { CheckedDocument, LoadFailure } from './checked-document.js';
import { checkDocuments, type StagedFinding } from './document-stage.js';
import { loadChecked, manifestKindOf, type RepositoryReader } from './workspace.js';

/** What {@link introducedFindings} judges. */
export interface IntroducedInput {
  reader: RepositoryReader;
  /** The active rules (severity not `off`). */
  rules: readonly Rule[];
  changes: ChangeSet;
  /** The findings in what the change touches: in a changed file, or with a changed `related` file. */
  touched: readonly StagedFinding[];
  /** Which of them repository-wide rules raised (the rest come from per-document rules). */
  repositoryWide: ReadonlySet<StagedFinding>;
  /** The kind whose globs found each file (repo-relative path → kind). */
  kinds: ReadonlyMap<string, KindDefinition>;
  /** Records a note for the report (when the merge base's files cannot be read). */
  note(message: string): void;
}

/**
 * Picks the findings a change introduces.
 * @returns the subset of `touched` the change introduces; the rest were there at the merge base. When git cannot
 *   read the merge base's files, every finding in a changed file counts (and a note says so); never throws.
 */
export async function introducedFindings(input: IntroducedInput): Promise<Set<StagedFinding>> {
  const { changes, touched, repositoryWide } = input;
  const introduced = new Set<StagedFinding>();
  const byFile = new Map<string, StagedFinding[]>(); // per-document findings to compare with the base's
  for (const staged of touched) {
    const { finding } = staged;
    if (broughtIn(finding, changes) || !changes.baseBlobs.has(finding.file) || !input.kinds.has(finding.file)) introduced.add(staged);
    else if (repositoryWide.has(staged)) {
      if (wholeFile(finding) || touchesNewLine(finding, changes) || newlyTicked(staged, changes)) introduced.add(staged);
    } else {
      const list = byFile.get(finding.file);
      if (list) list.push(staged);
      else byFile.set(finding.file, [staged]);
    }
  }
  if (byFile.size === 0) return introduced;
  let before: Map<string, string[]>;
  try {
    before = await baseFindings(input, [...byFile.keys()]);
  } catch (error) {
    input.note(`--changed-since: the merge base's version of the changed files could not be read (${error instanceof Error ? error.message : String(error)}); every finding in them is shown.`);
    before = new Map();
  }
  for (const [file, findings] of byFile) {
    // Findings on untouched lines take the base's entries first: of two equal findings, the one the change added counts.
    const edited = new Set(findings.filter((s) => touchesNewLine(s.finding, changes)));
    const ordered = [...findings.filter((s) => !edited.has(s)), ...edited];
    const keys = { finding: (s: StagedFinding) => s.finding.fingerprint, known: (fingerprint: string) => fingerprint };
    const { matched } = matchFingerprints(ordered, before.get(file) ?? [], keys, (s) => newlyTicked(s, changes));
    for (const staged of findings) if (!matched.has(staged)) introduced.add(staged);
  }
  return introduced;
}

/** A finding about a file as a whole (`reportFile`, or the very start of the file). */
function wholeFile(finding: Finding): boolean {
  return finding.line === 1 && finding.column === 1 && finding.endLine === undefined;
}

/** Whether a finding's lines include one the change adds or edits. */
function touchesNewLine(finding: Finding, changes: ChangeSet): boolean {
  for (let line = finding.line; line <= (finding.endLine ?? finding.line); line++) if (isNewLine(changes, finding.file, line)) return true;
  return false;
}

/**
 * Whether the finding is about a box the change ticked: never waved through. Decided from the items' content
 * (`changes.tickedLines`); a file whose items were not compared falls back to the lines the change adds or edits.
 */
export function newlyTicked(staged: StagedFinding, changes: ChangeSet): boolean {
  if (staged.checkboxLine === undefined) return false;
  const ticked = changes.tickedLines?.get(staged.finding.file);
  return ticked ? ticked.has(staged.checkboxLine) : isNewLine(changes, staged.finding.file, staged.checkboxLine);
}

/**
 * Runs the per-document rules on the merge base's version of these files (read with one git call), against the
 * work tree's evidence, with blame at the base.
 * @returns file → fingerprints of the findings there (with repeats); a file that does not load there has none
 */
async function baseFindings(input: IntroducedInput, files: readonly string[]): Promise<Map<string, string[]>> {
  const { reader, changes } = input;
  const git = await reader.git();
  if (!git) throw new Error('no git repository');
  const blobs = await git.readBlobBytes(files.map((file) => changes.baseBlobs.get(file)!));
  const reading = { root: reader.root, fs: reader.fs, config: reader.config, registry: reader.registry };
  const loaded: Array<CheckedDocument | LoadFailure> = [];
  for (const file of files) {
    const bytes = blobs.get(changes.baseBlobs.get(file)!);
    if (bytes) loaded.push(loadChecked(file, input.kinds.get(file), reading, bytes));
  }
  const atBase: GitRepository = { ...git, blame: (file) => git.blame(file, changes.base) };
  const paths = new RepoPaths(reader.root, reader.fs);
  const verifier = new EvidenceVerifier({ paths, git: async () => atBase, manifestKind: manifestKindOf(reader.config), documents: reader.load });
  const outcomes = await checkDocuments(loaded, {
    config: reader.config,
    now: reader.now,
    rules: input.rules,
    evidence: new EvidenceAnalyzer(verifier, undefined, evidenceSettingsOf(reader.config)),
    paths,
    git: async () => atBase,
    history: reader.history,
  });
  return new Map(outcomes.map(({ outcome }) => [outcome.path, outcome.findings.map((s) => s.finding.fingerprint ?? '')]));
}
