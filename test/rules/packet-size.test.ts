import { describe, expect, it } from 'vitest';
import { check } from '../../src/check/check.js';
import { countTokens } from '../../src/tokens/count-tokens.js';
import { tempRepo } from '../helpers/temp-repo.js';

const NOW = '2026-11-21';

function packet(frontmatterExtra: string, filler: string): string {
  return `---
task: 7
title: Packet
created: 2026-11-20
agent: codex
${frontmatterExtra}---

# Packet

## Objective

Do the thing.

${filler}

## Constraints

- None.

## Acceptance criteria

- [ ] It works.
`;
}

const sizeFindings = async (root: string, config?: object) =>
  (await check({ root, now: NOW, env: {}, ...(config ? { config } : {}) })).findings.filter((f) => f.ruleId === 'packet-size');

describe('packet-size', () => {
  it('warns when a packet is over its own max_tokens, at the max_tokens key, with its size', async () => {
    const text = packet('max_tokens: 50\n', 'Background. '.repeat(40));
    const root = tempRepo({ 'state/packets/7/packet.md': text });
    const findings = await sizeFindings(root);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', file: 'state/packets/7/packet.md', line: 6, column: 13 });
    expect(findings[0]!.message).toContain(`is ${countTokens(text)} tokens`);
    expect(findings[0]!.message).toContain('budget of 50');
  });

  it('stays quiet within the budget', async () => {
    const root = tempRepo({ 'state/packets/7/packet.md': packet('max_tokens: 4000\n', 'Short.') });
    expect(await sizeFindings(root)).toEqual([]);
  });

  it('falls back to the config default when the packet sets no budget', async () => {
    const root = tempRepo({ 'state/packets/7/packet.md': packet('', 'Background. '.repeat(40)) });
    expect(await sizeFindings(root)).toEqual([]);
    const findings = await sizeFindings(root, { packets: { max_tokens: 60 } });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('packets.max_tokens');
  });
});
