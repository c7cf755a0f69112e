/** Command-line options of `npm run bench`. */
import { parseArgs } from 'node:util';

/** Parsed options. */
export interface BenchOptions {
  docs: number;
  runs: number;
  skipPeers: boolean;
  skipBrief: boolean;
  briefOnly: boolean;
  skipMcp: boolean;
  mcpOnly: boolean;
  /** Measure only `specguard sync` of the corpus (first and unchanged), into the embedded engine and `postgres`. */
  syncOnly: boolean;
  /** A PostgreSQL server URL for the sync rows. */
  postgres: string | undefined;
  /** A git work tree whose markdown to check (every file a task list), beside the peers; only that is measured. */
  real: string | undefined;
  /** Where the corpus, logs and results go; `undefined`: a new temp folder, removed at the end unless `keep`. */
  out: string | undefined;
  keep: boolean;
  seed: string;
  now: string;
  /** The specguard checkout to measure (its bin/, dist/ and schemas/). */
  specguard: string | undefined;
  /** How the measured version is named in the table, when it is not a git checkout. */
  label: string | undefined;
  /** results.json of a run at fewer documents, to judge growth against. */
  growthFrom: string | undefined;
  /** Kill a measured run after this many seconds (recorded, not fatal). */
  timeout: number | undefined;
}

export const USAGE = `Usage: npm run bench -- [options]

  --docs N            documents in the generated corpus (default 10000)
  --runs R            measured runs per command, round-robin (default 5; the published table needs at least 5)
  --skip-peers        do not run remark-cli and markdownlint-cli2
  --skip-brief        do not run the brief-at-scale measurement
  --brief-only        run only the brief-at-scale measurement
  --skip-mcp          do not measure the start-up of specguard mcp
  --mcp-only          measure only the start-up of specguard mcp
  --sync-only         measure only specguard sync of the corpus (first and unchanged) into the embedded engine
  --postgres URL      with --sync-only: also sync into this PostgreSQL server (a database is created and dropped)
  --real DIR          measure only specguard and the peers on every markdown file of the git work tree DIR
  --out DIR           keep the corpus, logs and results.json in DIR (default: a temp folder, removed afterwards)
  --keep              keep the default temp folder
  --seed TEXT         seed of the corpus and history generators (default specguard-bench-1)
  --now ISO           the clock specguard is run with (default 2025-10-20T00:00:00Z)
  --specguard DIR     the built specguard checkout to measure (default: this repository)
  --label TEXT        the name of the measured version in the table (default: its git sha)
  --growth-from FILE  results.json of a smaller run: judge this run's growth against it
  --timeout S         kill a measured run after S seconds and record it as such (default: no limit)
  -h, --help          this help`;

function wholeNumber(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name}: expected a whole number of at least ${min}, got ${JSON.stringify(text)}`);
  return value;
}

/** Parses argv (without node and the script); `undefined` when help was asked for. */
export function parseOptions(argv: readonly string[]): BenchOptions | undefined {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      docs: { type: 'string' },
      runs: { type: 'string' },
      'skip-peers': { type: 'boolean', default: false },
      'skip-brief': { type: 'boolean', default: false },
      'brief-only': { type: 'boolean', default: false },
      'skip-mcp': { type: 'boolean', default: false },
      'mcp-only': { type: 'boolean', default: false },
      'sync-only': { type: 'boolean', default: false },
      postgres: { type: 'string' },
      real: { type: 'string' },
      out: { type: 'string' },
      keep: { type: 'boolean', default: false },
      seed: { type: 'string', default: 'specguard-bench-1' },
      now: { type: 'string', default: '2025-10-20T00:00:00Z' },
      specguard: { type: 'string' },
      label: { type: 'string' },
      'growth-from': { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return undefined;
  if (Number.isNaN(Date.parse(values.now))) throw new Error(`--now: not an ISO 8601 date: ${values.now}`);
  if (values['brief-only'] && values['skip-brief']) throw new Error('--brief-only and --skip-brief exclude each other');
  if (values['mcp-only'] && (values['skip-mcp'] || values['brief-only'])) throw new Error('--mcp-only excludes --skip-mcp and --brief-only');
  return {
    docs: wholeNumber('docs', values.docs, 10_000, 10),
    runs: wholeNumber('runs', values.runs, 5, 1),
    skipPeers: values['skip-peers'],
    skipBrief: values['skip-brief'],
    briefOnly: values['brief-only'],
    skipMcp: values['skip-mcp'],
    mcpOnly: values['mcp-only'],
    syncOnly: values['sync-only'],
    postgres: values.postgres,
    real: values.real,
    out: values.out,
    keep: values.keep,
    seed: values.seed,
    now: values.now,
    specguard: values.specguard,
    label: values.label,
    growthFrom: values['growth-from'],
    timeout: values.timeout === undefined ? undefined : wholeNumber('timeout', values.timeout, 0, 1),
  };
}
