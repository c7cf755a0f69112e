/**
 * `npm run bench -- --real DIR`: specguard on a real repository's markdown, every file read as a task list,
 * beside remark-cli (remark-parse with GFM and frontmatter: the parse alone) and markdownlint-cli2 (its default
 * rules) on the same files. Each as a child process, round-robin; the table gives median time, MB/s and peak RSS.
 * The target of the Performance issue: TheMonk2121/ai-dev-tasks (8.1 MB of markdown) within 3 s.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { roundRobin, type CommandSpec, type Measured, type Series } from './measure.js';

/** What was measured on the repository. */
export interface RealResult {
  dir: string;
  files: number;
  megabytes: number;
  series: Series[];
}

/** The repository's markdown files, as git lists them (tracked), repo-relative. */
function markdownFiles(dir: string): string[] {
  return execFileSync('git', ['-c', 'core.quotePath=false', 'ls-files', '-z', '--', '*.md'], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    .split('\0')
    .filter(Boolean);
}

/**
 * Measures specguard and the peers on every markdown file of a git work tree.
 * @param bin - the specguard command to run
 * @param outDir - where configs and logs go (outside the repository: nothing is written into it)
 */
export async function measureReal(options: { dir: string; bin: string; outDir: string; runs: number; now: string; timeout?: number }, log: (line: string) => void): Promise<RealResult> {
  const dir = path.resolve(options.dir);
  const files = markdownFiles(dir);
  const bytes = files.reduce((sum, file) => sum + statSync(path.join(dir, file)).size, 0);
  const realDir = path.join(options.outDir, 'real');
  const logsDir = path.join(realDir, 'logs');
  mkdirSync(logsDir, { recursive: true });
  const config = path.join(realDir, 'specguard.config.yaml');
  writeFileSync(config, 'presets: [specguard]\nkinds:\n  task-list:\n    globs: ["**/*.md"]\nignore: ["node_modules/**"]\n');
  const here = path.dirname(fileURLToPath(import.meta.url));
  const resolve = (specifier: string): string => pathToFileURL(fileURLToPath(import.meta.resolve(specifier))).href;
  const rc = path.join(realDir, 'remarkrc.mjs');
  writeFileSync(
    rc,
    `import remarkFrontmatter from ${JSON.stringify(resolve('remark-frontmatter'))};\nimport remarkGfm from ${JSON.stringify(resolve('remark-gfm'))};\n\nexport default { plugins: [[remarkFrontmatter, ['yaml']], remarkGfm] };\n`,
  );
  const list = path.join(realDir, 'files.txt');
  writeFileSync(list, `${files.join('\n')}\n`);
  const spec = (name: string, argv: string[]): CommandSpec => ({
    argv,
    cwd: dir,
    stdoutFile: path.join(logsDir, `${name}.stdout`),
    stderrFile: path.join(logsDir, `${name}.stderr`),
    ...(options.timeout !== undefined ? { timeoutSeconds: options.timeout } : {}),
  });
  const node = process.execPath;
  const modules = path.resolve(here, '..', '..', 'node_modules');
  const commands: Measured[] = [
    { label: 'specguard check (every .md a task list)', spec: spec('specguard', [node, options.bin, 'check', dir, '--config', config, '--now', options.now, '--format', 'json', '--no-progress']) },
    { label: 'remark-cli (parse: gfm, frontmatter)', spec: spec('remark', [node, path.join(modules, 'remark-cli', 'cli.js'), ...files, '--rc-path', rc, '--no-stdout', '--quiet', '--no-color', '--no-ignore']) },
    { label: 'markdownlint-cli2 (default rules)', spec: spec('markdownlint', [node, path.join(modules, 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs'), ...files.map((f) => `:${f}`)]) },
  ];
  log(`bench: ${dir}: ${files.length} markdown files, ${(bytes / 1024 ** 2).toFixed(1)} MB`);
  const series = await roundRobin(commands, options.runs, realDir, log);
  return { dir, files: files.length, megabytes: bytes / 1024 ** 2, series };
}

/** The table of {@link measureReal}. */
export function renderReal(result: RealResult, name: string): string {
  const rows = result.series.map((s) => `| ${s.label} | ${s.medianSeconds.toFixed(2)} | ${(result.megabytes / s.medianSeconds).toFixed(2)} | ${s.medianPeakMB.toFixed(0)} |`);
  const specguard = result.series[0]!;
  return [
    `${name}: ${result.files} markdown files, ${result.megabytes.toFixed(1)} MB (median of ${specguard.samples.length} runs)`,
    '',
    '| command | median s | MB/s | peak MB |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
    '',
    '| target | measured | verdict |',
    '| --- | --- | --- |',
    `| specguard check on the repository ≤ 3 s | ${specguard.medianSeconds.toFixed(2)} s | ${specguard.medianSeconds <= 3 ? 'met' : '**missed**'} |`,
    '',
  ].join('\n');
}
