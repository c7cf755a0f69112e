/**
 * The progress line of `check` and `brief`: on stderr, only on a terminal,
 * never under CI or with --no-progress, erased at the end, and never a byte
 * on stdout. SPECGUARD_PROGRESS_DELAY_MS=0 shows it from the first update, so
 * that even a small repository shows it.
 */
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createProgressLine } from '../../src/cli/progress-line.js';
import { cleanRepo } from '../helpers/formatter-repos.js';
import type { CliRun } from '../helpers/run-cli.js';

const SEED_004 = path.resolve('test/fixtures/seed-004');
const NOW = '2025-10-20';
const CLEAR = '\r\x1b[K';
const IMMEDIATE = { SPECGUARD_PROGRESS_DELAY_MS: '0' };

/** Runs the CLI with stderr (and only stderr) a terminal, or not. */
async function run(argv: string[], options: { tty: boolean; env?: Record<string, string> }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.tty, columns: 120 },
    cwd: process.cwd(),
    env: { ...IMMEDIATE, ...options.env },
  });
  return { code, stdout, stderr };
}

describe('check on a terminal', () => {
  it('shows "checked N of M files" on stderr, rewritten in place, and erases it at the end', async () => {
    const result = await run(['check', SEED_004, '--now', NOW], { tty: true });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^\rspecguard: checked \d+ of 16 files\x1b\[K/);
    expect(result.stderr.endsWith(CLEAR)).toBe(true);
    expect(result.stderr.replace(/\rspecguard: checked \d+ of 16 files\x1b\[K/g, '')).toBe(CLEAR);
    expect(result.stdout).not.toContain('\r');
    expect(result.stdout).not.toContain('checked 0 of');
  });

  it.each(['json', 'stylish', 'sarif'])('prints byte-identical %s on stdout with and without the progress line', async (format) => {
    const withProgress = await run(['check', SEED_004, '--now', NOW, '--format', format], { tty: true });
    const without = await run(['check', SEED_004, '--now', NOW, '--format', format], { tty: false });
    expect(withProgress.stderr).not.toBe('');
    expect(without.stderr).toBe('');
    expect(withProgress.stdout).toBe(without.stdout);
    expect(withProgress.code).toBe(without.code);
  });

  it('erases the line before anything else it writes on stderr', async () => {
    const result = await run(['check', SEED_004, '--now', NOW, '--config', 'no-such-config.yaml'], { tty: true });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^(?:\rspecguard: checked[^\r]*\x1b\[K)*(?:\r\x1b\[K)?specguard: /);
  });
});

describe('no progress line', () => {
  it.each([
    ['stderr is not a terminal', [], { tty: false }],
    ['CI is set', [], { tty: true, env: { CI: 'true' } }],
    ['CI is set to anything', [], { tty: true, env: { CI: '1' } }],
    ['TERM is dumb', [], { tty: true, env: { TERM: 'dumb' } }],
    ['--no-progress is given', ['--no-progress'], { tty: true }],
  ] as const)('when %s: nothing on stderr for a clean run', async (_, flags, options) => {
    const root = cleanRepo();
    const result = await run(['check', root, '--now', '2026-11-21', ...flags], options);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('No problems');
  });

  it('shows one when CI is the empty string', async () => {
    const result = await run(['check', cleanRepo(), '--now', '2026-11-21'], { tty: true, env: { CI: '' } });
    expect(result.stderr).toContain('specguard: checked');
  });
});

describe('brief on a terminal', () => {
  it('names its steps on stderr, erases the line, and prints the same brief on stdout', async () => {
    const withProgress = await run(['brief', '--task', '0001', SEED_004, '--now', NOW], { tty: true });
    const without = await run(['brief', '--task', '0001', SEED_004, '--now', NOW], { tty: false });
    expect(withProgress.code).toBe(0);
    expect(withProgress.stderr).toMatch(/^\rspecguard: reading packets, checkpoints and run manifests\x1b\[K/);
    expect(withProgress.stderr.endsWith(CLEAR)).toBe(true);
    expect(without.stderr).toBe('');
    expect(withProgress.stdout).toBe(without.stdout);
  });

  it('prints nothing on stderr with --no-progress or under CI', async () => {
    for (const [flags, env] of [[['--no-progress'], {}], [[], { CI: 'true' }]] as const) {
      const result = await run(['brief', '--task', '0001', SEED_004, '--now', NOW, ...flags], { tty: true, env });
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
    }
  });

  it('erases the line before saying the task is unknown', async () => {
    const result = await run(['brief', '--task', '9999', SEED_004, '--now', NOW], { tty: true });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\r\x1b\[Kspecguard: unknown task `9999`/);
  });
});

describe('createProgressLine', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A line on a fake terminal with fake timers. */
  function fakeLine(options: { delayMs?: number; intervalMs?: number; columns?: number } = {}) {
    vi.useFakeTimers();
    const written: string[] = [];
    const line = createProgressLine({ write: (s: string) => written.push(s), isTTY: true, ...(options.columns ? { columns: options.columns } : {}) }, { enabled: true, clock: () => Date.now(), ...options });
    return { line, written };
  }

  it('holds updates until the delay has passed, then shows the latest', () => {
    const { line, written } = fakeLine({ delayMs: 500, intervalMs: 100 });
    line.update('one');
    vi.advanceTimersByTime(200);
    line.update('two');
    expect(written).toEqual([]);
    vi.advanceTimersByTime(300);
    expect(written).toEqual(['\rspecguard: two\x1b[K']);
  });

  it('rewrites at most once per interval, showing the latest text', () => {
    const { line, written } = fakeLine({ delayMs: 0, intervalMs: 100 });
    line.update('1');
    line.update('2');
    line.update('3');
    expect(written).toEqual(['\rspecguard: 1\x1b[K']);
    vi.advanceTimersByTime(100);
    expect(written).toEqual(['\rspecguard: 1\x1b[K', '\rspecguard: 3\x1b[K']);
  });

  it('erases the line when done, and writes nothing when it was never shown', () => {
    const shown = fakeLine({ delayMs: 0 });
    shown.line.update('working');
    shown.line.done();
    shown.line.update('late');
    vi.advanceTimersByTime(1000);
    expect(shown.written).toEqual(['\rspecguard: working\x1b[K', CLEAR]);

    const quick = fakeLine({ delayMs: 500 });
    quick.line.update('working');
    vi.advanceTimersByTime(100);
    quick.line.done();
    vi.advanceTimersByTime(1000);
    expect(quick.written).toEqual([]);
  });

  it('cuts the text to the width of the terminal, so that it never wraps', () => {
    const { line, written } = fakeLine({ delayMs: 0, columns: 21 });
    line.update('checked 4,096 of 10,000 files');
    expect(written).toEqual(['\rspecguard: checked 4\x1b[K']);
  });

  it('writes nothing at all when disabled', () => {
    vi.useFakeTimers();
    const written: string[] = [];
    const line = createProgressLine({ write: (s: string) => written.push(s), isTTY: true }, { enabled: false, delayMs: 0 });
    line.update('x');
    vi.advanceTimersByTime(1000);
    line.done();
    expect(line.enabled).toBe(false);
    expect(written).toEqual([]);
  });
});
