/**
 * The notes of a report: things the run could not do fully, one sentence
 * each, sorted. Rules that read git history each say when there is none
 * (`spec-drift was not checked: no git history here.`); those become one
 * sentence that names them all.
 */

const NO_HISTORY = /^([\w-]+) was not checked: no git history here\.$/;

/**
 * Sorts notes and merges the rules' "no git history" notes into one.
 * @returns e.g. `['evidence-backdated, evidence-tampered and spec-drift were not checked: no git history here.']`
 */
export function reportNotes(notes: Iterable<string>): string[] {
  const rules: string[] = [];
  const other: string[] = [];
  for (const note of new Set(notes)) {
    const rule = NO_HISTORY.exec(note)?.[1];
    if (rule !== undefined) rules.push(rule);
    else other.push(note);
  }
  rules.sort();
  if (rules.length === 1) other.push(`${rules[0]} was not checked: no git history here.`);
  if (rules.length > 1) other.push(`${rules.slice(0, -1).join(', ')} and ${rules[rules.length - 1]} were not checked: no git history here.`);
  return other.sort();
}
