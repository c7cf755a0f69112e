import { metadataRecord } from '../document/source-document.js';
import { KIND } from '../kinds/kind.js';
import { TOKEN_ENCODING, countTokens } from '../tokens/count-tokens.js';
import type { Rule } from './rule.js';
import { RULE } from './rule-ids.js';

/**
 * A task packet over its token budget: frontmatter `max_tokens`, else the
 * config's `packets.max_tokens` (default 8000). A packet must fit in the
 * agent's session with room to work, as seed 002 budgets its prompt
 * ("~3.9k tokens, fits comfortably in Codex session").
 */
export const packetSize: Rule = {
  id: RULE.PACKET_SIZE,
  summary: 'A task packet over its token budget (max_tokens).',
  defaultSeverity: 'warning',
  checkDocument(document, context) {
    if (document.kind !== KIND.TASK_PACKET) return;
    const own = metadataRecord(document).max_tokens;
    const budget = typeof own === 'number' && Number.isInteger(own) && own > 0 ? own : context.config.packetMaxTokens;
    // A token is at least one UTF-8 byte, so a packet of no more bytes than its budget fits without counting.
    if (Buffer.byteLength(document.text, 'utf8') <= budget) return;
    const tokens = countTokens(document.text);
    if (tokens <= budget) return;
    const where = typeof own === 'number' ? (document.metadata?.locate(['max_tokens'])?.value ?? 0) : 0;
    const source = typeof own === 'number' ? 'its max_tokens' : 'packets.max_tokens';
    context.report(document, where, `Task packet is ${tokens} tokens (${TOKEN_ENCODING}), over its budget of ${budget} (${source}); move detail into linked files.`);
  },
};
