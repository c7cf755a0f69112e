import { KIND } from '../kinds/kind.js';
import type { Rule } from './rule.js';
import { RULE } from './rule-ids.js';

/** The sections a task packet needs, by heading text (case and trailing colons ignored). */
export const PACKET_SECTIONS = ['Objective', 'Constraints', 'Acceptance criteria'] as const;

/**
 * A task packet must say what to do, within what limits, and how "done" is
 * judged: headings Objective, Constraints and Acceptance criteria, the last
 * holding at least one task list item (seed 000's packet template).
 */
export const packetSections: Rule = {
  id: RULE.PACKET_SECTIONS,
  summary: 'A task packet without Objective, Constraints, or Acceptance criteria (as task items).',
  defaultSeverity: 'error',
  checkDocument(document, context) {
    if (document.kind !== KIND.TASK_PACKET) return;
    const { headings, items } = document.body();
    const bodyStart = document.frontmatter?.bodyOffset ?? 0;
    for (const name of PACKET_SECTIONS) {
      const index = headings.findIndex((h) => h.text.replace(/:$/, '').toLowerCase() === name.toLowerCase());
      if (index === -1) {
        context.report(document, bodyStart, `Task packet has no \`${name}\` section; add a heading \`## ${name}\`.`);
        continue;
      }
      if (name !== 'Acceptance criteria') continue;
      const heading = headings[index]!;
      const end = headings.slice(index + 1).find((h) => h.depth <= heading.depth)?.start ?? document.text.length;
      if (!items.some((item) => item.start >= heading.end && item.start < end)) {
        context.report(document, heading.start, 'The `Acceptance criteria` section has no task list items; write each criterion as `- [ ] ...`.');
      }
    }
  },
};
