/**
 * Fits a rendered brief within a token budget by leaving out the oldest
 * detail first: timeline entries, then commits, then runs. The status line,
 * contradictions and acceptance criteria are never left out: when they alone
 * are over the budget, everything else is left out and the brief is marked
 * `budget.exceeded` (the renderers say so at the top).
 */
import { countTokens } from '../tokens/count-tokens.js';
import type { Brief, Omission } from './brief-model.js';

/**
 * Renders the brief, shortened until it fits.
 * @param maxTokens - the budget in o200k tokens; without it the brief is rendered whole
 * @returns the text, and the brief as rendered (with its `budget` record); when even the parts never left out
 *   take more than `maxTokens`, everything else is left out and `budget.exceeded` is true (never an error)
 */
export function renderWithin(brief: Brief, render: (b: Brief) => string, maxTokens?: number): { text: string; brief: Brief } {
  if (maxTokens === undefined) return { text: render(brief), brief };
  const whole = measure({ ...brief, budget: { max_tokens: maxTokens, tokens: 0, omitted: [], exceeded: false } }, render);
  if (whole.brief.budget!.tokens <= maxTokens) return whole;
  const droppable = brief.timeline.length + brief.commits.length + brief.runs.length;
  // The fewest items to drop, by binary search over how many (rendering is monotone in what it holds).
  let lo = 1;
  let hi = droppable;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (measure(cut(brief, mid, maxTokens), render).brief.budget!.tokens <= maxTokens) hi = mid;
    else lo = mid + 1;
  }
  const shortest = measure(cut(brief, lo, maxTokens), render);
  if (shortest.brief.budget!.tokens <= maxTokens) return shortest;
  // Everything that can go has gone (the search only stops short of that at a size that fits), and it is still over.
  return measure({ ...shortest.brief, budget: { ...shortest.brief.budget!, exceeded: true } }, render);
}

/** The brief with the `count` oldest droppable items left out. */
function cut(brief: Brief, count: number, maxTokens: number): Brief {
  let left = count;
  const take = (n: number): number => {
    const k = Math.min(n, left);
    left -= k;
    return k;
  };
  const timeline = take(brief.timeline.length);
  const commits = take(brief.commits.length);
  const runs = take(brief.runs.length);
  const omitted: Omission[] = [];
  if (timeline) omitted.push({ section: 'timeline', count: timeline });
  if (commits) omitted.push({ section: 'commits', count: commits });
  if (runs) omitted.push({ section: 'runs', count: runs });
  return {
    ...brief,
    timeline: brief.timeline.slice(timeline), // oldest first
    commits: brief.commits.slice(0, brief.commits.length - commits), // newest first
    runs: brief.runs.slice(runs), // oldest first
    budget: { max_tokens: maxTokens, tokens: 0, omitted, exceeded: false },
  };
}

/**
 * Renders with `budget.tokens` set to the token count of that very render. The count is part of the
 * text (in JSON, and in markdown over the budget), so it is settled by iterating until it no longer changes
 * (two or three rounds).
 */
function measure(brief: Brief, render: (b: Brief) => string): { text: string; brief: Brief } {
  let current = brief;
  let text = render(current);
  for (let round = 0; round < 5; round++) {
    const tokens = countTokens(text);
    if (tokens === current.budget!.tokens) break;
    current = { ...current, budget: { ...current.budget!, tokens } };
    text = render(current);
  }
  return { text, brief: current };
}
