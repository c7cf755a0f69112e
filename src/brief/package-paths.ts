/**
 * In a monorepo, a task of a package is briefed under the package's config,
 * with paths relative to the package folder; before a brief leaves `brief()`
 * (or joins the board) its paths are made relative to the folder the command
 * ran in, as `check` reports them, and the brief names its package.
 */
import type { Brief } from './brief-model.js';

/**
 * The brief with every file path under `folder` (a POSIX path relative to the top), and `package` set.
 * @param folder - the package folder, e.g. `packages/api`
 */
export function briefUnderFolder(brief: Brief, folder: string): Brief {
  const under = (file: string): string => `${folder}/${file}`;
  const at = <T extends { file: string }>(entry: T): T => ({ ...entry, file: under(entry.file) });
  return {
    ...brief,
    package: brief.package ? `${folder}/${brief.package}` : folder,
    ...(brief.next_step ? { next_step: brief.next_step.file ? { ...brief.next_step, file: under(brief.next_step.file) } : brief.next_step } : {}),
    ...(brief.packet ? { packet: at(brief.packet) } : {}),
    ...(brief.layout
      ? { layout: { ...brief.layout, files: brief.layout.files.map(under), ...(brief.layout.declared_status ? { declared_status: at(brief.layout.declared_status) } : {}) } }
      : {}),
    contradictions: brief.contradictions.map(at),
    criteria: brief.criteria.map(at),
    timeline: brief.timeline.map(at),
    runs: brief.runs.map(at),
    commits: brief.commits.map((c) => ({ ...c, files: c.files.map(under) })),
  };
}
