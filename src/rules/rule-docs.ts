/**
 * Where each rule is documented: its section of the README, whose heading is the rule id
 * (`https://…/specguard#evidence-missing`). The project's address is package.json's `homepage`.
 */
import { readFileSync } from 'node:fs';

/** The project's home page, from package.json (without a fragment). */
export const HOMEPAGE: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { homepage: string }).homepage.replace(/#.*$/, '');

/** The documentation URL of a rule: its section of the README. */
export function ruleUrl(ruleId: string): string {
  return `${HOMEPAGE}#${ruleId}`;
}
