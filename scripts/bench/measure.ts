/**
 * Measurement: runs one command as a child process and records its wall time
 * and peak resident set size. With GNU time (`/usr/bin/time -f '%e %M'`) the
 * peak is the kernel's maximum RSS of the command; without it, the harness
 * polls `/proc/<pid>/status` (VmHWM) every 10 ms. Wall time is measured by
 * the harness around the child (so it includes process start-up, as a user
 * would see it).
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const GNU_TIME = '/usr/bin/time';
const TIMEOUT = '/usr/bin/timeout';

/** One command to measure. */
export interface CommandSpec {
  /** Argument vector: the program first. */
  argv: string[];
  cwd: string;
  /** Where its stdout and stderr go (overwritten each run). */
  stdoutFile: string;
  stderrFile: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the run (its whole process group) after this many seconds. */
  timeoutSeconds?: number;
}

/** What one run measured. */
export interface RunSample {
  seconds: number;
  peakMB: number;
  exitCode: number;
  /** The run was killed at `timeoutSeconds`. */
  timedOut?: boolean;
}

/** How peak RSS is measured on this machine. */
export function rssMethod(): 'gnu-time' | 'proc-vmhwm' {
  return existsSync(GNU_TIME) && process.platform === 'linux' ? 'gnu-time' : 'proc-vmhwm';
}

/** Runs a command once, measuring it. */
export async function runOnce(spec: CommandSpec, scratchDir: string): Promise<RunSample> {
  const out = openSync(spec.stdoutFile, 'w');
  const err = openSync(spec.stderrFile, 'w');
  try {
    if (rssMethod() === 'gnu-time') {
      const timeFile = path.join(scratchDir, 'gnu-time.txt');
      rmSync(timeFile, { force: true });
      // A timeout goes inside GNU time (coreutils `timeout --foreground -s KILL`: it kills the command, not itself),
      // so GNU time still reports the killed command's peak.
      const limited = spec.timeoutSeconds !== undefined && existsSync(TIMEOUT);
      const argv = [GNU_TIME, '-f', '%e %M', '-o', timeFile, ...(limited ? [TIMEOUT, '--foreground', '-s', 'KILL', String(spec.timeoutSeconds)] : []), ...spec.argv];
      const started = performance.now();
      const run = await spawnAndWait(argv, limited ? { ...spec, timeoutSeconds: undefined } : spec, out, err);
      const code = run.code;
      const timedOut = run.timedOut || (limited && code === 137 && performance.now() - started >= spec.timeoutSeconds! * 1000);
      const seconds = (performance.now() - started) / 1000;
      // GNU time writes "Command exited with non-zero status N" before the format line when the command fails;
      // killed with its command, it writes nothing.
      const lines = existsSync(timeFile) ? readFileSync(timeFile, 'utf8').trim().split('\n') : [];
      const last = lines[lines.length - 1] ?? '';
      const match = /^([\d.]+) (\d+)$/.exec(last.trim());
      if (!match && !timedOut) throw new Error(`cannot read ${GNU_TIME} output: ${JSON.stringify(lines)}`);
      return { seconds, peakMB: match ? Number(match[2]) / 1024 : Number.NaN, exitCode: code, ...(timedOut ? { timedOut } : {}) };
    }
    let peakKb = 0;
    const started = performance.now();
    const { code, timedOut } = await spawnAndWait(spec.argv, spec, out, err, (pid) => {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status);
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch {
        // The process has exited, or there is no /proc: the last reading stands.
      }
    });
    const seconds = (performance.now() - started) / 1000;
    return { seconds, peakMB: peakKb / 1024, exitCode: code, ...(timedOut ? { timedOut } : {}) };
  } finally {
    closeSync(out);
    closeSync(err);
  }
}

function spawnAndWait(argv: string[], spec: CommandSpec, out: number, err: number, poll?: (pid: number) => void): Promise<{ code: number; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const [program, ...args] = argv;
    if (!program) return reject(new Error('empty command'));
    // Its own process group, so that a timeout ends the command and everything it started, and nothing else.
    const child = spawn(program, args, { cwd: spec.cwd, env: spec.env ?? process.env, stdio: ['ignore', out, err], detached: spec.timeoutSeconds !== undefined });
    let timer: NodeJS.Timeout | undefined;
    let killer: NodeJS.Timeout | undefined;
    let timedOut = false;
    if (poll && child.pid !== undefined) {
      const pid = child.pid;
      timer = setInterval(() => poll(pid), 10);
    }
    if (spec.timeoutSeconds !== undefined && child.pid !== undefined) {
      const group = child.pid;
      killer = setTimeout(() => {
        timedOut = true;
        try {
          process.kill(-group, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }, spec.timeoutSeconds * 1000);
    }
    const stop = (): void => {
      if (timer) clearInterval(timer);
      if (killer) clearTimeout(killer);
    };
    child.on('error', (error) => {
      stop();
      reject(error);
    });
    child.on('exit', (code, signal) => {
      stop();
      resolve({ code: code ?? (signal ? 128 + (signal === 'SIGKILL' ? 9 : 15) : 1), timedOut });
    });
  });
}

/** Runs a command without measuring it (priming, set-up). */
export async function runPlain(argv: string[], cwd: string, stdoutFile?: string): Promise<number> {
  const out = stdoutFile ? openSync(stdoutFile, 'w') : 'ignore';
  try {
    return await new Promise((resolve, reject) => {
      const [program, ...args] = argv;
      if (!program) return reject(new Error('empty command'));
      const child = spawn(program, args, { cwd, stdio: ['ignore', out, 'inherit'] });
      child.on('error', reject);
      child.on('exit', (code) => resolve(code ?? 1));
    });
  } finally {
    if (typeof out === 'number') closeSync(out);
  }
}

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A measured command in the round-robin. */
export interface Measured {
  /** Row label. */
  label: string;
  /** Untimed work before each measured run (priming a cache, touching files). */
  before?: () => Promise<void>;
  /** Untimed work after each measured run (restoring files). */
  after?: () => Promise<void>;
  spec: CommandSpec;
  /** Checks a run's exit code and output; throws to stop the bench (a usage or internal error). */
  validate?: (sample: RunSample) => Promise<void>;
}

/** The samples of one command. */
export interface Series {
  label: string;
  samples: RunSample[];
  medianSeconds: number;
  medianPeakMB: number;
  maxPeakMB: number;
}

/**
 * Runs the commands round-robin, `runs` rounds (command 1, 2, …, then again),
 * so that a slow phase of the machine spreads over every command rather than
 * landing on one.
 */
export async function roundRobin(commands: readonly Measured[], runs: number, scratchDir: string, progress: (line: string) => void): Promise<Series[]> {
  const samples = new Map<string, RunSample[]>(commands.map((c) => [c.label, []]));
  for (let round = 1; round <= runs; round++) {
    for (const command of commands) {
      await command.before?.();
      const sample = await runOnce(command.spec, scratchDir);
      await command.after?.();
      await command.validate?.(sample);
      samples.get(command.label)!.push(sample);
      progress(`  round ${round}/${runs}  ${command.label.padEnd(44)} ${sample.seconds.toFixed(2).padStart(8)} s ${sample.peakMB.toFixed(0).padStart(6)} MB  exit ${sample.exitCode}${sample.timedOut ? ' (killed: timeout)' : ''}`);
    }
  }
  return commands.map((c) => {
    const s = samples.get(c.label)!;
    return {
      label: c.label,
      samples: s,
      medianSeconds: median(s.map((x) => x.seconds)),
      medianPeakMB: median(s.map((x) => x.peakMB)),
      maxPeakMB: Math.max(...s.map((x) => x.peakMB).filter((x) => Number.isFinite(x))),
    };
  });
}
