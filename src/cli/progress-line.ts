/**
 * The progress line of long runs: one line on stderr, rewritten in place
 * (`\r`, then the text, then erase-to-end-of-line) and erased when the run
 * ends, so that stdout stays the report alone and a finished run leaves no
 * trace on the terminal.
 */
import { showProgress, type CliIo, type TextSink } from './io.js';

/** How long a run goes before its progress line appears, so that quick runs do not flicker. */
export const PROGRESS_DELAY_MS = 500;

/** The shortest time between two rewrites of the line (at most 10 updates a second). */
export const PROGRESS_INTERVAL_MS = 100;

/** A progress line on a terminal. */
export interface ProgressLine {
  /** Whether the line can appear at all (a terminal, not CI, no `--no-progress`). */
  readonly enabled: boolean;
  /** Says where the run is; shown once the delay has passed, at most once per interval. */
  update(text: string): void;
  /** Erases the line, if it was shown; later updates are ignored. */
  done(): void;
}

/**
 * The delay before the line appears: {@link PROGRESS_DELAY_MS}, or `SPECGUARD_PROGRESS_DELAY_MS` (a whole number of
 * milliseconds; for tests, which set it to 0).
 */
export function progressDelay(env: CliIo['env']): number {
  const value = env.SPECGUARD_PROGRESS_DELAY_MS;
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : PROGRESS_DELAY_MS;
}

/** Options of {@link createProgressLine}. */
export interface ProgressLineOptions {
  enabled: boolean;
  /** Default {@link PROGRESS_DELAY_MS}. */
  delayMs?: number;
  /** Default {@link PROGRESS_INTERVAL_MS}. */
  intervalMs?: number;
  /** Milliseconds since some fixed point. Default: `performance.now`. */
  clock?: () => number;
}

/**
 * A progress line on `sink`, each text prefixed with `specguard: `. An update that comes too early (before the
 * delay, or within the interval of the last rewrite) is held and shown by a timer, so that a long step that
 * reports once still appears; the timer never keeps the process alive.
 */
export function createProgressLine(sink: TextSink, options: ProgressLineOptions): ProgressLine {
  const clock = options.clock ?? (() => performance.now());
  const delay = options.delayMs ?? PROGRESS_DELAY_MS;
  const interval = options.intervalMs ?? PROGRESS_INTERVAL_MS;
  const start = clock();
  let active = options.enabled;
  let latest: string | undefined;
  let written: string | undefined;
  let lastWrite = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = (): void => {
    timer = undefined;
    if (!active || latest === undefined || latest === written) return;
    const width = typeof sink.columns === 'number' && sink.columns > 1 ? sink.columns - 1 : Infinity;
    const text = `specguard: ${latest}`;
    sink.write(`\r${text.length > width ? text.slice(0, width) : text}\x1b[K`);
    written = latest;
    lastWrite = clock();
  };

  return {
    enabled: options.enabled,
    update(text) {
      if (!active) return;
      latest = text;
      if (timer) return;
      const wait = Math.max(start + delay, lastWrite + interval) - clock();
      if (wait <= 0) flush();
      else {
        timer = setTimeout(flush, wait);
        timer.unref?.();
      }
    },
    done() {
      if (!active) return;
      active = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (written !== undefined) sink.write('\r\x1b[K');
    },
  };
}

/** The progress line of a command: shown when {@link showProgress} says so, after {@link progressDelay}. */
export function commandProgress(io: CliIo, flag: boolean | undefined): ProgressLine {
  return createProgressLine(io.stderr, { enabled: showProgress(io, flag), delayMs: progressDelay(io.env) });
}

/** A count as people read it: 10,000. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}
