import path from 'node:path';
import type { CheckedDocument } from '../check/checked-document.js';
import { metadataRecord } from '../document/source-document.js';
import { RepoPaths } from '../fs/repo-paths.js';
import { KIND } from '../kinds/kind.js';
import type { Rule, RuleContext } from './rule.js';
import { RULE } from './rule-ids.js';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * A relative link whose target does not exist: markdown links, images and
 * link definitions (read from the file's folder; a leading `/` means the
 * repository root, as Forgejo and GitHub render it), and the `log` of each
 * command in a run manifest (read from the manifest's folder, then the root).
 * A target outside the repository (`..` past the root, a `file:` URL, a
 * symlink that leads out) is reported, never read.
 */
export const linkBroken: Rule = {
  id: RULE.LINK_BROKEN,
  summary: 'A relative link (or a manifest command log) whose target does not exist.',
  defaultSeverity: 'error',
  checkDocument(document, context) {
    if (document.kind === KIND.RUN_MANIFEST) {
      checkManifestLogs(document, context);
      return;
    }
    if (document.format !== 'markdown') return;
    for (const link of document.body().links) checkTarget(document, context, link.url, link.range);
  },
};

function checkTarget(document: CheckedDocument, context: RuleContext, url: string, range: { start: number; end: number }): void {
  if (/^file:/i.test(url)) {
    context.report(document, range, `Link target \`${url}\` is a file: URL, which points outside the repository; it was not followed.`);
    return;
  }
  if (url === '' || url.startsWith('#') || url.startsWith('//') || SCHEME.test(url)) return;
  let target = url.replace(/[?#].*$/, '');
  try {
    target = decodeURIComponent(target);
  } catch {
    // Keep it as written.
  }
  if (target === '') return;
  const base = target.startsWith('/') ? '' : path.posix.dirname(document.path);
  const relative = RepoPaths.normalize(target.replace(/^\/+/, ''), base);
  if (relative === undefined) {
    context.report(document, range, `Link target \`${url}\` leaves the repository; it was not followed.`);
    return;
  }
  const kind = context.paths.kind(relative);
  if (kind === 'missing') context.report(document, range, `Link target \`${url}\` does not exist (looked for \`${relative}\`).`);
  else if (kind === 'outside' || kind === 'loop') context.report(document, range, `Link target \`${url}\` is a symlink that leads out of the repository (or loops); it was not followed.`);
}

function checkManifestLogs(document: CheckedDocument, context: RuleContext): void {
  const commands = metadataRecord(document).commands;
  if (!Array.isArray(commands)) return;
  const folder = path.posix.dirname(document.path);
  commands.forEach((command: unknown, index) => {
      const log = command && typeof command === 'object' ? (command as Record<string, unknown>).log : undefined;
      if (typeof log !== 'string' || log === '' || (SCHEME.test(log) && !/^file:/i.test(log))) return;
      // Positions cost a second parse: look one up only for a finding.
      const where = () => document.metadata?.locate(['commands', String(index), 'log'])?.value ?? 0;
      const candidates = SCHEME.test(log) ? [] : [RepoPaths.normalize(log, folder), RepoPaths.normalize(log)].filter((c): c is string => c !== undefined);
      if (candidates.length === 0) {
        context.report(document, where(), `Command log \`${log}\` is outside the repository; it was not read.`);
        return;
      }
      if (candidates.some((c) => context.paths.kind(c) === 'file')) return;
      context.report(document, where(), `Command log \`${log}\` does not exist (looked in \`${folder}/\` and at the repository root).`);
  });
}
