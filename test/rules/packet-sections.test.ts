import { describe, expect, it } from 'vitest';
import { checkpointFrontmatter, lines, markdown, packetFrontmatter, places, ruleFindings, validPacket } from '../helpers/check-repo.js';

const RULE = 'packet-sections';
const PACKET = 'state/packets/460.md';

/** A packet with a valid frontmatter (lines 1-6); the body starts on line 7. */
function packet(...body: string[]): Record<string, string> {
  return { [PACKET]: markdown(packetFrontmatter(), ...body) };
}

describe('packet-sections', () => {
  it('reports a missing section at the start of the body', async () => {
    const findings = await ruleFindings(RULE, packet('## Constraints', '', 'None.', '', '## Acceptance criteria', '', '- [ ] a'));
    expect(places(findings)).toEqual([[PACKET, 7, 1]]);
    expect(findings[0]!.severity).toBe('error');
    expect(findings[0]!.message).toBe('Task packet has no `Objective` section; add a heading `## Objective`.');
  });

  it('reports every missing section', async () => {
    const findings = await ruleFindings(RULE, packet('# A packet with no sections', '', 'Do things.'));
    expect(places(findings)).toEqual([
      [PACKET, 7, 1],
      [PACKET, 7, 1],
      [PACKET, 7, 1],
    ]);
    expect(findings.map((f) => f.message.match(/no `([^`]+)`/)?.[1]).sort()).toEqual(['Acceptance criteria', 'Constraints', 'Objective']);
  });

  it('reports a packet without frontmatter at line 1', async () => {
    const findings = await ruleFindings(RULE, { [PACKET]: lines('## Objective', '', 'x', '', '## Acceptance criteria', '', '- [ ] a') });
    expect(places(findings)).toEqual([[PACKET, 1, 1]]);
    expect(findings[0]!.message).toContain('no `Constraints` section');
  });

  it('reports Acceptance criteria without task list items, at the heading', async () => {
    const findings = await ruleFindings(
      RULE,
      packet('## Objective', 'x', '## Constraints', 'y', '## Acceptance criteria', '', '- plain bullet', '', '## Notes', '', '- [ ] an item of another section'),
    );
    expect(places(findings)).toEqual([[PACKET, 11, 1]]);
    expect(findings[0]!.message).toBe('The `Acceptance criteria` section has no task list items; write each criterion as `- [ ] ...`.');
  });

  it('does not take a heading in fenced code for a section', async () => {
    const findings = await ruleFindings(RULE, packet('```md', '## Objective', '```', '', '## Constraints', 'y', '## Acceptance criteria', '- [ ] a'));
    expect(places(findings)).toEqual([[PACKET, 7, 1]]);
    expect(findings[0]!.message).toContain('no `Objective` section');
  });

  it('ignores case, heading level and a trailing colon, and finds items in a subsection', async () => {
    const findings = await ruleFindings(
      RULE,
      packet('# objective:', 'x', '### CONSTRAINTS', 'y', '## Acceptance Criteria:', '', '### Functional', '', '- [x] done `state/packets/460.md`', '', '## Notes'),
    );
    expect(findings).toEqual([]);
    // The control: a deeper heading ends nothing, but a heading of the same level ends the section.
    const control = await ruleFindings(RULE, packet('# objective', '## Constraints', '## Acceptance criteria', '## Functional', '- [ ] a'));
    expect(places(control)).toEqual([[PACKET, 9, 1]]);
  });

  it('accepts a complete packet, and checks no other kind', async () => {
    const findings = await ruleFindings(RULE, {
      [PACKET]: validPacket(),
      'state/packets/sub/461.md': validPacket(461, ['- [ ] one', '- [ ] two']),
      'state/checkpoints/460/01.md': markdown(checkpointFrontmatter(), 'No sections here.'),
      'tasks/tasks-0001.md': lines('# Tasks', '- [ ] a'),
      'state/packets/sub/462.md': validPacket(462, ['- plain item']),
    });
    expect(places(findings)).toEqual([['state/packets/sub/462.md', 15, 1]]);
  });
});
