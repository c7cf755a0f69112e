/**
 * Which commits mention a task. `git log -E -i --grep` finds the candidates
 * with the config's (or the preset's) commit patterns; a pull-request
 * reference is then never taken for a task: `Merge pull request #200 from
 * owner/branch` (GitHub and Forgejo merges) and a squash-merge subject's
 * trailing `(#921)` name pull request 200 and 921, not tasks 200 and 921.
 */

/**
 * Translates a POSIX extended regular expression (as `git log -E -i --grep`
 * reads it) into a JavaScript one that matches the same lines.
 * @param pattern - the ERE; `specguard.config` `brief.commit_patterns` with `{id}` filled in
 * @returns a case-insensitive RegExp (dot matching every character, as ERE's does within a line), or
 *   `undefined` when the pattern uses syntax the two languages read differently: a backslash before a letter,
 *   digit, `<`, `>`, `` ` `` or `'` (GNU escapes, back-references); `(?`; a bracket expression holding a
 *   backslash, a POSIX class (`[[:digit:]]`), or starting with `]`; `{,n}`; or anything JavaScript rejects
 */
export function ereToRegExp(pattern: string): RegExp | undefined {
  if (/\\[A-Za-z0-9<>`']/.test(pattern) || pattern.includes('(?') || pattern.includes('{,')) return undefined;
  let inBracket = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (!inBracket) {
      if (c === '\\') i++;
      else if (c === '[') {
        inBracket = true;
        if (pattern[i + 1] === '^') i++;
        if (pattern[i + 1] === ']' || pattern[i + 1] === '[') return undefined;
      }
    } else if (c === '\\' || (c === '[' && /[:=.]/.test(pattern[i + 1] ?? ''))) return undefined;
    else if (c === ']') inBracket = false;
  }
  try {
    return new RegExp(pattern, 'is');
  } catch {
    return undefined;
  }
}

/** A merge commit's pull-request number: `Merge pull request #200 from owner/branch`. */
const MERGE_PULL_REQUEST = /^(Merge pull request) #\d+/i;
/** A squash merge's pull-request number at the end of a subject: `Fix the parser (#921)`. */
const SQUASH_PULL_REQUEST = /\(#\d+\)[ \t]*$/;

/** A message line with its pull-request references blanked out. */
function withoutPullRequests(line: string): string {
  return line.replace(MERGE_PULL_REQUEST, '$1').replace(SQUASH_PULL_REQUEST, '');
}

/**
 * Whether a commit message mentions a task through one of its patterns, once pull-request references are
 * left out. A pattern JavaScript cannot read as git does is trusted as git matched it.
 * @param message - the whole commit message
 * @param patterns - the EREs with `{id}` filled in (see `mentionPatterns`)
 */
export function mentionsTask(message: string, patterns: readonly string[]): boolean {
  return mentionMatcher(patterns)(message);
}

/**
 * {@link mentionsTask} with its patterns translated once, for matching many messages (every commit of a history).
 * @returns a test of a whole commit message; when a pattern cannot be translated (see {@link ereToRegExp}), one
 *   that accepts every message (git's `--grep` must decide) and whose `exact` is false
 */
export function mentionMatcher(patterns: readonly string[]): ((message: string) => boolean) & { exact: boolean } {
  const matchers = patterns.map(ereToRegExp);
  if (matchers.some((m) => m === undefined)) return Object.assign(() => true, { exact: false });
  const test = (message: string): boolean =>
    message.split('\n').some((line) => {
      const plain = withoutPullRequests(line);
      return matchers.some((m) => m!.test(plain));
    });
  return Object.assign(test, { exact: true });
}
