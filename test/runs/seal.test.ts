/**
 * `specguard run seal`: writes each command's `log_sha256` (and, with `--commit`, the commit the run ran at)
 * into a run manifest, byte for byte elsewhere; a log edited afterwards is then `evidence-tampered`, and sealing
 * again refuses it.
 */
import { createHash } from 'node:crypto';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingsOf, checkRepo } from '../helpers/check-repo.js';
import { committedRepo, expectOneLine } from '../helpers/git-fixtures.js';
import { runCli } from '../helpers/run-cli.js';
import { tempRepo } from '../helpers/temp-repo.js';

const RUN = '.runs/0001/r1/manifest.json';
const MANIFEST = `{
  "run_id": "r1",
  "task_id": "0001",
  "started_at": "2026-10-01T10:00:00Z",
  "status": "succeeded",
  "commands": [
    { "command": "npm run lint", "exit_code": 0, "log": "lint.log" },
    { "command": "npm test", "exit_code": 0, "log": "logs/test.log" },
    { "command": "echo done", "exit_code": 0 }
  ]
}
`;
const LINT = 'lint ok\n';
const TEST = 'ok 1 - importer\n';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const files = { [RUN]: MANIFEST, '.runs/0001/r1/lint.log': LINT, 'logs/test.log': TEST };

describe('run seal', () => {
  it("writes each log's SHA-256 into its command and changes nothing else; an edited log is then evidence-tampered", async () => {
    const root = tempRepo(files);
    const run = await runCli(['run', 'seal', RUN], root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${RUN}: 2 logs sealed\n`);
    const sealed = readFileSync(path.join(root, RUN), 'utf8');
    const manifest = JSON.parse(sealed) as { commands: Array<{ log_sha256?: string }> };
    expect(manifest.commands.map((c) => c.log_sha256)).toEqual([sha256(LINT), sha256(TEST), undefined]);
    // Every byte of the original is still there, in order: only the two values were inserted.
    expect(sealed.replace(/,\s*"log_sha256": "[0-9a-f]{64}"/g, '')).toBe(MANIFEST);
    expect(findingsOf(await checkRepo(root), 'evidence-tampered')).toEqual([]);

    writeFileSync(path.join(root, 'logs/test.log'), 'ok 1 - importer\nok 2 - everything else\n');
    expect(findingsOf(await checkRepo(root), 'evidence-tampered').map((f) => f.file)).toEqual([RUN]);
    const again = await runCli(['run', 'seal', RUN], root);
    expect(again.code).toBe(2);
    expectOneLine(again.stderr);
    expect(again.stderr).toContain('log `logs/test.log` no longer matches the log_sha256 sealed for it');
    expect(readFileSync(path.join(root, RUN), 'utf8')).toBe(sealed);
  });

  it('records the commit the run ran at with --commit', async () => {
    const { root, sha } = committedRepo(files, '2026-10-01T10:00:00Z', 'run 1');
    const run = await runCli(['run', 'seal', RUN, '--commit', 'HEAD'], root);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${RUN}: 2 logs sealed, commit ${sha.slice(0, 12)}\n`);
    expect((JSON.parse(readFileSync(path.join(root, RUN), 'utf8')) as { commit: string }).commit).toBe(sha);
    const unknown = await runCli(['run', 'seal', RUN, '--commit', 'no-such-branch'], root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('specguard: --commit: `no-such-branch` names no commit of this repository\n');
  });

  it('refuses a missing log, and a manifest that is a symlink out of the repository', async () => {
    const root = tempRepo({ [RUN]: MANIFEST, '.runs/0001/r1/lint.log': LINT });
    const missing = await runCli(['run', 'seal', RUN], root);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`specguard: ${RUN}: log \`.runs/0001/r1/logs/test.log\` of command 2: no such file\n`);
    expect(readFileSync(path.join(root, RUN), 'utf8')).toBe(MANIFEST);

    const elsewhere = tempRepo(files);
    const linked = tempRepo();
    symlinkSync(path.join(elsewhere, RUN), path.join(linked, 'manifest.json'));
    const out = await runCli(['run', 'seal', 'manifest.json'], linked);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe('specguard: manifest.json: it lies outside the repository; it was not read\n');
  });
});
