/**
 * Fits a rendered brief within a token budget by leaving out the oldest
 * detail first: timeline entries, then commits, then runs. The status line,
 * contradictions and acceptance criteria are never left out.
 */
import { countTokens } from '../tokens/count-tokens.js';
import type { Brief, Omission } from './brief-model.js';

/**
 * Renders the brief, shortened until it fits.
 * @param maxTokens - the budget in o200k tokens; without it the brief is rendered whole
 * @returns the text, and the brief as rendered (with its `budget` record)
 */
export function renderWithin(brief: Brief, render: (b: Brief) => string, maxTokens?: number): { text: string; brief: Brief } {
  if (maxTokens === undefined) return { text: render(brief), brief };
  const whole = { ...brief, budget: { max_tokens: maxTokens, tokens: 0, omitted: [] } };
  const wholeText = render(whole);
  const wholeTokens = countTokens(wholeText);
  if (wholeTokens <= maxTokens) return finish(whole, render, []);
  const droppable = brief.timeline.length + brief.commits.length + brief.runs.length;
  // The fewest items to drop, by binary search over how many (rendering is monotone in what it holds).
  let lo = 1;
  let hi = droppable;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (countTokens(render(cut(brief, mid, maxTokens))) <= maxTokens) hi = mid;
    else lo = mid + 1;
  }
  const shortened = cut(brief, lo, maxTokens);
  return finish(shortened, render, shortened.budget!.omitted);
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
    budget: { max_tokens: maxTokens, tokens: 0, omitted },
  };
}

function finish(brief: Brief, render: (b: Brief) => string, omitted: Omission[]): { text: string; brief: Brief } {
  const draft = { ...brief, budget: { ...brief.budget!, omitted } };
  const tokens = countTokens(render(draft));
  const final = { ...draft, budget: { ...draft.budget, tokens } };
  return { text: render(final), brief: final };
}
