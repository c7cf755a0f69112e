#!/usr/bin/env node
// @ts-check
/**
 * specguard measured on real repositories (issue 12, item 7). Not part of
 * `npm test`: it needs local clones of public repositories, which CI does not
 * have (no network).
 *
 *   node scripts/real-repos/run.mjs [--clones DIR] [--only NAME[,NAME]] [--json] [--keep]
 *
 * or, with a `"real-repos": "node scripts/real-repos/run.mjs"` entry in
 * package.json's scripts, `npm run real-repos -- --only openspec --json`.
 *
 * For each repository of repos.json whose clone is in DIR (default
 * /work/real-repos; see README.md here for how to get them):
 *
 * 1. copies the clone's HEAD to a scratch work tree, /tmp/real-repos/<name>/tree
 *    (`git clone --shared --no-checkout`, then a checkout that leaves out
 *    files whose blobs the clone lacks), so that init never touches the clone;
 * 2. runs there, with the specguard of this checkout (bin/specguard.js, which
 *    runs dist/: build first), each as its own process, timed (wall ms, start-up
 *    included) and with its peak RSS (GNU time's %M, else rss-wrapper.mjs,
 *    which runs specguard in-process and reads process.resourceUsage().maxRSS):
 *    `init --yes`, `check --format json`, and `brief --task ID --format json`
 *    for the repository's two task ids (each with --debug, so that an internal
 *    error comes with its stack trace);
 * 3. prints per repository: what init wrote (and any line naming presets),
 *    files checked, findings per rule and severity, each brief's status and
 *    criteria (ticked / open) next to the figures counted by hand
 *    (repos.json), each step's exit code, time and peak RSS, and loudly any
 *    stack trace or internal error on stderr; then one table over all
 *    repositories. With --json: one JSON object instead (to paste figures
 *    into docs).
 *
 * Every output is kept in /tmp/real-repos/<name>/: init.stdout, check.json
 * (the full report, for `sample-findings.mjs`), brief-<id>.json, and each
 * step's .stderr; /tmp/real-repos/summary.json holds the --json object. The
 * scratch tree is removed unless --keep.
 *
 * Exit code: 0 when every step ran (check 0 or 1, brief 0 or 1 = unknown
 * task), 1 when any step failed, crashed or printed a stack trace, or a clone
 * is missing; 2 on a usage error.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const GNU_TIME = '/usr/bin/time';

const USAGE = `Usage: node scripts/real-repos/run.mjs [options]

  --clones DIR     where the clones are (default /work/real-repos)
  --only NAME      only this repository (repeatable, or comma-separated)
  --json           print one JSON object for all repositories instead of tables
  --keep           keep each scratch work tree (/tmp/real-repos/<name>/tree)
  --out DIR        where outputs go (default /tmp/real-repos)
  --bin FILE       the specguard to run (default: this checkout's bin/specguard.js)
  --rss METHOD     how peak RSS is measured: time (${GNU_TIME} -f %M) or wrapper
                   (process.resourceUsage().maxRSS in the same process);
                   default time when ${GNU_TIME} exists
  --timeout SEC    kill a step after this many seconds (default 600)
  -h, --help       this text`;

/** Runs bin/specguard.js in its own process and writes that process's peak RSS (kB) at exit. */
const WRAPPER = path.join(HERE, 'rss-wrapper.mjs');

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`run.mjs: ${error?.stack ?? error}\n`);
    process.exitCode = 2;
  },
);

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`run.mjs: ${/** @type {Error} */ (error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const all = readRepos();
  const unknown = options.only.filter((name) => !all.some((repo) => repo.name === name));
  if (unknown.length > 0) {
    process.stderr.write(`run.mjs: no repository named ${unknown.join(', ')} in repos.json (there are: ${all.map((r) => r.name).join(', ')})\n`);
    return 2;
  }
  if (!existsSync(options.bin)) {
    process.stderr.write(`run.mjs: ${options.bin} does not exist\n`);
    return 2;
  }
  const repos = options.only.length > 0 ? all.filter((repo) => options.only.includes(repo.name)) : all;
  mkdirSync(options.out, { recursive: true });

  const results = [];
  for (const repo of repos) {
    const result = await measureRepo(repo, options);
    results.push(result);
    if (!options.json) process.stdout.write(`${renderRepo(result)}\n`);
  }
  const summary = {
    generated_at: new Date().toISOString(),
    specguard: specguardInfo(options.bin),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    rss_method: options.rss,
    clones: options.clones,
    out: options.out,
    repos: results,
  };
  writeFileSync(path.join(options.out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    process.stdout.write(`${renderTable(summary)}\n`);
  }
  return results.some((result) => result.problems.length > 0) ? 1 : 0;
}

// ---------------------------------------------------------------- options

/** @param {string[]} argv */
function parseArgs(argv) {
  const options = {
    clones: '/work/real-repos',
    /** @type {string[]} */
    only: [],
    json: false,
    keep: false,
    help: false,
    out: '/tmp/real-repos',
    bin: path.join(ROOT, 'bin', 'specguard.js'),
    rss: existsSync(GNU_TIME) && process.platform === 'linux' ? 'time' : 'wrapper',
    timeout: 600,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = /** @type {string} */ (argv[i]);
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      if (eq > 0 && arg.startsWith('--')) return arg.slice(eq + 1);
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new Error(`${name} needs a value`);
      i += 1;
      return next;
    };
    switch (name) {
      case '--clones':
        options.clones = path.resolve(value());
        break;
      case '--only':
        options.only.push(...value().split(',').map((s) => s.trim()).filter(Boolean));
        break;
      case '--json':
        options.json = true;
        break;
      case '--keep':
        options.keep = true;
        break;
      case '--out':
        options.out = path.resolve(value());
        break;
      case '--bin':
        options.bin = path.resolve(value());
        break;
      case '--rss': {
        const method = value();
        if (method !== 'time' && method !== 'wrapper') throw new Error(`--rss takes time or wrapper, not ${method}`);
        if (method === 'time' && !existsSync(GNU_TIME)) throw new Error(`--rss time needs ${GNU_TIME}`);
        options.rss = method;
        break;
      }
      case '--timeout': {
        const seconds = Number(value());
        if (!(seconds > 0)) throw new Error('--timeout takes a positive number of seconds');
        options.timeout = seconds;
        break;
      }
      case '-h':
      case '--help':
        options.help = true;
        break;
      default:
        throw new Error(`unknown argument ${arg}`);
    }
  }
  return options;
}

/** @returns {any[]} the repositories of repos.json */
function readRepos() {
  const data = JSON.parse(readFileSync(path.join(HERE, 'repos.json'), 'utf8'));
  for (const repo of data.repos) {
    // The name becomes a folder under --out that is emptied on each run: keep it a plain name.
    if (!/^[a-z0-9][a-z0-9._-]*$/i.test(repo.name)) throw new Error(`repos.json: unsafe name ${JSON.stringify(repo.name)}`);
  }
  return data.repos;
}

// ---------------------------------------------------------------- one repository

/**
 * @param {any} repo
 * @param {ReturnType<typeof parseArgs>} options
 */
async function measureRepo(repo, options) {
  const source = path.join(options.clones, repo.folder);
  const outDir = path.join(options.out, repo.name);
  const tree = path.join(outDir, 'tree');
  /** @type {any} */
  const result = {
    name: repo.name,
    upstream: repo.upstream,
    clone: source,
    outputs: outDir,
    head: null,
    expected_head: repo.head ?? null,
    tracked_files: null,
    left_out: [],
    copy_ms: null,
    steps: [],
    check: null,
    briefs: [],
    problems: [],
    warnings: [],
  };
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  if (!existsSync(path.join(source, '.git'))) {
    result.problems.push(`no clone at ${source} (see scripts/real-repos/README.md)`);
    return result;
  }
  progress(options, `${repo.name}: copying the clone`);
  try {
    const started = performance.now();
    Object.assign(result, scratchCopy(source, tree));
    result.copy_ms = Math.round(performance.now() - started);
  } catch (error) {
    result.problems.push(`scratch copy failed: ${/** @type {Error} */ (error).message}`);
    if (!options.keep) rmSync(tree, { recursive: true, force: true });
    return result;
  }
  if (repo.head && result.head && !result.head.startsWith(repo.head) && !repo.head.startsWith(result.head)) {
    result.warnings.push(`clone is at ${result.head.slice(0, 12)}, the expected figures were counted at ${repo.head}`);
  }
  if (result.left_out.length > 0) {
    result.warnings.push(`left out of the scratch copy (blob missing from the clone): ${result.left_out.join(', ')}`);
  }

  try {
    // init --yes
    progress(options, `${repo.name}: init --yes`);
    const init = await step(options, tree, outDir, 'init', ['init', '--yes'], 'init.stdout');
    result.steps.push(init);
    const initOut = readText(path.join(outDir, 'init.stdout'));
    const initLines = initOut.split('\n').filter((line) => line.trim() !== '');
    init.lines = initLines.length;
    // Lines naming presets or what was detected, as they are; then "created 11, updated 1" for the file lines
    // (`created      specguard.config.yaml`); else the first line.
    /** @type {Record<string, number>} */
    const actions = {};
    for (const line of initLines) {
      const action = /^\s*([a-z][a-z -]*?)\s{2,}\S/.exec(line);
      if (action?.[1]) actions[action[1]] = (actions[action[1]] ?? 0) + 1;
    }
    const presetLines = initLines.filter((line) => /preset|detect/i.test(line)).map((line) => line.trim().replace(/\s+/g, ' '));
    const files = Object.entries(actions).map(([action, n]) => `${action} ${n}`).join(', ');
    init.summary = [...presetLines, ...(files ? [files] : [])];
    if (init.summary.length === 0 && initLines[0]) init.summary.push(initLines[0].trim());
    if (init.exit !== 0) result.problems.push(`init exited ${init.exit}: ${firstLine(init.stderr_text)}`);

    // check --format json
    progress(options, `${repo.name}: check --format json`);
    const check = await step(options, tree, outDir, 'check', ['check', '--format', 'json', '--no-progress'], 'check.json');
    result.steps.push(check);
    result.check = summariseCheck(readText(path.join(outDir, 'check.json')));
    if (check.exit !== 0 && check.exit !== 1) result.problems.push(`check exited ${check.exit}: ${firstLine(check.stderr_text)}`);
    else if (!result.check.parsed) result.problems.push(`check printed no JSON report: ${result.check.error}`);

    // brief --task ID --format json, for each id
    for (const task of repo.tasks ?? []) {
      progress(options, `${repo.name}: brief --task ${task.id}`);
      const file = `brief-${safeFileName(task.id)}.json`;
      const brief = await step(options, tree, outDir, `brief ${task.id}`, ['brief', '--task', task.id, '--format', 'json', '--no-progress'], file);
      result.steps.push(brief);
      const summary = summariseBrief(readText(path.join(outDir, file)));
      result.briefs.push({
        id: task.id,
        file,
        exit: brief.exit,
        ...summary,
        said: summary.parsed ? null : firstLine(brief.stderr_text),
        expected: { status: task.status ?? null, ticked: task.ticked ?? null, open: task.open ?? null, file: task.file ?? null },
      });
      if (brief.exit !== 0 && brief.exit !== 1) result.problems.push(`brief --task ${task.id} exited ${brief.exit}: ${firstLine(brief.stderr_text)}`);
      else if (brief.exit === 0 && !summary.parsed) result.problems.push(`brief --task ${task.id} printed no JSON: ${summary.error}`);
    }
  } finally {
    if (!options.keep) rmSync(tree, { recursive: true, force: true });
  }

  for (const s of result.steps) {
    if (s.timed_out) result.problems.push(`${s.step} killed after ${options.timeout} s`);
    if (s.stack_trace) result.problems.push(`STACK TRACE on stderr of ${s.step} (${path.join(outDir, s.stderr)})`);
    if (s.internal_error) result.problems.push(`INTERNAL ERROR on stderr of ${s.step} (${path.join(outDir, s.stderr)})`);
  }
  return result;
}

/**
 * A work tree of the clone's HEAD that shares its objects. Files whose blob the
 * clone lacks (a partial mirror) are left out by a sparse checkout rather than
 * failing the checkout.
 * @param {string} source
 * @param {string} tree
 */
function scratchCopy(source, tree) {
  git(path.dirname(tree), ['clone', '--quiet', '--shared', '--no-checkout', source, tree]);
  const head = git(tree, ['rev-parse', 'HEAD']).trim();
  const entries = git(tree, ['ls-tree', '-r', '-z', '--full-tree', 'HEAD'])
    .split('\0')
    .filter(Boolean)
    .map((entry) => {
      const tab = entry.indexOf('\t');
      const [, type, oid] = entry.slice(0, tab).split(' ');
      return { type, oid, file: entry.slice(tab + 1) };
    })
    .filter((entry) => entry.type === 'blob');
  const status = git(tree, ['cat-file', '--batch-check'], entries.map((entry) => entry.oid).join('\n') + '\n').split('\n');
  const leftOut = entries.filter((_, i) => / missing$/.test(status[i] ?? '')).map((entry) => entry.file);
  if (leftOut.length > 0) {
    git(tree, ['config', 'core.sparseCheckout', 'true']);
    const escape = (/** @type {string} */ file) => file.replace(/[\\*?[\]!# ]/g, '\\$&');
    writeFileSync(path.join(tree, '.git', 'info', 'sparse-checkout'), ['/*', ...leftOut.map((file) => `!/${escape(file)}`)].join('\n') + '\n');
  }
  git(tree, ['read-tree', '-mu', 'HEAD']);
  return { head, tracked_files: entries.length, left_out: leftOut };
}

/**
 * @param {string} cwd
 * @param {string[]} args
 * @param {string} [input]
 */
function git(cwd, args, input) {
  const run = spawnSync('git', args, { cwd, input, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${firstLine(run.stderr) || `exit ${run.status}`}`);
  return run.stdout;
}

// ---------------------------------------------------------------- measuring one step

/**
 * Runs `specguard ARGS` in the scratch tree, stdout to outDir/stdoutName,
 * stderr beside it, and measures wall time and peak RSS.
 * @param {ReturnType<typeof parseArgs>} options
 * @param {string} cwd
 * @param {string} outDir
 * @param {string} label
 * @param {string[]} args
 * @param {string} stdoutName
 * @returns {Promise<any>} the step's figures (init's summary is added to them later)
 */
async function step(options, cwd, outDir, label, args, stdoutName) {
  const stderrName = `${safeFileName(label.replace(' ', '-'))}.stderr`;
  const rssFile = path.join(outDir, `.${safeFileName(label.replace(' ', '-'))}.rss`);
  rmSync(rssFile, { force: true });
  // --debug changes nothing but that an internal error comes with its stack trace.
  const specguard = [options.bin, '--debug', ...args];
  const argv = options.rss === 'time' ? [GNU_TIME, '-f', '%M', '-o', rssFile, process.execPath, ...specguard] : [process.execPath, WRAPPER, rssFile, ...specguard];
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  const out = openSync(path.join(outDir, stdoutName), 'w');
  const err = openSync(path.join(outDir, stderrName), 'w');
  let run;
  const started = performance.now();
  try {
    run = await spawnAndWait(argv, cwd, env, out, err, options.timeout);
  } finally {
    closeSync(out);
    closeSync(err);
  }
  const wallMs = Math.round(performance.now() - started);
  // GNU time writes "Command exited with non-zero status N" before the format line: the number is the last line.
  const rssText = readText(rssFile).trim().split('\n').pop() ?? '';
  rmSync(rssFile, { force: true });
  const peakKb = /^\d+$/.test(rssText.trim()) ? Number(rssText) : null;
  const stderrText = readText(path.join(outDir, stderrName));
  return {
    step: label,
    command: `specguard --debug ${args.join(' ')}`,
    exit: run.code,
    timed_out: run.timedOut,
    wall_ms: wallMs,
    peak_rss_mb: peakKb === null ? null : Math.round((peakKb / 1024) * 10) / 10,
    stdout: stdoutName,
    stderr: stderrName,
    stderr_text: stderrText.length > 4000 ? `${stderrText.slice(0, 4000)}…` : stderrText,
    // A V8 stack frame ("    at fn (file:1:2)") or the CLI's own wording for a bug.
    stack_trace: /^\s+at .*(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/m.test(stderrText),
    internal_error: /internal error/i.test(stderrText),
  };
}

/**
 * @param {string[]} argv
 * @param {string} cwd
 * @param {NodeJS.ProcessEnv} env
 * @param {number} out
 * @param {number} err
 * @param {number} timeoutSeconds
 * @returns {Promise<{ code: number, timedOut: boolean }>}
 */
function spawnAndWait(argv, cwd, env, out, err, timeoutSeconds) {
  return new Promise((resolve, reject) => {
    const [program, ...args] = argv;
    // Its own process group, so that a timeout ends the command and what it started, and nothing else.
    const child = spawn(/** @type {string} */ (program), args, { cwd, env, stdio: ['ignore', out, err], detached: true });
    let timedOut = false;
    const killer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, timeoutSeconds * 1000);
    child.on('error', (error) => {
      clearTimeout(killer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(killer);
      resolve({ code: code ?? (signal === 'SIGKILL' ? 137 : 128 + 15), timedOut });
    });
  });
}

// ---------------------------------------------------------------- reading the outputs (defensively)

/**
 * A step's stdout as JSON, or why not.
 * @param {string} text
 * @returns {{ ok: true, value: any } | { ok: false, error: string }}
 */
function parseJson(text) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: text.trim() === '' ? 'empty stdout' : `not JSON (${/** @type {Error} */ (error).message})` };
  }
}

/** @param {string} text */
function summariseCheck(text) {
  const json = parseJson(text);
  if (!json.ok) return { parsed: false, error: json.error };
  const report = json.value;
  const summary = report && typeof report.summary === 'object' ? report.summary : {};
  const findings = Array.isArray(report?.findings) ? report.findings : [];
  /** @type {Record<string, Record<string, number>>} */
  const byRule = {};
  for (const finding of findings) {
    const rule = String(finding?.ruleId ?? finding?.rule ?? '(no rule id)');
    const severity = String(finding?.severity ?? finding?.level ?? '?');
    byRule[rule] ??= {};
    byRule[rule][severity] = (byRule[rule][severity] ?? 0) + 1;
  }
  return {
    parsed: true,
    files: summary.files ?? null,
    errors: summary.errors ?? null,
    warnings: summary.warnings ?? null,
    findings: findings.length,
    by_rule: byRule,
    other_summary_keys: Object.keys(summary).filter((key) => !['files', 'errors', 'warnings'].includes(key)),
  };
}

/** @param {string} text */
function summariseBrief(text) {
  const json = parseJson(text);
  if (!json.ok) return { parsed: false, error: json.error };
  const brief = json.value;
  if (!brief || typeof brief !== 'object') return { parsed: false, error: 'not a JSON object' };
  /** @type {any} */
  const out = { parsed: true, keys: Object.keys(brief) };
  if ('status' in brief) out.status = typeof brief.status === 'object' ? JSON.stringify(brief.status) : brief.status;
  if (typeof brief.status_reason === 'string') out.status_reason = brief.status_reason;
  if (typeof brief.title === 'string') out.title = brief.title;
  if (Array.isArray(brief.criteria)) {
    /** @type {any[]} */
    const criteria = brief.criteria;
    out.criteria = criteria.length;
    out.checked = criteria.filter((c) => c?.checked === true).length;
    out.unchecked = criteria.filter((c) => c?.checked === false).length;
    /** @type {Record<string, number>} */
    const states = {};
    for (const c of criteria) if (c && 'state' in c) states[String(c.state)] = (states[String(c.state)] ?? 0) + 1;
    out.criteria_states = states;
    out.criteria_files = [...new Set(criteria.map((c) => c?.file).filter(Boolean))];
  }
  for (const key of ['contradictions', 'timeline', 'runs', 'commits']) {
    if (Array.isArray(brief[key])) out[key] = brief[key].length;
  }
  if (brief.history && typeof brief.history === 'object') out.history_commits = brief.history.commits ?? null;
  if (brief.budget?.exceeded) out.budget_exceeded = true;
  return out;
}

// ---------------------------------------------------------------- rendering

/** @param {any} r */
function renderRepo(r) {
  const lines = [];
  const head = r.head ? ` @ ${r.head.slice(0, 8)}` : '';
  const copy = r.copy_ms === null ? '' : `, ${r.tracked_files} files at HEAD, scratch copy ${r.copy_ms} ms`;
  lines.push(`== ${r.name}  (${r.upstream}${head}${copy})`);
  for (const warning of r.warnings) lines.push(`   note: ${warning}`);
  if (r.steps.length > 0) {
    // Every step but init runs with --format json --no-progress; the label leaves that out.
    const label = (/** @type {any} */ s) => (s.step === 'init' ? 'init --yes' : s.step === 'check' ? 'check' : `brief --task ${s.step.slice('brief '.length)}`);
    const width = Math.max(4, ...r.steps.map((/** @type {any} */ s) => label(s).length));
    lines.push(`   ${pad('step', width)} ${lpad('exit', 4)} ${lpad('wall ms', 8)} ${lpad('peak MB', 8)}  result`);
    for (const s of r.steps) {
      lines.push(`   ${pad(label(s), width)} ${lpad(s.exit, 4)} ${lpad(s.wall_ms, 8)} ${lpad(mb(s.peak_rss_mb), 8)}  ${truncate(stepResult(r, s), 100)}`);
    }
  }
  if (r.check?.parsed) {
    const rules = Object.entries(r.check.by_rule).sort(([a], [b]) => a.localeCompare(b));
    if (rules.length === 0) lines.push('   findings: none');
    else {
      lines.push('   findings per rule:');
      for (const [rule, bySeverity] of rules) {
        lines.push(`     ${pad(rule, 32)} ${Object.entries(bySeverity).map(([sev, n]) => `${sev} ${n}`).join(', ')}`);
      }
    }
  }
  for (const b of r.briefs) {
    const e = b.expected;
    const expected = `repo says: status ${e.status ?? '(none)'}, ${e.ticked ?? '?'} ticked / ${e.open ?? '?'} open`;
    lines.push(`   brief ${b.id}: ${expected}`);
    if (b.parsed) {
      const got = [`status ${b.status ?? '(none)'}`];
      if (b.criteria !== undefined) got.push(`criteria ${b.criteria}: ${b.checked} ticked / ${b.unchecked} open (${Object.entries(b.criteria_states).map(([k, v]) => `${k} ${v}`).join(', ') || 'no state'})`);
      else got.push(`no criteria array; keys ${b.keys.join(', ')}`);
      for (const key of ['contradictions', 'commits', 'timeline', 'runs']) if (b[key] !== undefined) got.push(`${key} ${b[key]}`);
      if (b.budget_exceeded) got.push('budget exceeded');
      lines.push(`     specguard: ${got.join(', ')}`);
      if (b.criteria_files?.length) lines.push(`     criteria from: ${b.criteria_files.join(', ')}`);
    } else {
      lines.push(`     specguard: exit ${b.exit}: ${truncate(b.said || b.error || '', 120)}`);
    }
  }
  for (const problem of r.problems) lines.push(`   !!! ${truncate(problem, 140)}`);
  for (const s of r.steps) {
    if (s.stack_trace || s.internal_error) lines.push(...indentBlock(s.stderr_text, '   !!! | ', 12));
  }
  lines.push(`   outputs: ${r.outputs}/`);
  return lines.join('\n');
}

/**
 * @param {any} r
 * @param {any} s
 */
function stepResult(r, s) {
  if (s.step === 'init') return s.summary?.length ? `${s.summary.join(' | ')} (${s.lines} lines)` : firstLine(s.stderr_text);
  if (s.step === 'check') {
    const c = r.check;
    if (!c?.parsed) return `no report: ${c?.error ?? ''} ${firstLine(s.stderr_text)}`;
    return `${plural(c.files, 'file')} checked, ${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}`;
  }
  const b = r.briefs.find((/** @type {any} */ x) => `brief ${x.id}` === s.step);
  if (!b) return '';
  if (!b.parsed) return /unknown task/i.test(b.said ?? '') ? 'unknown task' : b.said || b.error || '';
  return `status ${b.status ?? '(none)'}${b.criteria !== undefined ? `, ${b.checked}/${b.criteria} ticked` : ''}`;
}

/** @param {any} summary */
function renderTable(summary) {
  const header = ['repository', 'files', 'err', 'warn', 'rules', 'init ms/MB', 'check ms/MB', 'brief 1 ms/MB', 'brief 2 ms/MB', 'problems'];
  const rows = summary.repos.map((/** @type {any} */ r) => {
    const cell = (/** @type {any} */ s) => (s ? `${s.wall_ms}/${mb(s.peak_rss_mb)}` : '-');
    const briefs = r.steps.filter((/** @type {any} */ s) => s.step.startsWith('brief '));
    return [
      r.name,
      r.check?.parsed ? String(r.check.files ?? '?') : '-',
      r.check?.parsed ? String(r.check.errors ?? '?') : '-',
      r.check?.parsed ? String(r.check.warnings ?? '?') : '-',
      r.check?.parsed ? String(Object.keys(r.check.by_rule).length) : '-',
      cell(r.steps.find((/** @type {any} */ s) => s.step === 'init')),
      cell(r.steps.find((/** @type {any} */ s) => s.step === 'check')),
      cell(briefs[0]),
      cell(briefs[1]),
      String(r.problems.length),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((/** @type {string[]} */ row) => String(row[i]).length)));
  const line = (/** @type {string[]} */ cells) => `| ${cells.map((c, i) => (i === 0 ? pad(c, widths[i] ?? 0) : lpad(c, widths[i] ?? 0))).join(' | ')} |`;
  const s = summary.specguard;
  return [
    `specguard ${s.version} from ${path.dirname(path.dirname(s.bin))} (commit ${s.commit}${s.dirty ? ', work tree has uncommitted changes' : ''}), node ${summary.node}, peak RSS by ${summary.rss_method === 'time' ? 'GNU time %M' : 'process.resourceUsage().maxRSS'}; wall time includes process start-up`,
    line(header),
    `|${widths.map((w, i) => (i === 0 ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

// ---------------------------------------------------------------- small helpers

/** @param {string} bin */
function specguardInfo(bin) {
  const root = path.resolve(path.dirname(bin), '..');
  let version = '?';
  try {
    version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  } catch {
    // Not a checkout with a package.json.
  }
  // Only when the specguard folder is itself a checkout (not a copy inside some other repository).
  const top = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: root, encoding: 'utf8' });
  if (top.status !== 0 || path.resolve(top.stdout.trim()) !== root) return { version, bin, commit: '?', dirty: false };
  const rev = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' });
  return { version, bin, commit: rev.status === 0 ? rev.stdout.trim() : '?', dirty: status.status === 0 && status.stdout.trim() !== '' };
}

/**
 * @param {ReturnType<typeof parseArgs>} options
 * @param {string} message
 */
function progress(options, message) {
  if (options.json) process.stderr.write(`… ${message}\n`);
}

/** @param {string} file */
function readText(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** @param {string | undefined | null} text */
function firstLine(text) {
  return (text ?? '').split('\n').map((line) => line.trim()).find(Boolean) ?? '';
}

/** @param {string} id */
function safeFileName(id) {
  return id.replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * @param {string} text
 * @param {number} max
 */
function truncate(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * @param {string} text
 * @param {string} prefix
 * @param {number} max
 */
function indentBlock(text, prefix, max) {
  const all = text.trimEnd().split('\n');
  const shown = all.slice(0, max).map((line) => `${prefix}${line}`);
  if (all.length > max) shown.push(`${prefix}… (${all.length - max} more lines)`);
  return shown;
}

/** @param {number | null} value */
function mb(value) {
  return value === null ? '?' : value.toFixed(1);
}

/**
 * @param {unknown} n
 * @param {string} word
 */
function plural(n, word) {
  return `${n ?? '?'} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * @param {unknown} value
 * @param {number} width
 */
function pad(value, width) {
  return String(value).padEnd(width);
}

/**
 * @param {unknown} value
 * @param {number} width
 */
function lpad(value, width) {
  return String(value).padStart(width);
}
