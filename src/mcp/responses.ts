/**
 * Bounded responses of the MCP server: every tool answer fits a token budget (o200k), and says how much it
 * left out, so that no call can flood an agent's context window.
 */
import { countTokens } from '../tokens/count-tokens.js';

/** What a tool returns: MCP text content, flagged as an error when the call failed. */
export interface ToolAnswer {
  [key: string]: unknown;
  content: Array<{ type: 'text'; text: string }>;
  isError?: boolean;
}

/** Default budget of a tool answer, in o200k tokens. */
export const DEFAULT_ANSWER_TOKENS = 2000;

/** A text answer. */
export function answer(text: string): ToolAnswer {
  return { content: [{ type: 'text', text }] };
}

/** A tool error: one clear sentence, never a stack. */
export function toolError(message: string): ToolAnswer {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/**
 * Lines under a header, as many as fit the budget, then one line counting the rest.
 * @param header - always kept
 * @param lines - kept in order while the whole stays within `maxTokens`
 * @param what - what a left-out line is, for the closing count (`findings`)
 * @param maxTokens - the budget, in o200k tokens
 */
export function withinBudget(header: string, lines: readonly string[], what: string, maxTokens: number): string {
  const kept: string[] = [header];
  let tokens = countTokens(header);
  let index = 0;
  for (; index < lines.length; index++) {
    const cost = countTokens(`\n${lines[index]!}`);
    // Room for the closing count, when lines are left.
    if (tokens + cost + (index < lines.length - 1 ? 16 : 0) > maxTokens) break;
    kept.push(lines[index]!);
    tokens += cost;
  }
  const left = lines.length - index;
  if (left > 0) kept.push(`… and ${left} more ${what} left out (over the ${maxTokens}-token budget).`);
  return kept.join('\n');
}
