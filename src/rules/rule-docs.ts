/**
 * Where each rule is documented: its section of the README, whose heading is the rule id
 * (`https://…/specguard#evidence-missing`). The project's address is package.json's `homepage`.
 */
import { HOMEPAGE } from '../package-info.js';

export { HOMEPAGE };

/** The documentation URL of a rule: its section of the README. */
export function ruleUrl(ruleId: string): string {
  return `${HOMEPAGE}#${ruleId}`;
}
