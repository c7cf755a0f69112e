/**
 * signoff-unverified: a sign-off ticked by an allowed person passes; by someone else, by an agent (author or
 * Co-authored-by trailer), or unsigned where signatures are required, it is reported; an approval added to a
 * mini-spec is judged the same way. Real git repositories, real commits, and a throwaway SSH signing key.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingsOf, checkRepo } from '../helpers/check-repo.js';
import { miniSpec } from '../helpers/git-fixtures.js';
import { git, gitInit, tempRepo, writeFiles } from '../helpers/temp-repo.js';

const LIST = 'tasks/tasks-0001-release.md';
const CONFIG = (extra = ''): string => `signoff:\n  allowed: [lead@example.test]\n${extra}`;

/** Commits everything as someone, at a fixed date; returns the sha. */
function commitAs(root: string, who: { name: string; email: string }, message: string, sign = false): string {
  git(root, ['add', '-A']);
  const env = { GIT_AUTHOR_NAME: who.name, GIT_AUTHOR_EMAIL: who.email, GIT_COMMITTER_NAME: who.name, GIT_COMMITTER_EMAIL: who.email, GIT_AUTHOR_DATE: '2026-11-10T10:00:00Z', GIT_COMMITTER_DATE: '2026-11-10T10:00:00Z' };
  git(root, ['commit', '-q', ...(sign ? ['-S'] : []), '-m', message], env);
  return git(root, ['rev-parse', 'HEAD']).trim();
}

const LEAD = { name: 'Lead Person', email: 'lead@example.test' };
const OTHER = { name: 'Someone Else', email: 'else@example.test' };
const AGENT = { name: 'codex', email: 'codex@agents.example.test' };

/** A repository whose task list gets its sign-off ticked in a second commit by `who`. */
function ticked(who: { name: string; email: string }, options: { message?: string; config?: string; sign?: boolean } = {}): string {
  const root = tempRepo({ 'specguard.config.yaml': options.config ?? CONFIG(), 'logs/release.log': 'ok\n', [LIST]: '- [x] Release built — `logs/release.log`\n- [ ] Release approval (human)\n' });
  gitInit(root);
  commitAs(root, OTHER, 'Task list');
  writeFiles(root, { [LIST]: '- [x] Release built — `logs/release.log`\n- [x] Release approval (human) — `logs/release.log`\n' });
  commitAs(root, who, options.message ?? 'Sign off the release', options.sign ?? false);
  return root;
}

const messages = async (root: string): Promise<string[]> => findingsOf(await checkRepo(root), 'signoff-unverified').map((f) => f.message);

describe('signoff-unverified', () => {
  it('passes a sign-off ticked by an allowed identity', async () => {
    expect(await messages(ticked(LEAD))).toEqual([]);
  });

  it('reports one ticked by someone not allowed', async () => {
    const [message] = await messages(ticked(OTHER));
    expect(message).toMatch(/^Sign-off "Release approval \(human\) — logs\/release\.log" was ticked in `[0-9a-f]{12}` by Someone Else <else@example\.test>, who is not in `signoff\.allowed`\.$/);
  });

  it("reports an agent's commit, by its author or by its Co-authored-by trailer, even when the author is allowed", async () => {
    expect((await messages(ticked(AGENT, { config: CONFIG('agents:\n  identities: [codex@agents]\n') })))[0]).toMatch(/by an agent \(codex <codex@agents\.example\.test>\); an agent's commit never signs off\.$/);
    expect((await messages(ticked(LEAD, { message: 'Sign off\n\nCo-authored-by: Claude <noreply@anthropic.com>' })))[0]).toMatch(/by an agent \(`Co-authored-by: Claude <noreply@anthropic\.com>`\)/);
  });

  it('reports a tick not committed yet', async () => {
    const root = ticked(LEAD);
    writeFiles(root, { [LIST]: '- [x] Release built — `logs/release.log`\n- [x] Release approval (human) — `logs/release.log`\n- [x] Security sign-off — `logs/release.log`\n' });
    expect(await messages(root)).toEqual(['Sign-off "Security sign-off — logs/release.log" is not committed yet, so no one has signed it off.']);
  });

  it('does nothing until signoff.allowed is set', async () => {
    expect(await messages(ticked(OTHER, { config: 'rules: {}\n' }))).toEqual([]);
  });

  it('with require_signature, takes a commit git verifies (a throwaway SSH key) and refuses an unsigned one', async () => {
    const keys = tempRepo();
    const key = path.join(keys, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'lead', '-f', key]);
    const pub = execFileSync('cat', [`${key}.pub`], { encoding: 'utf8' }).trim();
    const allowedSigners = path.join(keys, 'allowed_signers');
    writeFileSync(allowedSigners, `${LEAD.email} ${pub}\n`);
    const config = CONFIG('  require_signature: true\n');
    const prepare = (root: string): void => {
      git(root, ['config', 'gpg.format', 'ssh']);
      git(root, ['config', 'user.signingkey', key]);
      git(root, ['config', 'gpg.ssh.allowedSignersFile', allowedSigners]);
    };
    // Signed: configure signing before the ticking commit.
    const signed = tempRepo({ 'specguard.config.yaml': config, 'logs/release.log': 'ok\n', [LIST]: '- [ ] Release approval (human)\n' });
    gitInit(signed);
    prepare(signed);
    commitAs(signed, OTHER, 'Task list');
    writeFiles(signed, { [LIST]: '- [x] Release approval (human) — `logs/release.log`\n' });
    commitAs(signed, LEAD, 'Sign off', true);
    expect(git(signed, ['log', '-1', '--format=%G?']).trim()).toBe('G');
    expect(await messages(signed)).toEqual([]);

    const unsigned = ticked(LEAD, { config });
    expect((await messages(unsigned))[0]).toMatch(/but the commit is not signed, and `signoff\.require_signature` is on\.$/);
  });

  it("judges a mini-spec's approvals by the commit that added each", async () => {
    const root = tempRepo({ 'specguard.config.yaml': CONFIG(), 'tasks/specs/0001-core.md': miniSpec({ status: 'draft', approvals: false }) });
    gitInit(root);
    commitAs(root, OTHER, 'Draft spec');
    writeFiles(root, { 'tasks/specs/0001-core.md': miniSpec({ status: 'approved' }) });
    commitAs(root, AGENT, 'Approve spec\n\nCo-authored-by: Codex <codex@openai.com>');
    expect(await messages(root)).toEqual([expect.stringMatching(/^Approval by Jordan Lee was ticked in `[0-9a-f]{12}` by an agent \(`Co-authored-by: Codex <codex@openai\.com>`\)/)]);
  });
});
