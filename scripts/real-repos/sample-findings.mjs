#!/usr/bin/env node
// @ts-check
/**
 * A stratified sample of the findings of one `specguard check --format json`
 * report, for a person to judge each one true or false positive:
 *
 *   node scripts/real-repos/sample-findings.mjs /tmp/real-repos/openspec/check.json [-n 15] [--context 1]
 *
 * Every rule in the report gets at least one finding (so the sample can be
 * larger than N when there are more rules than N); the rest of N is shared
 * out in proportion to each rule's count. The choice is deterministic: the
 * findings are put in file/line order, then shuffled per rule by a PRNG
 * seeded with the repository's name (the report's folder name, or --seed)
 * and the rule id, so the same report gives the same sample on every run.
 *
 * Each finding is printed with file:line:column, rule, severity, message and
 * the text of that line, read from --root, else the scratch tree beside the
 * report (run.mjs --keep), else the clone (--clones, default /work/real-repos,
 * folder from repos.json). Files init writes (specguard.config.yaml, ...) are
 * only in the scratch tree.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

const USAGE = `Usage: node scripts/real-repos/sample-findings.mjs CHECK_JSON [options]

  -n, --count N    how many findings (default 15; at least one per rule)
  --seed TEXT      the seed (default: the name of the report's folder, i.e. the repository)
  --root DIR       where the checked files are (default: tree/ beside the report, else the clone)
  --clones DIR     where the clones are (default /work/real-repos)
  --context N      lines shown before and after each finding's line (default 0)
  -h, --help       this text`;

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`sample-findings: ${/** @type {Error} */ (error).message}\n`);
  process.exitCode = 2;
}

/** @param {string[]} argv */
function main(argv) {
  const options = parseArgs(argv);
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const report = JSON.parse(readFileSync(options.report, 'utf8'));
  /** @type {any[]} */
  const findings = Array.isArray(report?.findings) ? report.findings : [];
  const name = path.basename(path.dirname(path.resolve(options.report)));
  const seed = options.seed ?? name;
  const root = options.root ?? sourceRoot(options.report, name, options.clones);

  const byRule = new Map();
  for (const finding of [...findings].sort(byPlace)) {
    const rule = String(finding?.ruleId ?? finding?.rule ?? '(no rule id)');
    if (!byRule.has(rule)) byRule.set(rule, []);
    byRule.get(rule).push(finding);
  }
  const rules = [...byRule.keys()].sort();
  const counts = rules.map((rule) => byRule.get(rule).length);
  const take = allocate(counts, options.count);

  const out = [];
  out.push(`${options.report}: ${plural(findings.length, 'finding')}, ${plural(rules.length, 'rule')}; sample of ${take.reduce((a, b) => a + b, 0)} (seed ${JSON.stringify(seed)})`);
  out.push(`source lines from ${root ?? '(no source found: pass --root)'}`);
  for (const [i, rule] of rules.entries()) out.push(`  ${rule}: ${plural(/** @type {number} */ (counts[i]), 'finding')}, ${take[i]} sampled`);

  let number = 0;
  const sources = new Map();
  for (const [i, rule] of rules.entries()) {
    const random = mulberry32(fnv1a(`${seed}\0${rule}`));
    const chosen = shuffle(byRule.get(rule), random).slice(0, take[i]).sort(byPlace);
    for (const finding of chosen) {
      number += 1;
      const place = [finding.file ?? '(no file)', finding.line, finding.column].filter((x) => x !== undefined && x !== null).join(':');
      out.push('');
      out.push(`${String(number).padStart(3)}. ${rule}  ${finding.severity ?? '?'}  ${place}`);
      out.push(`     ${String(finding.message ?? '(no message)').replace(/\n/g, '\n     ')}`);
      out.push(...sourceLines(sources, root, finding.file, finding.line, options.context));
      out.push('     verdict: [ ] true positive   [ ] false positive   note:');
    }
  }
  if (findings.length === 0) out.push('', '(no findings in this report)');
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {{ report: string, count: number, seed: string | undefined, root: string | undefined, clones: string, context: number, help: boolean }} */
  const options = { report: '', count: 15, seed: undefined, root: undefined, clones: '/work/real-repos', context: 0, help: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = /** @type {string} */ (argv[i]);
    const value = () => {
      const next = argv[i + 1];
      if (next === undefined) throw new Error(`${arg} needs a value\n\n${USAGE}`);
      i += 1;
      return next;
    };
    const number = (/** @type {string} */ text, /** @type {number} */ min) => {
      const n = Number(text);
      if (!Number.isInteger(n) || n < min) throw new Error(`${arg} takes a whole number of at least ${min}, not ${text}`);
      return n;
    };
    if (arg === '-n' || arg === '--count') options.count = number(value(), 1);
    else if (arg === '--seed') options.seed = value();
    else if (arg === '--root') options.root = path.resolve(value());
    else if (arg === '--clones') options.clones = path.resolve(value());
    else if (arg === '--context') options.context = number(value(), 0);
    else if (arg === '-h' || arg === '--help') options.help = true;
    else if (!arg.startsWith('-') && options.report === '') options.report = arg;
    else throw new Error(`unknown argument ${arg}\n\n${USAGE}`);
  }
  if (!options.help && options.report === '') throw new Error(`which check.json?\n\n${USAGE}`);
  return options;
}

/**
 * Where the checked files are: the scratch tree kept beside the report, else the clone.
 * @param {string} report
 * @param {string} name
 * @param {string} clones
 */
function sourceRoot(report, name, clones) {
  const tree = path.join(path.dirname(path.resolve(report)), 'tree');
  if (existsSync(tree)) return tree;
  try {
    const repos = JSON.parse(readFileSync(path.join(HERE, 'repos.json'), 'utf8')).repos;
    const repo = repos.find((/** @type {any} */ r) => r.name === name);
    const clone = path.join(clones, repo?.folder ?? name);
    if (existsSync(clone)) return clone;
  } catch {
    // No repos.json entry: no default.
  }
  return undefined;
}

/**
 * At least one per stratum (capped by its size), the rest of `total` by largest remainder of the proportional share.
 * @param {number[]} counts
 * @param {number} total
 */
function allocate(counts, total) {
  const all = counts.reduce((a, b) => a + b, 0);
  if (all === 0) return counts.map(() => 0);
  const target = Math.min(all, Math.max(total, counts.filter((c) => c > 0).length));
  const quota = counts.map((c) => (target * c) / all);
  const take = counts.map((c, i) => Math.min(c, Math.max(c > 0 ? 1 : 0, Math.floor(/** @type {number} */ (quota[i])))));
  const order = (/** @type {number} */ sign) =>
    counts.map((_, i) => i).sort((a, b) => sign * ((/** @type {number} */ (quota[b]) - /** @type {number} */ (take[b])) - (/** @type {number} */ (quota[a]) - /** @type {number} */ (take[a]))) || a - b);
  let sum = take.reduce((a, b) => a + b, 0);
  while (sum < target) {
    const i = order(1).find((j) => /** @type {number} */ (take[j]) < /** @type {number} */ (counts[j]));
    if (i === undefined) break;
    take[i] = /** @type {number} */ (take[i]) + 1;
    sum += 1;
  }
  while (sum > target) {
    const i = order(-1).find((j) => /** @type {number} */ (take[j]) > 1);
    if (i === undefined) break;
    take[i] = /** @type {number} */ (take[i]) - 1;
    sum -= 1;
  }
  return take;
}

/**
 * @param {Map<string, string[] | null>} cache
 * @param {string | undefined} root
 * @param {unknown} file
 * @param {unknown} line
 * @param {number} context
 */
function sourceLines(cache, root, file, line, context) {
  if (!root || typeof file !== 'string') return [];
  if (!cache.has(file)) {
    const full = path.resolve(root, file);
    let lines = null;
    try {
      if (full.startsWith(root + path.sep)) lines = readFileSync(full, 'utf8').split(/\r?\n/);
    } catch {
      // Not in this tree (a file init wrote, or gone).
    }
    cache.set(file, lines);
  }
  const lines = cache.get(file);
  if (!lines) return [`     (${file} is not in ${root})`];
  if (typeof line !== 'number' || line < 1) return ['     (no line)'];
  const from = Math.max(1, line - context);
  const to = Math.min(lines.length, line + context);
  const width = String(to).length;
  const shown = [];
  for (let n = from; n <= to; n += 1) {
    const text = lines[n - 1] ?? '';
    shown.push(`   ${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${text.length > 200 ? `${text.slice(0, 199)}…` : text}`);
  }
  return shown;
}

/**
 * @param {any} a
 * @param {any} b
 */
function byPlace(a, b) {
  return (
    String(a?.file ?? '').localeCompare(String(b?.file ?? '')) ||
    (Number(a?.line) || 0) - (Number(b?.line) || 0) ||
    (Number(a?.column) || 0) - (Number(b?.column) || 0) ||
    String(a?.ruleId ?? '').localeCompare(String(b?.ruleId ?? '')) ||
    String(a?.message ?? '').localeCompare(String(b?.message ?? ''))
  );
}

/**
 * @param {number} n
 * @param {string} word
 */
function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Fisher–Yates on a copy.
 * @template T
 * @param {T[]} items
 * @param {() => number} random
 */
function shuffle(items, random) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [/** @type {T} */ (copy[j]), /** @type {T} */ (copy[i])];
  }
  return copy;
}

/** 32-bit FNV-1a of a string's UTF-16 code units. @param {string} text */
function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** @param {number} seed */
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
