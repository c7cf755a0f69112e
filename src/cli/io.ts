/** What the CLI reads from and writes to, injected so that `main()` is testable in-process. */

/** A writable text stream. */
export interface TextSink {
  write(text: string): unknown;
  /** True when it is a terminal (colours, progress lines). */
  isTTY?: boolean;
  /** The terminal's width, when it is one (a progress line is cut to fit). */
  columns?: number;
}

/** A readable text stream: where interactive answers come from. */
export interface TextSource extends NodeJS.ReadableStream {
  /** True when it is a terminal (a person can answer prompts). */
  isTTY?: boolean;
}

/** The CLI's world. */
export interface CliIo {
  /** Where prompts read answers from; without it (or when it is not a terminal) commands take their defaults. */
  stdin?: TextSource;
  stdout: TextSink;
  stderr: TextSink;
  /** The working directory that relative paths are read from. */
  cwd: string;
  env: Record<string, string | undefined>;
}

/**
 * Whether to colour output to a sink: `--color`/`--no-color` win, then
 * `NO_COLOR` (no-color.org) and `FORCE_COLOR`, then whether it is a terminal.
 */
export function useColor(flag: boolean | undefined, sink: TextSink, env: Record<string, string | undefined>): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return sink.isTTY === true;
}

/**
 * Whether to show a progress line on stderr: `--no-progress` wins, then `CI` (set to anything but the empty
 * string: no progress in CI logs) and `TERM=dumb` (a terminal that cannot erase a line), then whether stderr is a
 * terminal. Progress never goes to stdout.
 * @param flag - commander's `progress`: false with `--no-progress`
 */
export function showProgress(io: Pick<CliIo, 'stderr' | 'env'>, flag?: boolean): boolean {
  if (flag === false) return false;
  if (io.env.CI !== undefined && io.env.CI !== '') return false;
  if (io.env.TERM === 'dumb') return false;
  return io.stderr.isTTY === true;
}
