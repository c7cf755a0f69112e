/**
 * Archives of finished work (a preset's `archived` globs, e.g. OpenSpec's
 * `openspec/changes/archive/**`): their documents are declared done by their
 * place and are history, so the evidence rules of live work leave them alone;
 * status rules still read them.
 */
import picomatch from 'picomatch';
import type { ResolvedConfig } from '../config/config.js';

const matchers = new WeakMap<ResolvedConfig, (file: string) => boolean>();

/** Whether a repo-relative path lies in one of the config's archives. */
export function isArchived(config: ResolvedConfig, file: string): boolean {
  let match = matchers.get(config);
  if (!match) {
    match = config.archived.length > 0 ? picomatch(config.archived, { dot: true }) : () => false;
    matchers.set(config, match);
  }
  return match(file);
}
