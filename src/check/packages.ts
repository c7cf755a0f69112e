/**
 * Monorepos: a package folder may hold a config of its own, with its own
 * presets and layout (OpenSpec and spec-kit users ask for per-package specs
 * and tasks). The nearest config to a file governs it and inherits from the
 * configs above it, as markdownlint-cli2's and ESLint's configs cascade; one
 * `check` from the top honours each (see `check()`).
 */
import path from 'node:path';
import picomatch from 'picomatch';
import { ALWAYS_IGNORED } from '../config/config.js';
import { CONFIG_FILE_NAMES } from '../config/load-config.js';
import type { GitRepository } from '../git/repository.js';
import type { BaselineOutcome, Finding, Report } from '../findings/finding.js';
import { compareFindings } from '../findings/finding.js';

/** How deep below the root a package folder is looked for outside git (in git, `git ls-files` lists them all). */
export const MAX_PACKAGE_DEPTH = 4;

/**
 * The folders below `root` that hold a config of their own, outermost only (a package inside a package is the
 * outer one's to find), sorted.
 * @param git - the repository holding `root`; without git, the folders are looked for with globby
 * @param ignore - the root config's `ignore` globs: an ignored folder's config is not a package's
 * @returns repo-relative POSIX folders (relative to `root`)
 */
export async function packageFolders(root: string, git: GitRepository | undefined, ignore: readonly string[]): Promise<string[]> {
  let files: string[];
  if (git) files = await git.listFiles(root);
  else {
    const { globby } = await import('globby');
    // Outside git the tree is walked; packages sit a few folders down (packages/api, apps/web/admin).
    files = await globby(CONFIG_FILE_NAMES.map((name) => `**/${name}`), { cwd: root, dot: true, onlyFiles: true, followSymbolicLinks: false, deep: MAX_PACKAGE_DEPTH + 1, ignore: [...ALWAYS_IGNORED] });
  }
  const ignored = picomatch([...ALWAYS_IGNORED, ...ignore], { dot: true });
  const folders = [
    ...new Set(files.filter((file) => CONFIG_FILE_NAMES.includes(path.posix.basename(file)) && !ignored(file)).map((file) => path.posix.dirname(file))),
  ].filter((folder) => folder !== '.');
  folders.sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : a > b ? 1 : 0));
  const outermost: string[] = [];
  for (const folder of folders) if (!outermost.some((outer) => folder.startsWith(`${outer}/`))) outermost.push(folder);
  return outermost.sort();
}

/** A finding of a package's run, with its paths made relative to the top. */
function underFolder(finding: Finding, folder: string): Finding {
  return { ...finding, file: `${folder}/${finding.file}`, ...(finding.related ? { related: finding.related.map((file) => `${folder}/${file}`) } : {}) };
}

/**
 * Merges the report of the top folder with those of its packages: findings under each package's folder, counts
 * summed, notes kept once, the change's and the baseline's counts summed (each run is given the whole baseline,
 * whose entries name files as the top's report does).
 */
export function mergePackageReports(top: Report, packages: ReadonlyArray<{ folder: string; report: Report }>): Report {
  const findings = [...top.findings, ...packages.flatMap(({ folder, report }) => report.findings.map((f) => underFolder(f, folder)))].sort(compareFindings);
  const sum = (of: (report: Report) => number): number => of(top) + packages.reduce((total, { report }) => total + of(report), 0);
  const notes = [...new Set([...(top.notes ?? []), ...packages.flatMap(({ report }) => report.notes ?? [])])].sort();
  const changedSince = top.changedSince && { ...top.changedSince, preexisting: sum((r) => r.changedSince?.preexisting ?? 0) };
  // Each run is given the whole baseline, so an entry is fixed only when no run found its finding.
  const fixedInEvery = (entry: BaselineOutcome['fixed'][number]): boolean =>
    packages.every(({ report }) => (report.baseline?.fixed ?? []).some((f) => f.ruleId === entry.ruleId && f.file === entry.file && f.message === entry.message));
  const baseline: BaselineOutcome | undefined = top.baseline && {
    ...top.baseline,
    suppressed: sum((r) => r.baseline?.suppressed ?? 0),
    fixed: top.baseline.fixed.filter(fixedInEvery),
  };
  return {
    ...top,
    summary: { files: sum((r) => r.summary.files), errors: sum((r) => r.summary.errors), warnings: sum((r) => r.summary.warnings) },
    findings,
    ...(notes.length > 0 ? { notes } : {}),
    ...(changedSince ? { changedSince } : {}),
    ...(baseline ? { baseline } : {}),
  };
}
