/**
 * The README is a guide that must stay true: its quoted outputs are what the
 * commands print, its walk-through runs word for word in a shell, each rule
 * has a section (the target of the rule's `url`) whose bad example raises the
 * rule and whose good example does not, its links to its own sections
 * resolve, the options it lists exist, and its API example compiles and
 * prints what it says.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check/check.js';
import { presetNames } from '../../src/presets/load-presets.js';
import { BUILTIN_RULES } from '../../src/rules/builtin-rules.js';
import { HOMEPAGE, ruleUrl } from '../../src/rules/rule-docs.js';
import type { RuleId } from '../../src/rules/rule-ids.js';
import { manifest } from '../helpers/check-repo.js';
import { citedIn } from '../helpers/evidence-probe.js';
import { runCli } from '../helpers/run-cli.js';
import { commitAll, gitInit, tempRepo, writeFiles } from '../helpers/temp-repo.js';

const REPO = process.cwd();
const README = readFileSync('README.md', 'utf8');
const SEED_004 = path.resolve('test/fixtures/seed-004');

/** A fenced block of the README, or the prose between two of them. */
type Part = { type: 'code'; language: string; text: string } | { type: 'prose'; text: string };

/** Splits markdown into prose and fenced code blocks (``` fences, as the README writes them). */
function parts(markdown: string): Part[] {
  const out: Part[] = [];
  let prose: string[] = [];
  let code: { language: string; lines: string[] } | undefined;
  for (const line of markdown.split('\n')) {
    if (code) {
      if (line === '```') {
        out.push({ type: 'code', language: code.language, text: `${code.lines.join('\n')}\n` });
        code = undefined;
      } else code.lines.push(line);
    } else if (line.startsWith('```')) {
      out.push({ type: 'prose', text: prose.join('\n') });
      prose = [];
      code = { language: line.slice(3).trim(), lines: [] };
    } else prose.push(line);
  }
  out.push({ type: 'prose', text: prose.join('\n') });
  return out.filter((p) => p.type === 'code' || p.text.trim() !== '');
}

/** The headings of the README (outside code), with their level. */
function headings(markdown: string): Array<{ level: number; text: string }> {
  return parts(markdown)
    .filter((p): p is Extract<Part, { type: 'prose' }> => p.type === 'prose')
    .flatMap((p) => p.text.split('\n'))
    .map((line) => /^(#{1,6}) (.+)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ level: m[1]!.length, text: m[2]! }));
}

/** The anchor Forgejo and GitHub give a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The text of a section: from its heading line to the next heading of the same or a higher level (outside code). */
function section(heading: string): string {
  const lines = README.split('\n');
  const level = /^#+/.exec(heading)![0].length;
  const start = lines.indexOf(heading);
  expect(start, `README has the heading ${heading}`).toBeGreaterThan(-1);
  let fenced = false;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    if (lines[i]!.startsWith('```')) fenced = !fenced;
    const match = !fenced && /^(#+) /.exec(lines[i]!);
    if (match && match[1]!.length <= level) {
      end = i;
      break;
    }
  }
  return lines.slice(start, end).join('\n');
}

/** The first fenced block of a language that follows a line containing `after`. */
function blockAfter(after: string, language: string): string {
  const start = README.indexOf(after);
  expect(start, `README mentions ${after}`).toBeGreaterThan(-1);
  const open = README.indexOf(`\`\`\`${language}\n`, start);
  const close = README.indexOf('\n```\n', open);
  return README.slice(open + language.length + 4, close + 1);
}

/** Drops the History section, whose wording depends on how deep the clone is. */
function withoutHistory(brief: string): string {
  return brief.slice(0, brief.indexOf('## History'));
}

/** A folder under the system's temporary folder, removed by the caller. */
function scratch(): string {
  const dir = path.join(os.tmpdir(), `specguard-readme-${process.pid}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe('README quotes', () => {
  it('quotes the example brief exactly as `brief` prints it', async () => {
    const run = await runCli(['brief', '--task', '0001', 'test/fixtures/seed-004', '--now', '2025-10-20'], REPO);
    expect(run.code).toBe(0);
    expect(withoutHistory(blockAfter('npm run brief -- --task 0001', 'markdown'))).toBe(withoutHistory(run.stdout));
  });

  it('quotes what `init` prints in a repository with a package.json and a .github/ folder', async () => {
    const root = tempRepo({ 'package.json': '{\n  "name": "app"\n}\n', '.github/CODEOWNERS': '* @team\n' });
    gitInit(root);
    const run = await runCli(['init', '--yes'], root);
    expect(run.code).toBe(0);
    expect(blockAfter('`.github/` folder it prints', 'text')).toBe(run.stdout);
  });

  it('quotes the beginning of the JSON report of the example exactly', async () => {
    const run = await runCli(['check', 'test/fixtures/seed-004', '--now', '2025-10-20', '--format', 'json'], REPO);
    const quoted = blockAfter('On the\nexample, it begins:', 'json');
    expect(run.stdout.startsWith(quoted), `${quoted}\n---\n${run.stdout.slice(0, quoted.length + 200)}`).toBe(true);
  });
});

describe('README walk-through', () => {
  /** The block that stands for cloning and installing: the tests run in such a clone, after `npm ci` (and a build). */
  const CLONE = 'git clone https://codeberg.org/specguard/specguard.git && cd specguard\nnpm ci\n';

  it('runs word for word in one shell session, printing what it quotes and exiting as it says', () => {
    const walk = parts(section('## A five-minute walk-through'));
    const first = walk.findIndex((p) => p.type === 'code' && p.language === 'sh');
    expect(walk[first], 'the walk-through starts with a fresh clone').toEqual({ type: 'code', language: 'sh', text: CLONE });
    expect(CLONE).toContain(HOMEPAGE.replace(/^https:\/\//, ''));

    // Each step: a sh block, then what it prints (text: exactly; markdown: the beginning) and its exit code in prose.
    const steps: Array<{ script: string; stdout?: string; begins?: string; code: number }> = [];
    for (const part of walk.slice(first + 1)) {
      if (part.type === 'code' && part.language === 'sh') steps.push({ script: part.text, code: 0 });
      const step = steps.at(-1);
      if (!step) continue;
      if (part.type === 'code' && part.language === 'text') step.stdout = part.text;
      if (part.type === 'code' && part.language === 'markdown') step.begins = part.text;
      const exit = part.type === 'prose' ? /exits with code (\d)/.exec(part.text) : null;
      if (exit) step.code = Number(exit[1]);
    }
    expect(steps.map((s) => s.script.split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'export SPECGUARD_HOME="$PWD"',
      'specguard check',
      'perl -pi',
      'specguard checkpoint',
      'specguard brief',
      'specguard board',
    ]);

    const out = scratch();
    let walkFolder = '';
    try {
      const script = steps
        .map((step, i) => {
          writeFileSync(path.join(out, `step-${i}.sh`), step.script);
          return `. "${out}/step-${i}.sh" >"${out}/${i}.out" 2>"${out}/${i}.err"; echo $? >"${out}/${i}.code"`;
        })
        .join('\n');
      execFileSync('bash', ['-c', `${script}\npwd >"${out}/pwd"`], { cwd: REPO, env: { ...process.env, TMPDIR: out }, stdio: 'ignore', timeout: 120_000 });
      walkFolder = readFileSync(path.join(out, 'pwd'), 'utf8').trim();
      expect(walkFolder.startsWith(out), 'the walk-through works in a new temporary folder').toBe(true);
      steps.forEach((step, i) => {
        const read = (suffix: string): string => readFileSync(path.join(out, `${i}.${suffix}`), 'utf8');
        const what = `step ${i + 1}: ${step.script}`;
        expect(read('err'), what).toBe('');
        expect(Number(read('code')), what).toBe(step.code);
        if (step.stdout !== undefined) expect(read('out'), what).toBe(step.stdout);
        if (step.begins !== undefined) expect(read('out').startsWith(step.begins), `${what}\n${read('out')}`).toBe(true);
        if (step.stdout === undefined && step.begins === undefined) expect(read('out'), what).toBe('');
      });
      const page = readFileSync(path.join(walkFolder, 'board.html'), 'utf8');
      expect(page).toContain('Orchestrator core implementation');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});

/** Rules whose examples need a history of commits: their sections describe the commits instead. */
const HISTORY_RULES: readonly RuleId[] = ['spec-required', 'spec-drift', 'evidence-backdated', 'evidence-stale', 'signoff-unverified'];

/** A rule's example: the file it is (or the shell command that makes it) and its text. */
interface Example {
  file: string;
  block: Extract<Part, { type: 'code' }>;
}

/**
 * The bad and the good example of a rule's section: the first block after a line that starts with "Bad" or "Good";
 * the file is the first code span of that line.
 */
function examples(ruleId: string): { bad: Example; good: Example; severity: string; presets?: string } {
  const text = section(`### \`${ruleId}\``);
  const severity = /^\*\*(Error|Warning)\b/m.exec(text)?.[1]?.toLowerCase() ?? '';
  const list = parts(text);
  const find = (label: string): Example => {
    const at = list.findIndex((p) => p.type === 'prose' && p.text.split('\n').some((line) => line.startsWith(label)));
    expect(at, `${ruleId}: a "${label}" example`).toBeGreaterThan(-1);
    const block = list[at + 1];
    expect(block?.type, `${ruleId}: a block after "${label}"`).toBe('code');
    const labelLine = (list[at] as { text: string }).text.split('\n').find((line) => line.startsWith(label))!;
    return { file: /`([^`]+)`/.exec(labelLine)?.[1] ?? '', block: block as Example['block'] };
  };
  const bad = find('Bad');
  const good = find('Good');
  // The good example is the same file as the bad one, unless it says otherwise. A rule whose files only a preset
  // places says which presets its examples run with (`presets: [specguard, platform]`).
  const presets = /`presets: \[([a-z0-9, -]+)\]`/.exec(text)?.[1];
  return { bad, good: { ...good, file: good.file || bad.file }, severity, ...(presets ? { presets } : {}) };
}

describe('README rules', () => {
  it('has a section per built-in rule, headed by its id, in the order of BUILTIN_RULES', () => {
    const rules = section('## Rules');
    const ids = headings(rules)
      .filter((h) => h.level === 3)
      .map((h) => h.text.replace(/`/g, ''));
    expect(ids).toEqual(BUILTIN_RULES.map((r) => r.id));
  });

  it.each(BUILTIN_RULES.map((r) => [r.id, r] as const))("%s: the rule's url is its section's anchor; a default severity, a bad and a good example", (id, rule) => {
    const anchors = new Set(headings(README).map((h) => slug(h.text)));
    expect(slug(`\`${id}\``)).toBe(id);
    expect(anchors.has(id)).toBe(true);
    expect(ruleUrl(id)).toBe(`${HOMEPAGE}#${id}`);
    const { bad, good, severity } = examples(id);
    expect(severity).toBe(rule.defaultSeverity);
    expect(bad.block.text).not.toBe(good.block.text);
    expect(bad.block.text.trim()).not.toBe('');
    expect(good.block.text.trim()).not.toBe('');
  });

  const executed = BUILTIN_RULES.map((r) => r.id).filter((id) => !HISTORY_RULES.includes(id));

  /** Findings of a rule (and all findings) in a copy of the example with the example applied. */
  async function apply(example: Example | undefined, presets?: string): Promise<{ count: (id: string) => number; total: number }> {
    const root = tempRepo();
    cpSync(SEED_004, root, { recursive: true });
    if (presets) writeFileSync(path.join(root, 'specguard.config.yaml'), `presets: [${presets}]\n`);
    if (example) {
      if (example.block.language === 'sh') execFileSync('bash', ['-c', example.block.text], { cwd: root, stdio: 'pipe' });
      else {
        expect(example.file, 'the example names its file').toMatch(/^[\w./-]+$/);
        mkdirSync(path.dirname(path.join(root, example.file)), { recursive: true });
        writeFileSync(path.join(root, example.file), example.block.text);
      }
    }
    const report = await check({ root, now: '2025-10-20', env: {} });
    return { count: (id) => report.findings.filter((f) => f.ruleId === id).length, total: report.findings.length };
  }

  it.each(executed)('%s: the bad example raises the rule, the good one raises nothing new', async (id) => {
    const { bad, good, presets } = examples(id);
    const base = await apply(undefined, presets);
    expect((await apply(bad, presets)).count(id), 'bad').toBeGreaterThan(base.count(id));
    const fixed = await apply(good, presets);
    expect(fixed.count(id), 'good').toBe(base.count(id));
    expect(fixed.total, 'good: no other finding either').toBe(base.total);
  });

  it('gives the rules that need history an example of each, described with the commits', () => {
    for (const id of HISTORY_RULES) {
      const text = section(`### \`${id}\``);
      expect(text, id).toMatch(/commit|pull request/);
    }
  });
});

describe('README presets', () => {
  it('has a section per shipped preset, in a table and with a bad and a good example', () => {
    const text = section('## Presets');
    const names = headings(text).filter((h) => h.level === 3).map((h) => h.text.replace(/`/g, ''));
    expect([...names].sort()).toEqual(presetNames());
    for (const name of names) expect(text, name).toContain(`| \`${name}\` |`);
  });

  /** Findings (as `ruleId` list) of a new git repository following one preset, after an example's shell block. */
  async function presetFindings(preset: string, block: string): Promise<string[]> {
    const root = tempRepo({ 'specguard.config.yaml': `presets: [${preset}]\n` });
    execFileSync('bash', ['-c', block], { cwd: root, stdio: 'pipe' });
    gitInit(root);
    const report = await check({ root, now: '2026-11-21', env: {} });
    return report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line} ${f.message}`);
  }

  it.each(presetNames())('%s: the bad example raises a finding, the good one none', async (name) => {
    const list = parts(section(`### \`${name}\``));
    const block = (label: string): string => {
      const at = list.findIndex((p) => p.type === 'prose' && p.text.split('\n').some((line) => line.startsWith(label)));
      const code = list[at + 1];
      expect(code?.type === 'code' && code.language, `${name}: a sh block after "${label}"`).toBe('sh');
      return (code as { text: string }).text;
    };
    expect((await presetFindings(name, block('Bad'))).length, `${name}: bad`).toBeGreaterThan(0);
    expect(await presetFindings(name, block('Good')), `${name}: good`).toEqual([]);
  });
});

describe('README evidence grammar', () => {
  /** The tables of the Evidence section, each with the prose before it: rows of `[ticked item, what it cites]`. */
  function tables(): Array<{ before: string; rows: Array<[string, string[]]> }> {
    const found: Array<{ before: string; rows: Array<[string, string[]]> }> = [];
    const paragraphs = section('### Evidence').split('\n\n');
    paragraphs.forEach((paragraph, i) => {
      if (!paragraph.startsWith('| ticked item |')) return;
      const rows = paragraph
        .split('\n')
        .slice(2)
        .map((line): [string, string[]] => {
          const cells = /^\| `` (.+?) `` \| (.+?) \| .+ \|$/.exec(line);
          expect(cells, line).not.toBeNull();
          const cites = cells![2]!.startsWith('nothing') ? [] : [...cells![2]!.matchAll(/`([^`]+)`(?: \((\w+)\))?/g)].map((m) => (m[2] ? `${m[1]} (${m[2]})` : m[1]!));
          return [cells![1]!, cites];
        });
      found.push({ before: paragraphs[i - 1] ?? '', rows });
    });
    return found;
  }

  it('has a table of what is and is not a citation, each row as the grammar reads it in the repository it names', async () => {
    const [specguard, qualified] = tables();
    expect(specguard!.rows.length).toBeGreaterThan(20);
    expect(specguard!.before).toContain('with the `specguard` preset');
    // The repository the table is read in, as its paragraph names it.
    const holding = /In a git repository holding ([\s\S]+?) \(a run that\s+succeeded\)/.exec(specguard!.before)?.[1];
    expect(holding).toBeDefined();
    const files = [...holding!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    expect(files).toContain('.runs/3/ok/manifest.json');
    const root = tempRepo(Object.fromEntries(files.map((f) => [f, f.endsWith('manifest.json') ? manifest() : 'x\n'])));
    gitInit(root);
    commitAll(root, 'chore: start', '2026-11-01T10:00:00Z');
    const list = 'tasks/tasks-0001.md';
    writeFiles(root, { [list]: `${specguard!.rows.map(([item]) => item).join('\n')}\n` });
    const { byLine } = await citedIn(root, list);
    expect(specguard!.rows.map(([item], i) => [item, byLine.get(i + 1)])).toEqual(specguard!.rows);

    expect(qualified!.before).toContain('`issue_refs: qualified`');
    expect(qualified!.before).toContain('`backlog/tasks/*.md`');
    const file = 'backlog/tasks/back-1 - Export.md';
    const head = ['---', 'id: BACK-1', 'title: Export', 'status: To Do', '---', ''];
    const backlog = await citedIn(
      { 'specguard.config.yaml': 'presets: [backlog-md]\n', 'backlog/config.yml': 'project_name: demo\n', [file]: `${[...head, ...qualified!.rows.map(([item]) => item)].join('\n')}\n` },
      file,
    );
    expect(qualified!.rows.map(([item], i) => [item, backlog.byLine.get(head.length + i + 1)])).toEqual(qualified!.rows);
  });
});

describe('README links and options', () => {
  it('links only to sections it has', () => {
    const anchors = new Set(headings(README).map((h) => slug(h.text)));
    const links = [...README.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(10);
    for (const link of links) expect(anchors.has(link), `#${link}`).toBe(true);
  });

  it('lists only options the commands have', async () => {
    const help = async (command: string): Promise<string> => (await runCli([...command.split(' '), '--help'], REPO)).stdout;
    const global = await help('');
    let command = '';
    for (const part of parts(section('## Command line'))) {
      if (part.type !== 'code') continue;
      for (const line of part.text.split('\n')) {
        const named = /^specguard ((?:[a-z][a-z-]* ?)+)/.exec(line);
        if (named) command = named[1]!.trim();
        const text = `${await help(command)}${global}`;
        for (const option of line.match(/--[a-z][a-z-]*/g) ?? []) expect(text, `${command} ${option}`).toContain(option);
      }
    }
  });
});

describe('README programmatic API', () => {
  const example = (): string => blockAfter('## Programmatic API', 'ts');

  it('names every function the package exports', async () => {
    const api = (await import('../../src/index.js')) as Record<string, unknown>;
    const text = section('## Programmatic API');
    for (const [name, value] of Object.entries(api)) {
      if (typeof value === 'function') expect(text, name).toContain(`\`${name}`);
    }
  });

  it('compiles with strict TypeScript against the built package, and prints what it quotes', () => {
    const dir = scratch();
    try {
      mkdirSync(path.join(dir, 'node_modules'));
      symlinkSync(REPO, path.join(dir, 'node_modules', 'specguard'), 'dir');
      writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
      writeFileSync(path.join(dir, 'example.ts'), example());
      expect(existsSync(path.join(REPO, 'dist', 'index.d.ts')), 'the package is built (npm run build)').toBe(true);
      const tsc = spawnSync(
        process.execPath,
        [path.join(REPO, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck', '--types', 'node', '--typeRoots', path.join(REPO, 'node_modules/@types'), 'example.ts'],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
      const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, 'example.ts')], { cwd: REPO, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(blockAfter('npx tsx example.ts', 'text'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
