import type { Heading, Nodes, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
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
    const children = document.mdast().children;
    const bodyStart = document.frontmatter?.bodyOffset ?? 0;
    for (const name of PACKET_SECTIONS) {
      const index = children.findIndex((node) => node.type === 'heading' && headingText(node) === name.toLowerCase());
      if (index === -1) {
        context.report(document, bodyStart, `Task packet has no \`${name}\` section; add a heading \`## ${name}\`.`);
        continue;
      }
      if (name !== 'Acceptance criteria') continue;
      const heading = children[index] as Heading;
      const section = sectionOf(children, index, heading.depth);
      if (!section.some(hasTaskItem)) {
        context.report(document, heading.position?.start.offset ?? bodyStart, 'The `Acceptance criteria` section has no task list items; write each criterion as `- [ ] ...`.');
      }
    }
  },
};

function headingText(node: Heading): string {
  return toString(node).trim().replace(/:$/, '').toLowerCase();
}

/** The nodes after a heading, up to the next heading of the same or a higher level. */
function sectionOf(children: readonly RootContent[], index: number, depth: number): RootContent[] {
  const section: RootContent[] = [];
  for (const node of children.slice(index + 1)) {
    if (node.type === 'heading' && node.depth <= depth) break;
    section.push(node);
  }
  return section;
}

function hasTaskItem(node: Nodes): boolean {
  if (node.type === 'listItem' && typeof node.checked === 'boolean') return true;
  return 'children' in node && (node.children as Nodes[]).some(hasTaskItem);
}
