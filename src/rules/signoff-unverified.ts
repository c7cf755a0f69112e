import type { CheckedDocument } from '../check/checked-document.js';
import type { ResolvedConfig } from '../config/config.js';
import type { CommitIdentity } from '../git/repository.js';
import { KIND } from '../kinds/kind.js';
import { liveItems } from './evidence-findings.js';
import type { Rule, RuleContext } from './rule.js';
import { RULE } from './rule-ids.js';
import { shortSha } from '../git/short-sha.js';

/**
 * "Done is signed off, not asserted": a ticked sign-off item (its text holds one of `signoff.patterns`:
 * approval, sign-off, `(human)`) and a mini-spec's `approvals` entry must come from a commit by someone in
 * `signoff.allowed` (author email or name) and, with `signoff.require_signature`, one whose signature git
 * verifies (`%G?` is `G`). A commit by an agent (`agents.identities`, or an agent's `Co-authored-by` trailer)
 * never signs off. Which commit ticked the box or added the approval is read with blame. Active once
 * `signoff.allowed` is set; a tick or approval not yet committed is reported until it is.
 */
export const signoffUnverified: Rule = {
  id: RULE.SIGNOFF_UNVERIFIED,
  summary: 'A sign-off ticked, or an approval added, in a commit by someone not allowed, by an agent, or unsigned where signatures are required.',
  defaultSeverity: 'error',
  async checkDocument(document, context) {
    const { signoff } = context.config;
    if (signoff.allowed.length === 0 || document.format !== 'markdown') return;
    const places = signoffPlaces(document, context);
    if (places.length === 0) return;
    const git = await context.git();
    if (!git) {
      context.note('signoff-unverified was not checked: no git history here.');
      return;
    }
    const blame = await git.blame(document.absolutePath);
    const shas = places.map((p) => blame.get(p.line)?.sha).filter((sha): sha is string => sha !== undefined && !/^0+$/.test(sha));
    const identities = await git.commitIdentities(shas);
    for (const place of places) {
      const sha = blame.get(place.line)?.sha;
      const problem = !sha || /^0+$/.test(sha) ? 'is not committed yet, so no one has signed it off' : judge(identities.get(sha), context.config);
      if (problem) context.report(document, place.offset, `${place.what} ${problem}.`);
    }
  },
};

/** What in a document is a sign-off: ticked items whose text names one, and a mini-spec's approvals. */
function signoffPlaces(document: CheckedDocument, context: RuleContext): Array<{ line: number; offset: number; what: string }> {
  const patterns = context.config.signoff.patterns.map((p) => p.toLowerCase());
  const places: Array<{ line: number; offset: number; what: string }> = [];
  for (const { item } of liveItems(document, context)) {
    if (!item.checked) continue;
    const text = item.text.toLowerCase();
    if (!patterns.some((p) => text.includes(p))) continue;
    places.push({ line: item.line, offset: item.checkbox, what: `Sign-off "${item.text.length > 60 ? `${item.text.slice(0, 59)}…` : item.text}"` });
  }
  if (document.kind === KIND.MINI_SPEC) {
    const approvals = document.metadata?.value && (document.metadata.value as Record<string, unknown>).approvals;
    if (Array.isArray(approvals)) {
      approvals.forEach((approval, i) => {
        const at = document.metadata?.locate(['approvals', String(i)])?.value.start;
        if (at === undefined) return;
        const by = approval && typeof approval === 'object' && typeof (approval as { by?: unknown }).by === 'string' ? ` by ${(approval as { by: string }).by}` : '';
        places.push({ line: document.lines.place(at).line, offset: at, what: `Approval${by}` });
      });
    }
  }
  return places;
}

/** Why a commit cannot sign off, or `undefined` when it can. */
function judge(identity: CommitIdentity | undefined, config: ResolvedConfig): string | undefined {
  if (!identity) return 'comes from a commit that cannot be read';
  const who = `${identity.authorName} <${identity.authorEmail}>`;
  const short = shortSha(identity.sha);
  const agentTrailer = identity.trailers.find((line) => config.agents.trailers.some((t) => line.toLowerCase().startsWith(t.toLowerCase())));
  if (agentTrailer || config.agents.identities.some((id) => who.toLowerCase().includes(id.toLowerCase()))) {
    return `was ticked in \`${short}\` by an agent (${agentTrailer ? `\`${agentTrailer.trim()}\`` : who}); an agent's commit never signs off`;
  }
  const allowed = config.signoff.allowed.map((a) => a.toLowerCase());
  if (!allowed.includes(identity.authorEmail.toLowerCase()) && !allowed.includes(identity.authorName.toLowerCase())) {
    return `was ticked in \`${short}\` by ${who}, who is not in \`signoff.allowed\``;
  }
  if (config.signoff.requireSignature && identity.signature !== 'G') {
    return `was ticked in \`${short}\` by ${who}, but ${identity.signature === 'N' ? 'the commit is not signed' : `git does not verify its signature (%G? is ${identity.signature})`}, and \`signoff.require_signature\` is on`;
  }
  return undefined;
}
