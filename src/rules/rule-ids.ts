/** Stable rule ids. They appear in reports, config files and baselines: never rename one. */
export const RULE = {
  FILE_UNREADABLE: 'file-unreadable',
  FRONTMATTER_SYNTAX: 'frontmatter-syntax',
  FRONTMATTER_SCHEMA: 'frontmatter-schema',
  UNKNOWN_KIND: 'unknown-kind',
  SPEC_FRESHNESS: 'spec-freshness',
  CHECKBOX_EVIDENCE: 'checkbox-evidence',
  EVIDENCE_MISSING: 'evidence-missing',
  EVIDENCE_FAILED: 'evidence-failed',
  EVIDENCE_EXTERNAL: 'evidence-external',
  CHECKBOX_PARENT_OPEN: 'checkbox-parent-open',
  MANIFEST_SCHEMA: 'manifest-schema',
  LINK_BROKEN: 'link-broken',
  INDEX_CONSISTENCY: 'index-consistency',
  PACKET_SECTIONS: 'packet-sections',
  PACKET_SIZE: 'packet-size',
  SPEC_REQUIRED: 'spec-required',
  SPEC_DRIFT: 'spec-drift',
  EVIDENCE_BACKDATED: 'evidence-backdated',
  EVIDENCE_TAMPERED: 'evidence-tampered',
  EVIDENCE_STALE: 'evidence-stale',
  STATUS_CONTRADICTION: 'status-contradiction',
  LOOP_STALE: 'loop-stale',
  SPEC_SUPERSEDED: 'spec-superseded',
  SIGNOFF_UNVERIFIED: 'signoff-unverified',
} as const;

/** Any rule id. */
export type RuleId = (typeof RULE)[keyof typeof RULE];

/** Every rule id, in documentation order. */
export const RULE_IDS: readonly RuleId[] = Object.values(RULE);

/** Whether a string is a known rule id. */
export function isRuleId(value: string): value is RuleId {
  return (RULE_IDS as readonly string[]).includes(value);
}
