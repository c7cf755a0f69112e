/**
 * The notes of a report: things the run could not do fully, one sentence
 * each, sorted. Rules that read git history each say when there is none
 * (`spec-drift was not checked: no git history here.`); those become one
 * sentence that names them all. So do the per-file counts of boxes ticked
 * before `check --since`: one sentence with the total.
 */

const NO_HISTORY = /^([\w-]+) was not checked: no git history here\.$/;
/** A document's count of boxes `check --since` left out (see `heldItems`). */
const BEFORE_SINCE = /^--since (\S*): (\d+) ticked box(?:es)? of `.*`, ticked before it, (?:was|were) not held to the evidence rules\.$/s;

/**
 * Sorts notes and merges the rules' "no git history" notes into one.
 * @returns e.g. `['evidence-backdated, evidence-tampered and spec-drift were not checked: no git history here.']`
 */
export function reportNotes(notes: Iterable<string>): string[] {
  const rules: string[] = [];
  const other: string[] = [];
  const before = new Map<string, { boxes: number; files: number; note: string }>();
  for (const note of new Set(notes)) {
    const rule = NO_HISTORY.exec(note)?.[1];
    const since = BEFORE_SINCE.exec(note);
    if (rule !== undefined) rules.push(rule);
    else if (since) {
      const sum = before.get(since[1]!) ?? { boxes: 0, files: 0, note };
      before.set(since[1]!, { boxes: sum.boxes + Number(since[2]), files: sum.files + 1, note });
    } else other.push(note);
  }
  for (const [bound, { boxes, files, note }] of before) {
    other.push(files === 1 ? note : `--since ${bound}: ${boxes} ticked boxes in ${files} files, ticked before it, were not held to the evidence rules.`);
  }
  rules.sort();
  if (rules.length === 1) other.push(`${rules[0]} was not checked: no git history here.`);
  if (rules.length > 1) other.push(`${rules.slice(0, -1).join(', ')} and ${rules[rules.length - 1]} were not checked: no git history here.`);
  return other.sort();
}
