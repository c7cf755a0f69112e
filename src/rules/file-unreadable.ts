import type { Rule } from './rule.js';
import { RULE } from './rule-ids.js';

/**
 * A file that could not be read as text: unreadable, too large, binary, not UTF-8, a symlink out of the
 * repository; or a markdown body that could not be parsed within the per-file limits (time, memory, nesting).
 */
export const fileUnreadable: Rule = {
  id: RULE.FILE_UNREADABLE,
  summary: 'A file of a known kind could not be read as UTF-8 text.',
  defaultSeverity: 'error',
  readsDocument: () => false,
  checkDocument(document, context) {
    const skipped = document.format === 'markdown' ? document.body().skipped : undefined;
    if (skipped) context.report(document, 0, skipped);
  },
  checkRepository(context) {
    for (const failure of context.failures) context.reportFile(failure.path, failure.message);
  },
};
