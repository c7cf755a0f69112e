/**
 * How the evidence grammar reads each document's task items, from the presets a config follows: a preset's
 * `evidence` settings hold for the files its kinds' globs find (the first preset whose globs find a file
 * decides for it, as for rule severities); elsewhere the defaults hold.
 */
import picomatch from 'picomatch';
import type { ResolvedConfig, SinceBound } from '../config/config.js';
import { loadPreset } from '../presets/load-presets.js';
import type { CitationOptions, IssueRefs } from './citations.js';

/** The grammar's settings for one document, and from when its ticked boxes are held to the evidence rules. */
export type EvidenceSettings = Required<Pick<CitationOptions, 'issueRefs'>> & { since?: SinceBound };

/** A bare `#12` needs context unless a preset says `issue_refs: bare`. */
export const DEFAULT_ISSUE_REFS: IssueRefs = 'qualified';

/** The settings of each document, by its repo-relative path. */
export type EvidenceSettingsOf = (documentPath: string) => EvidenceSettings;

/**
 * The settings of the presets a config follows.
 * @param config - its `presets` (names, in the config's order, loaded and validated already) and the run's `since`
 */
export function evidenceSettingsOf(config: Pick<ResolvedConfig, 'presets' | 'since'>): EvidenceSettingsOf {
  const { presets, since } = config;
  const scopes = presets.map((name) => {
    const preset = loadPreset(name);
    const globs = Object.values(preset.kinds ?? {}).flatMap((kind) => kind.globs);
    return { match: globs.length > 0 ? picomatch(globs, { dot: true }) : () => false, issueRefs: preset.evidence?.issue_refs ?? DEFAULT_ISSUE_REFS };
  });
  const memo = new Map<string, EvidenceSettings>();
  return (documentPath) => {
    let settings = memo.get(documentPath);
    if (!settings) {
      settings = { issueRefs: scopes.find((scope) => scope.match(documentPath))?.issueRefs ?? DEFAULT_ISSUE_REFS, ...(since ? { since } : {}) };
      memo.set(documentPath, settings);
    }
    return settings;
  };
}
