import type { Rule } from './rule.js';
import { RULE } from './rule-ids.js';

/** A file that could not be read as text: unreadable, too large, binary, or not UTF-8. */
export const fileUnreadable: Rule = {
  id: RULE.FILE_UNREADABLE,
  summary: 'A file of a known kind could not be read as UTF-8 text.',
  defaultSeverity: 'error',
  readsDocument: () => false,
  checkRepository(context) {
    for (const failure of context.failures) context.reportFile(failure.path, failure.message);
  },
};
