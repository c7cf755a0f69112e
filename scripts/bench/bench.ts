/**
 * `npm run bench`: the benchmark harness of specguard (not part of `npm test`;
 * nothing here ever fails CI on timing).
 *
 * 1. generates a corpus of N documents with seeded defects (corpus.ts);
 * 2. measures, round-robin, R runs each: the I/O floor (floor.mjs),
 *    `specguard check` cold, warm with `--cache`, and with 1% of the files
 *    changed, and the peers (peers.ts), each as a child process (measure.ts);
 * 3. asserts that every `specguard check` run reports exactly the seeded
 *    defects (assert-findings.ts); on a mismatch prints the difference and
 *    exits 1;
 * 4. prints one table with the targets of the Performance issue (table.ts);
 * 5. measures `specguard brief` on a 20,000-commit history against
 *    `git log --all --grep` (brief-at-scale.ts);
 * 6. measures the start-up of `specguard mcp` to its first answer (mcp-startup.ts).
 *
 * With `--real DIR`, only specguard and the peers on a real repository's markdown (real.ts).
 *
 * Progress goes to stderr; the tables go to stdout.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFindings, describeMismatch, type FindingsCheck } from './assert-findings.js';
import { checkBrief, generateBriefRepo } from './brief-at-scale.js';
import { cacheSupport, touch } from './cache.js';
import { measureSync, renderSync } from './sync-bench.js';
import { measureMcpStartup, renderMcpStartup } from './mcp-startup.js';
import { measureReal, renderReal } from './real.js';
import { generateCorpus } from './corpus.js';
import { roundRobin, rssMethod, runOnce, runPlain, type CommandSpec, type Measured, type RunSample, type Series } from './measure.js';
import { parseOptions, USAGE, type BenchOptions } from './options.js';
import { peerCommands } from './peers.js';
import { machineInfo, ratioTarget, renderSpread, renderTable, renderTargets, type Row, type RunInfo, type Target } from './table.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const FLOOR = 'floor (read + YAML/JSON + ajv)';
const COLD = 'specguard check (cold)';
const WARM = 'specguard check --cache (warm)';
const CHANGED = 'specguard check --cache (1% changed)';

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function main(): Promise<number> {
  let options: BenchOptions | undefined;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (!options) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const specguardDir = path.resolve(options.specguard ?? REPO);
  const bin = path.join(specguardDir, 'bin', 'specguard.js');
  if (!existsSync(path.join(specguardDir, 'dist', 'cli', 'main.js'))) {
    process.stderr.write(`bench: ${specguardDir} is not built; run \`npm run build\` there first\n`);
    return 2;
  }
  const outDir = path.resolve(options.out ?? mkdtempSync(path.join(os.tmpdir(), 'specguard-bench-')));
  mkdirSync(outDir, { recursive: true });
  const removeOut = options.out === undefined && !options.keep;
  if (options.runs < 5) log(`bench: --runs ${options.runs}: fewer than 5 runs; do not publish this table`);
  const info: RunInfo = {
    date: new Date().toISOString(),
    ...machineInfo(),
    rssMethod: rssMethod() === 'gnu-time' ? "/usr/bin/time -f '%e %M'" : '/proc/<pid>/status VmHWM polling',
    specguard: options.label ?? versionOf(specguardDir),
    docs: options.docs,
    corpusMB: 0,
    runs: options.runs,
    seed: options.seed,
    now: options.now,
  };
  log(`bench: measuring ${info.specguard} (${specguardDir}); output in ${outDir}`);
  let failed = false;
  const results: Record<string, unknown> = { info };
  try {
    if (options.real !== undefined) {
      const real = await measureReal({ dir: options.real, bin, outDir, runs: options.runs, now: options.now, ...(options.timeout !== undefined ? { timeout: options.timeout } : {}) }, log);
      results.real = { ...real, series: real.series.map(({ label, medianSeconds, medianPeakMB, samples }) => ({ label, medianSeconds, medianPeakMB, samples })) };
      process.stdout.write(`\n${renderReal(real, path.basename(path.resolve(options.real)))}`);
      return 0;
    }
    if (options.syncOnly) {
      const corpusDir = path.join(outDir, 'corpus');
      rmSync(corpusDir, { recursive: true, force: true });
      mkdirSync(corpusDir, { recursive: true });
      log(`bench: generating ${options.docs} documents (seed ${options.seed})`);
      const corpus = generateCorpus({ root: corpusDir, docs: options.docs, seed: options.seed, now: options.now });
      const series = await measureSync({ corpusDir, bin, outDir, runs: options.runs, now: options.now, ...(options.postgres ? { postgres: options.postgres } : {}) }, log);
      results.sync = series.map(({ label, medianSeconds, medianPeakMB, samples }) => ({ label, medianSeconds, medianPeakMB, samples }));
      process.stdout.write(`\n${renderSync(series, corpus.documents.length, options.runs)}`);
      return 0;
    }
    if (!options.briefOnly && !options.mcpOnly) failed = (await checkBench(options, specguardDir, bin, outDir, info, results)) || failed;
    if (!options.skipBrief && !options.mcpOnly) failed = (await briefBench(options, bin, outDir, results)) || failed;
    if (!options.skipMcp && !options.briefOnly) {
      const startup = await measureMcpStartup(bin, options.runs, log);
      results.mcpStartup = startup;
      process.stdout.write(`\n${renderMcpStartup(startup)}`);
    }
  } finally {
    writeFileSync(path.join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    if (removeOut) rmSync(outDir, { recursive: true, force: true });
    else log(`bench: results in ${path.join(outDir, 'results.json')}`);
  }
  return failed ? 1 : 0;
}

/** The check table; returns true when specguard's findings were not the seeded defects. */
async function checkBench(options: BenchOptions, specguardDir: string, bin: string, outDir: string, info: RunInfo, results: Record<string, unknown>): Promise<boolean> {
  const corpusDir = path.join(outDir, 'corpus');
  const logsDir = path.join(outDir, 'logs');
  rmSync(corpusDir, { recursive: true, force: true });
  mkdirSync(corpusDir, { recursive: true });
  mkdirSync(logsDir, { recursive: true });
  assertNotInGit(corpusDir);
  log(`bench: generating ${options.docs} documents (seed ${options.seed})`);
  const corpus = generateCorpus({ root: corpusDir, docs: options.docs, seed: options.seed, now: options.now });
  commitCorpus(corpusDir, options.now);
  info.corpusMB = corpus.bytes / 1024 ** 2;
  writeFileSync(path.join(outDir, 'corpus.json'), `${JSON.stringify({ ...corpus, documents: undefined, markdown: undefined }, null, 2)}\n`);
  const byRule = countBy(corpus.expected.map((e) => e.ruleId));
  log(`bench: ${corpus.documents.length} documents, ${info.corpusMB.toFixed(1)} MB (+${corpus.otherFiles} command logs); ${JSON.stringify(corpus.countsByKind)}`);
  log(`bench: ${corpus.expected.length} seeded defects: ${JSON.stringify(byRule)}; the corpus is a git repository of one commit`);

  const schemaDir = path.join(specguardDir, 'schemas');
  const node = process.execPath;
  const limit = options.timeout !== undefined ? { timeoutSeconds: options.timeout } : {};
  const spec = (name: string, argv: string[], cwd = corpusDir): CommandSpec => ({ argv, cwd, stdoutFile: path.join(logsDir, `${name}.stdout`), stderrFile: path.join(logsDir, `${name}.stderr`), ...limit });
  const checkArgs = [node, bin, 'check', corpusDir, '--now', options.now, '--format', 'json'];
  const mismatches: string[] = [];
  /** Commands that did not finish with a report (exit code other than 1), by label: how they ended. */
  const crashes = new Map<string, Set<string>>();
  const assertRun = (label: string, stdoutFile: string, stderrFile: string, sample: RunSample): FindingsCheck | undefined => {
    if (sample.exitCode !== 1) {
      // Recorded, not thrown: a run that dies (out of memory, say) or runs out of time is a result too.
      const how = sample.timedOut ? `killed at the ${options.timeout} s timeout` : `exit ${sample.exitCode}`;
      crashes.set(label, (crashes.get(label) ?? new Set()).add(how));
      const stderr = readFileSync(stderrFile, 'utf8').trim().split('\n').slice(-12).join('\n');
      const text = `${label}: ${how}, no report (expected exit 1: the corpus holds errors); the end of its stderr:\n${stderr}`;
      mismatches.push(text);
      log(text);
      return undefined;
    }
    const check = checkFindings(stdoutFile, corpus.expected);
    if (!check.ok) {
      const text = describeMismatch(check, label);
      if (!mismatches.some((m) => m === text)) {
        mismatches.push(text);
        log(text);
      }
    }
    return check;
  };

  const floorSpec = spec('floor', [node, path.join(HERE, 'floor.mjs'), corpusDir, '--schemas', schemaDir], REPO);
  const floor: Measured = {
    label: FLOOR,
    spec: floorSpec,
    validate: async (sample) => {
      if (sample.exitCode !== 0) throw new Error(`the floor exited with ${sample.exitCode}${sample.timedOut ? ' (timeout)' : ''}: ${readFileSync(floorSpec.stderrFile, 'utf8')}`);
      const counts = JSON.parse(readFileSync(floorSpec.stdoutFile, 'utf8')) as { files: number; syntaxErrors: number; invalid: number };
      const wantInvalid = (byRule['frontmatter-schema'] ?? 0) + (byRule['manifest-schema'] ?? 0);
      if (counts.files !== corpus.documents.length || counts.syntaxErrors !== (byRule['frontmatter-syntax'] ?? 0) || counts.invalid !== wantInvalid) {
        throw new Error(`the floor did not do the work: ${JSON.stringify(counts)}; expected ${corpus.documents.length} files, ${byRule['frontmatter-syntax'] ?? 0} syntax errors, ${wantInvalid} invalid`);
      }
    },
  };
  const coldSpec = spec('check-cold', checkArgs);
  const defaultCache = path.join(corpusDir, '.specguard-cache');
  const cold: Measured = {
    label: COLD,
    spec: coldSpec,
    before: async () => rmSync(defaultCache, { recursive: true, force: true }),
    validate: async (sample) => void assertRun(COLD, coldSpec.stdoutFile, coldSpec.stderrFile, sample),
  };
  const commands: Measured[] = [floor, cold];
  const rows: Array<{ label: string; na?: string }> = [{ label: FLOOR }, { label: COLD }];

  const support = cacheSupport(bin);
  if (support.cache) {
    const cacheArgs = (file: string): string[] => [...checkArgs, '--cache', ...(support.cacheLocation ? ['--cache-location', file] : [])];
    const cacheFile = (name: string): string => (support.cacheLocation ? path.join(outDir, `${name}.cache`) : defaultCache);
    const warmFile = cacheFile('warm');
    const changedFile = cacheFile('changed');
    const prime = async (file: string, name: string): Promise<void> => {
      rmSync(file, { recursive: true, force: true });
      const code = await runPlain(cacheArgs(file), corpusDir, path.join(logsDir, `${name}-prime.stdout`));
      if (code !== 1) throw new Error(`priming the cache (${name}) exited with ${code}`);
    };
    const warmSpec = spec('check-warm', cacheArgs(warmFile));
    const changedSpec = spec('check-changed', cacheArgs(changedFile));
    let undo: (() => void) | undefined;
    commands.push(
      {
        label: WARM,
        spec: warmSpec,
        before: () => prime(warmFile, 'warm'),
        validate: async (sample) => void assertRun(WARM, warmSpec.stdoutFile, warmSpec.stderrFile, sample),
      },
      {
        label: CHANGED,
        spec: changedSpec,
        before: async () => {
          await prime(changedFile, 'changed');
          undo = touch(corpusDir, corpus.touchSet);
        },
        after: async () => {
          undo?.();
          undo = undefined;
        },
        validate: async (sample) => void assertRun(CHANGED, changedSpec.stdoutFile, changedSpec.stderrFile, sample),
      },
    );
    rows.push({ label: WARM }, { label: CHANGED });
  } else {
    log('bench: `specguard check --help` lists no --cache: the cache rows are n/a');
    rows.push({ label: WARM, na: 'n/a (no --cache)' }, { label: CHANGED, na: 'n/a (no --cache)' });
  }
  if (!options.skipPeers) {
    for (const peer of peerCommands({ corpus: corpusDir, outDir, schemaDir, logsDir })) {
      commands.push({ label: peer.label, spec: { ...peer.spec, ...limit } });
      rows.push({ label: peer.label });
    }
  }

  // One untimed pass of the floor, which reads every document: the page cache then holds the corpus
  // for every measured run alike. (Every measured check run is asserted, the first in round 1.)
  log('bench: warm-up (untimed): floor');
  await floor.validate?.(await runOnce(floor.spec, outDir));
  log(`bench: measuring ${commands.length} commands × ${options.runs} runs, round-robin`);
  const series = await roundRobin(commands, options.runs, outDir, log);
  const seriesOf = (label: string): Series | undefined => series.find((s) => s.label === label);
  const crashNote = (label: string): string => {
    const codes = crashes.get(label);
    return codes ? ` (**${[...codes].join(', ')}: no report**)` : '';
  };
  const tableRows: Row[] = rows.map((r) => (r.na ? { label: r.label, na: r.na } : { label: `${r.label}${crashNote(r.label)}`, series: seriesOf(r.label)! }));
  const table = renderTable(tableRows, info, FLOOR, COLD);

  const floorS = seriesOf(FLOOR)!;
  const coldS = seriesOf(COLD)!;
  const warmS = seriesOf(WARM);
  const changedS = seriesOf(CHANGED);
  const specguardPeak = Math.max(...[coldS, warmS, changedS].filter((s): s is Series => s !== undefined).map((s) => s.maxPeakMB));
  const coldRatio = coldS.medianSeconds / floorS.medianSeconds;
  const targets: Target[] = [
    crashes.has(COLD)
      ? { name: 'check cold ≤ 2× floor (must ≤ 3×)', value: 'no report', verdict: 'missed' }
      : { ...ratioTarget('check cold ≤ 2× floor (must ≤ 3×)', coldRatio, 2), detail: `must 3×: ${coldRatio <= 3 ? 'met' : '**missed**'}` },
    ratioTarget('check --cache warm ≤ 0.3× floor', warmS ? warmS.medianSeconds / floorS.medianSeconds : undefined, 0.3),
    ratioTarget('check --cache 1% changed ≤ 0.5× floor', changedS ? changedS.medianSeconds / floorS.medianSeconds : undefined, 0.5),
    ratioTarget('peak RSS of check ≤ 400 MB (highest run)', specguardPeak, 400, ' MB'),
  ];
  if (options.growthFrom) targets.push(...growthTargets(options.growthFrom, options.docs, coldS, crashes.has(COLD) ? [...crashes.get(COLD)!].join(', ') : undefined));
  const checkRuns = options.runs * (warmS ? 3 : 1);
  const findingsLine =
    mismatches.length === 0
      ? `Seeded defects: every \`specguard check\` run (${checkRuns} run${checkRuns === 1 ? '' : 's'}) reported exactly the ${corpus.expected.length} seeded findings (ruleId + file + line).`
      : `Seeded defects: **not confirmed**: a run gave no report, or its findings were not the seeded defects; the timings above do not count (details below).`;
  process.stdout.write(`\n## specguard check\n\n${table}\n\n${renderSpread(series)}\n\n${renderTargets(targets)}\n\n${findingsLine}\n`);
  if (mismatches.length > 0) process.stdout.write(`\n\`\`\`text\n${mismatches.join('\n\n')}\n\`\`\`\n`);
  results.check = {
    corpus: { docs: corpus.documents.length, bytes: corpus.bytes, countsByKind: corpus.countsByKind, defects: byRule, touched: corpus.touchSet.length },
    cacheSupport: support,
    series: series.map((s) => ({ ...s })),
    na: rows.filter((r) => r.na).map((r) => r.label),
    targets,
    findingsMatch: mismatches.length === 0,
    mismatches,
  };
  return mismatches.length > 0;
}

function growthTargets(file: string, docs: number, cold: Series, crashed: string | undefined): Target[] {
  const before = JSON.parse(readFileSync(file, 'utf8')) as { info?: { docs?: number }; check?: { series?: Series[] } };
  const base = before.check?.series?.find((s) => s.label === COLD);
  const baseDocs = before.info?.docs;
  if (!base || !baseDocs) return [{ name: 'growth', value: `no cold check in ${file}`, verdict: 'n/a' }];
  const factor = docs / baseDocs;
  const limit = factor * 1.1;
  const timeName = `check cold at ${docs} docs ≤ ${limit.toFixed(1)}× the ${baseDocs}-doc time`;
  const rssName = `peak RSS of check cold at ${docs} docs < 1024 MB`;
  if (crashed) {
    return [
      { name: timeName, value: `no report (${crashed} after ${cold.medianSeconds.toFixed(0)} s)`, verdict: 'missed' },
      { name: rssName, value: `${cold.maxPeakMB.toFixed(0)} MB, still running`, verdict: cold.maxPeakMB < 1024 ? 'n/a' : 'missed' },
    ];
  }
  return [
    { ...ratioTarget(timeName, cold.medianSeconds / base.medianSeconds, limit), detail: `${base.medianSeconds.toFixed(2)} s → ${cold.medianSeconds.toFixed(2)} s` },
    ratioTarget(rssName, cold.maxPeakMB, 1023.99, ' MB'),
  ];
}

/** Brief at scale; returns true when the brief did not match the history. */
async function briefBench(options: BenchOptions, bin: string, outDir: string, results: Record<string, unknown>): Promise<boolean> {
  const repo = path.join(outDir, 'brief-repo');
  const logsDir = path.join(outDir, 'logs');
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(logsDir, { recursive: true });
  const started = Date.now();
  log('bench: brief at scale: writing a 20,000-commit history with git fast-import');
  const expected = await generateBriefRepo({ dir: repo, seed: options.seed, commits: 20_000, tasks: 200, checkpointsPerTask: 10 });
  log(`bench: history written in ${((Date.now() - started) / 1000).toFixed(1)} s; task ${expected.task}: ${expected.checkpointFiles.length} checkpoints (${expected.rewrittenFiles.length} rewritten, ${expected.deletedFiles.length} deleted), ${expected.mentioningSubjects.length} commits mention it`);
  const briefSpec: CommandSpec = {
    argv: [process.execPath, bin, 'brief', '--task', expected.task, repo, '--format', 'json', '--now', expected.now],
    cwd: repo,
    stdoutFile: path.join(logsDir, 'brief.stdout'),
    stderrFile: path.join(logsDir, 'brief.stderr'),
    ...(options.timeout !== undefined ? { timeoutSeconds: options.timeout } : {}),
  };
  const problems: string[] = [];
  const brief: Measured = {
    label: `specguard brief --task ${expected.task} --format json`,
    spec: briefSpec,
    validate: async (sample) => {
      if (sample.exitCode !== 0) throw new Error(`brief exited with ${sample.exitCode}: ${readFileSync(briefSpec.stderrFile, 'utf8').trim()}`);
      for (const problem of checkBrief(briefSpec.stdoutFile, expected)) if (!problems.includes(problem)) problems.push(problem);
    },
  };
  const floorSpec: CommandSpec = { argv: ['git', 'log', '--all', `--grep=${expected.task}`], cwd: repo, stdoutFile: path.join(logsDir, 'git-log.stdout'), stderrFile: path.join(logsDir, 'git-log.stderr') };
  const floor: Measured = {
    label: `git log --all --grep=${expected.task}`,
    spec: floorSpec,
    validate: async (sample) => {
      if (sample.exitCode !== 0) throw new Error(`git log exited with ${sample.exitCode}`);
    },
  };
  for (const command of [floor, brief]) await command.validate?.(await runOnce(command.spec, outDir));
  const series = await roundRobin([floor, brief], options.runs, outDir, log);
  const [floorS, briefS] = series as [Series, Series];
  const ratio = briefS.medianSeconds / floorS.medianSeconds;
  const lines = [
    `20,000 commits, 200 tasks, 2,000 checkpoints (some rewritten or deleted), ${options.runs} run${options.runs === 1 ? "" : "s"} per command, round-robin; --now ${expected.now}`,
    '',
    '| command | median s | peak MB | × git floor |',
    '| --- | ---: | ---: | ---: |',
    `| ${floorS.label} | ${floorS.medianSeconds.toFixed(3)} | ${floorS.medianPeakMB.toFixed(0)} | 1.00× |`,
    `| ${briefS.label} | ${briefS.medianSeconds.toFixed(3)} | ${briefS.medianPeakMB.toFixed(0)} | ${ratio.toFixed(2)}× |`,
  ];
  const target = ratioTarget('brief ≤ 2× its git floor', ratio, 2);
  const sanity = problems.length === 0 ? `Brief contents: matched the history (${expected.mentioningSubjects.length} mentioning commits, ${expected.checkpointFiles.length} checkpoint files with their rewritten and deleted versions).` : `Brief contents: **MISMATCH** with the history:\n\n${problems.map((p) => `- ${p}`).join('\n')}`;
  process.stdout.write(`\n## specguard brief at scale\n\n${lines.join('\n')}\n\n${renderSpread(series)}\n\n${renderTargets([target])}\n\n${sanity}\n`);
  log(`bench: brief at scale took ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
  results.brief = { task: expected.task, series, ratio, target, problems, info: { commits: expected.commits, checkpoints: expected.checkpointFiles.length } };
  return problems.length > 0;
}

function versionOf(dir: string): string {
  try {
    const sha = execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['-C', dir, 'status', '--porcelain', '--', 'src', 'schemas', 'bin'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return dirty ? `${sha} + uncommitted changes in src/` : sha;
  } catch {
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: string };
    return `${pkg.version ?? 'unknown'} (${dir}, not a git checkout)`;
  }
}

/** Throws when `dir` lies in a git work tree: git-based rules would read that repository's history. */
function assertNotInGit(dir: string): void {
  let inside = false;
  try {
    inside = execFileSync('git', ['-C', dir, 'rev-parse', '--is-inside-work-tree'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() === 'true';
  } catch {
    inside = false;
  }
  if (inside) throw new Error(`${dir} lies inside a git work tree; choose an --out outside any repository (git-based rules would read its history)`);
}

/**
 * Makes the corpus a git repository of one commit, a day before the clock, as a user's repository is: `check`
 * then lists it with git and runs its history rules, and the floor lists it with `git ls-files` (issue 15).
 */
function commitCorpus(dir: string, now: string): void {
  const date = new Date(Date.parse(now) - 24 * 3600 * 1000).toISOString();
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_'))), GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  const run = (args: string[]): void => void execFileSync('git', ['-c', 'user.name=specguard bench', '-c', 'user.email=bench@specguard.invalid', '-c', 'commit.gpgSign=false', ...args], { cwd: dir, env, stdio: 'ignore' });
  run(['init', '-q', '-b', 'main']);
  run(['add', '-A']);
  run(['commit', '-q', '-m', 'The generated corpus']);
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  },
);

