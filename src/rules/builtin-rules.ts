/** Every built-in rule, in documentation order. */
import { checkboxEvidence } from './checkbox-evidence.js';
import { checkboxParentOpen } from './checkbox-parent-open.js';
import { evidenceExternal } from './evidence-external.js';
import { evidenceFailed } from './evidence-failed.js';
import { evidenceMissing } from './evidence-missing.js';
import { fileUnreadable } from './file-unreadable.js';
import { frontmatterSchema } from './frontmatter-schema.js';
import { frontmatterSyntax } from './frontmatter-syntax.js';
import { indexConsistency } from './index-consistency.js';
import { linkBroken } from './link-broken.js';
import { loopStale } from './loop-stale.js';
import { manifestSchema } from './manifest-schema.js';
import { packetSections } from './packet-sections.js';
import { packetSize } from './packet-size.js';
import { specDrift } from './spec-drift.js';
import { specRequired } from './spec-required.js';
import { evidenceBackdated } from './evidence-backdated.js';
import { evidenceTampered } from './evidence-tampered.js';
import { evidenceStale } from './evidence-stale.js';
import type { Rule } from './rule.js';
import { specFreshness } from './spec-freshness.js';
import { specSuperseded } from './spec-superseded.js';
import { signoffUnverified } from './signoff-unverified.js';
import { statusContradiction } from './status-contradiction.js';
import { unknownKind } from './unknown-kind.js';

/** The built-in rules. */
export const BUILTIN_RULES: readonly Rule[] = [
  fileUnreadable,
  frontmatterSyntax,
  frontmatterSchema,
  unknownKind,
  specFreshness,
  checkboxEvidence,
  evidenceMissing,
  evidenceFailed,
  evidenceExternal,
  checkboxParentOpen,
  manifestSchema,
  linkBroken,
  indexConsistency,
  packetSections,
  packetSize,
  specRequired,
  specDrift,
  evidenceBackdated,
  evidenceTampered,
  evidenceStale,
  statusContradiction,
  loopStale,
  specSuperseded,
  signoffUnverified,
];
