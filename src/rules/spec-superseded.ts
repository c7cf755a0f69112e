import { metadataRecord, stringField } from '../document/source-document.js';
import { KIND } from '../kinds/kind.js';
import type { Rule } from './rule.js';
import { RULE } from './rule-ids.js';

/**
 * A superseded mini-spec must say what replaces it: `superseded_by` names the id of a mini-spec that exists and
 * is not itself superseded, so that whoever follows the old spec lands on the one in force.
 */
export const specSuperseded: Rule = {
  id: RULE.SPEC_SUPERSEDED,
  summary: 'A superseded mini-spec whose superseded_by is missing, names no spec, or names a superseded one.',
  defaultSeverity: 'error',
  readsDocument: (document) => document.kind === KIND.MINI_SPEC,
  checkRepository(context) {
    const specs = context.documents.filter((d) => d.kind === KIND.MINI_SPEC && !d.metadata?.syntaxError);
    const byId = new Map(specs.flatMap((spec) => (stringField(metadataRecord(spec), 'id') !== undefined ? [[stringField(metadataRecord(spec), 'id')!, spec] as const] : [])));
    for (const spec of specs) {
      const record = metadataRecord(spec);
      if (record.status !== 'superseded') continue;
      const next = stringField(record, 'superseded_by');
      if (next === undefined) {
        context.report(spec, spec.metadata?.locate(['status'])?.value ?? 0, 'Superseded, but `superseded_by` does not say which spec replaces it; add the id of the spec in force.');
        continue;
      }
      const where = spec.metadata?.locate(['superseded_by'])?.value ?? 0;
      const successor = byId.get(next);
      if (!successor) {
        context.report(spec, where, `\`superseded_by\` names \`${next}\`, but no mini-spec has that id; name the spec that replaces this one.`);
        continue;
      }
      const onward = metadataRecord(successor);
      if (onward.status === 'superseded') {
        const further = stringField(onward, 'superseded_by');
        context.report(spec, where, `\`superseded_by\` names \`${next}\` (\`${successor.path}\`), which is itself superseded${further ? ` by \`${further}\`` : ''}; name the spec in force.`, { related: [successor.path] });
      }
    }
  },
};
