/**
 * Exit codes and dates: a reader that goes away (EPIPE) ends the run quietly with the exit code the report
 * deserved; a write that fails (ENOSPC on /dev/full) is one line and exit 2; impossible dates and an
 * out-of-range SOURCE_DATE_EPOCH are usage errors. The built CLI, spawned for real.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempRepo } from '../helpers/temp-repo.js';
import { PACKAGE_ROOT } from './harness.js';

const CLI = path.join(PACKAGE_ROOT, 'bin', 'specguard.js');
const SEED_004 = path.join(PACKAGE_ROOT, 'test', 'fixtures', 'seed-004');

describe('writing the output', () => {
  it('a reader that closes early (EPIPE) ends the run quietly, with the exit code of its findings', async () => {
    // A long report (JSON of the example) into a pipe closed after the first bytes.
    const child = spawn(process.execPath, [CLI, 'check', SEED_004, '--now', '2025-10-20', '--format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/Unhandled|at .*\(/);
    expect(code).toBe(1);
  });

  it.runIf(existsSync('/dev/full'))('a write that fails (a full disk) is one line on stderr and exit 2', () => {
    const full = openSync('/dev/full', 'w');
    const run = spawnSync(process.execPath, [CLI, 'check', SEED_004, '--now', '2025-10-20'], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('specguard: cannot write the output (ENOSPC)\n');
  });
});

describe('dates', () => {
  it('an impossible --now is a usage error, not March 2', async () => {
    const run = await runCli(['check', '--now', '2025-02-30'], tempRepo({ 'README.md': '# x\n' }));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('specguard: --now: `2025-02-30` is not a calendar date (2025-02-30 does not exist)\n');
  });

  it('a SOURCE_DATE_EPOCH past year 9999 is a usage error for check and brief alike', async () => {
    const root = tempRepo({ 'README.md': '# x\n' });
    for (const argv of [['check'], ['brief', '--task', '0001']]) {
      const run = await runCli(argv, root, { SOURCE_DATE_EPOCH: '99999999999999999' });
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toBe('specguard: SOURCE_DATE_EPOCH: `99999999999999999` is past year 9999\n');
    }
  });
});
