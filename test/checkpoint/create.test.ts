/**
 * `specguard checkpoint create`: a new checkpoint from the template, filled
 * from git and the arguments, valid for `check`, written atomically and never
 * over an existing file. Every repository here is a real git repository with
 * commits at fixed dates; nothing is mocked.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { check } from '../../src/check/check.js';
import { createCheckpoint } from '../../src/checkpoint/create-checkpoint.js';
import { SpecguardError } from '../../src/errors.js';
import { runCli } from '../helpers/run-cli.js';
import { commitAll, gitInit, tempRepo, writeFiles } from '../helpers/temp-repo.js';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WRITE_NEW_FILE_JS = path.join(PACKAGE_ROOT, 'dist', 'fs', 'write-new-file.js');

/** The frontmatter of a markdown file, parsed with the `yaml` package (not with specguard's own reader). */
function frontmatterOf(text: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  expect(match, 'the file opens with a frontmatter block').not.toBeNull();
  return parse(match![1]!) as Record<string, unknown>;
}

/** The body section under `## <heading>`, up to the next `## ` heading. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`\n## ${heading}\n`);
  expect(start, `section "${heading}"`).toBeGreaterThanOrEqual(0);
  const rest = text.slice(start + heading.length + 5);
  const end = rest.indexOf('\n## ');
  return end === -1 ? rest : rest.slice(0, end);
}

/** Every file under a folder (repo-relative, POSIX), `.git` left out. */
function tree(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

/** A git repository with one commit, which names task 460 (so that `checkpoint create` knows it); returns its root and HEAD. */
function repoWithCommit(): { root: string; head: string } {
  const root = tempRepo({ 'README.md': '# platform\n' });
  gitInit(root);
  const head = commitAll(root, 'chore: initial commit\n\nTask: 460', '2026-06-01T08:00:00Z');
  return { root, head };
}

/** stderr holds exactly one line and no stack trace. */
function expectOneLine(stderr: string): void {
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe('checkpoint create', () => {
  it('writes state/checkpoints/<id>/<UTC time>-<kind>.md with frontmatter from git and the arguments, valid for check, and prints its path', async () => {
    const { root, head } = repoWithCommit();
    const run = await runCli(
      [
        'checkpoint',
        'create',
        '--task',
        '460',
        '--kind',
        'progress',
        '--summary',
        'Templates drafted; migration not applied.',
        '--agent',
        'codex',
        '--next',
        'Apply the task_run migration',
        '--next',
        'Write the runbook',
        '--artifact',
        'README.md',
        '--now',
        '2026-06-02T10:00:00Z',
      ],
      root,
    );
    const relative = 'state/checkpoints/460/2026-06-02T10-00-00Z-progress.md';
    expect(run).toEqual({ code: 0, stdout: `${relative}\n`, stderr: '' });
    const text = readFileSync(path.join(root, relative), 'utf8');
    expect(frontmatterOf(text)).toEqual({
      task: '460',
      checkpoint_kind: 'progress',
      created: '2026-06-02T10:00:00Z',
      agent: 'codex',
      summary: 'Templates drafted; migration not applied.',
      branch: 'main',
      head,
      next_steps: ['Apply the task_run migration', 'Write the runbook'],
      artifacts: ['README.md'],
    });
    expect(text).toContain('# Checkpoint: task 460 (progress)');
    expect(section(text, 'Next steps')).toContain('- Apply the task_run migration\n- Write the runbook');
    expect(text).not.toContain('{{');
    const report = await check({ root, now: '2026-06-02T10:00:00Z', env: {} });
    expect(report.findings).toEqual([]);
    expect(report.summary.files).toBe(1);
  });

  it('keeps a summary with quotes, colons and # as valid YAML that parses back to the same text', async () => {
    const { root } = repoWithCommit();
    const summary = `He said "done": it's not # not yet: 'migration' pending #636 [460] - really?`;
    const run = await runCli(['checkpoint', 'create', '--task', '460', '--kind', 'handoff', '--summary', summary, '--agent', 'a: "b"', '--now', '2026-06-02T10:00:00Z'], root);
    expect(run.code).toBe(0);
    const text = readFileSync(path.join(root, run.stdout.trim()), 'utf8');
    const frontmatter = frontmatterOf(text);
    expect(frontmatter.summary).toBe(summary);
    expect(frontmatter.agent).toBe('a: "b"');
    expect(frontmatter.checkpoint_kind).toBe('handoff');
    const report = await check({ root, now: '2026-06-02T10:00:00Z', env: {} });
    expect(report.findings).toEqual([]);
  });

  it('--from-git lists the commits since the previous checkpoint (with their files) and the run manifests started since, and adds those manifests to artifacts', async () => {
    const root = tempRepo({ 'README.md': '# platform\n' });
    gitInit(root);
    const a = commitAll(root, 'chore: commit A before the first checkpoint', '2026-06-01T08:00:00Z');
    const first = await createCheckpoint({ root, task: '460', kind: 'start', agent: 'codex', summary: 'Started.', newTask: true, now: '2026-06-01T09:00:00Z', env: {} });
    expect(frontmatterOf(first.content).head).toBe(a);

    writeFiles(root, { 'src/importer.ts': 'export const importer = 1;\n', 'docs/importer.md': '# importer\n' });
    const b = commitAll(root, 'feat: commit B adds the importer [460]', '2026-06-01T10:00:00Z');
    const c = commitAll(root, 'chore: commit C, empty', '2026-06-01T11:00:00Z');
    const run = (id: string, task: number, started: string): object => ({ run_id: id, task_id: task, started_at: started, finished_at: started, status: 'succeeded', commands: [{ command: 'npm test', exit_code: 0 }] });
    writeFiles(root, {
      '.runs/460/r0/manifest.json': run('r0', 460, '2026-06-01T08:30:00Z'), // before the first checkpoint
      '.runs/460/r1/manifest.json': run('r1', 460, '2026-06-01T10:30:00Z'),
      '.runs/999/r2/manifest.json': run('r2', 999, '2026-06-01T10:45:00Z'), // another task
    });

    const cli = await runCli(['checkpoint', 'create', '--task', '460', '--kind', 'progress', '--agent', 'codex', '--summary', 'Importer written.', '--from-git', '--now', '2026-06-01T12:00:00Z'], root);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toBe('state/checkpoints/460/2026-06-01T12-00-00Z-progress.md\n');
    const text = readFileSync(path.join(root, cli.stdout.trim()), 'utf8');
    const changes = section(text, 'What changed since the last checkpoint');

    const commitLines = changes.split('\n').filter((l) => /^- `[0-9a-f]{12}` /.test(l));
    expect(commitLines).toHaveLength(2);
    const lineOf = (sha: string): string => commitLines.find((l) => l.startsWith(`- \`${sha.slice(0, 12)}\``)) ?? '';
    expect(lineOf(b)).toContain('feat: commit B adds the importer [460]');
    expect(lineOf(b)).toContain('`src/importer.ts`');
    expect(lineOf(b)).toContain('`docs/importer.md`');
    expect(lineOf(c)).toContain('chore: commit C, empty');
    expect(changes).not.toContain('commit A');
    expect(commitLines.some((l) => l.includes(a.slice(0, 12)))).toBe(false);
    // It counts from the previous checkpoint's head, and says so.
    expect(changes).toContain(`Commits since \`${a.slice(0, 12)}\` (the head of \`${first.path}\`)`);

    expect(changes).toContain('`.runs/460/r1/manifest.json`');
    expect(changes).not.toContain('.runs/460/r0/');
    expect(changes).not.toContain('.runs/999/');
    expect(frontmatterOf(text).artifacts).toEqual(['.runs/460/r1/manifest.json']);
    expect((await check({ root, now: '2026-06-01T12:00:00Z', env: {} })).findings).toEqual([]);
  });

  it('never overwrites: a second create at the same --now takes `-2.md` and leaves the first file byte for byte', async () => {
    const { root } = repoWithCommit();
    const args = (summary: string): string[] => ['checkpoint', 'create', '--task', '460', '--kind', 'progress', '--agent', 'codex', '--summary', summary, '--now', '2026-06-02T10:00:00Z'];
    const one = await runCli(args('First writer.'), root);
    expect(one.code).toBe(0);
    const firstPath = path.join(root, one.stdout.trim());
    const before = readFileSync(firstPath);
    const two = await runCli(args('Second writer.'), root);
    expect(two.code).toBe(0);
    expect(one.stdout).toBe('state/checkpoints/460/2026-06-02T10-00-00Z-progress.md\n');
    expect(two.stdout).toBe('state/checkpoints/460/2026-06-02T10-00-00Z-progress-2.md\n');
    expect(readFileSync(firstPath).equals(before)).toBe(true);
    expect(frontmatterOf(readFileSync(path.join(root, two.stdout.trim()), 'utf8')).summary).toBe('Second writer.');
    expect(readdirSync(path.join(root, 'state/checkpoints/460')).sort()).toEqual(['2026-06-02T10-00-00Z-progress-2.md', '2026-06-02T10-00-00Z-progress.md']);
  });

  it('gives 20 concurrent creates at the same instant 20 distinct, complete, valid files, and leaves no temporary file', async () => {
    const { root } = repoWithCommit();
    const now = '2026-06-02T10:00:00Z';
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createCheckpoint({ root, task: '460', kind: 'progress', agent: 'codex', summary: `Writer ${i + 1} was here.`, now, env: {} })),
    );
    const paths = created.map((c) => c.path);
    expect(new Set(paths).size).toBe(20);
    const stem = 'state/checkpoints/460/2026-06-02T10-00-00Z-progress';
    expect([...paths].sort()).toEqual([`${stem}.md`, ...Array.from({ length: 19 }, (_, i) => `${stem}-${i + 2}.md`)].sort());
    for (const c of created) expect(readFileSync(c.absolutePath, 'utf8')).toBe(c.content);
    const summaries = created.map((c) => frontmatterOf(readFileSync(c.absolutePath, 'utf8')).summary);
    expect(new Set(summaries).size).toBe(20);
    const folder = path.join(root, 'state/checkpoints/460');
    expect(readdirSync(folder).filter((n) => n.startsWith('.') || !n.endsWith('.md'))).toEqual([]);
    expect(readdirSync(folder)).toHaveLength(20);
    const report = await check({ root, now, env: {} });
    expect(report.findings).toEqual([]);
    expect(report.summary.files).toBe(20);
  });

  describe('a kill in the middle of a write', () => {
    beforeAll(() => {
      if (!existsSync(WRITE_NEW_FILE_JS)) execFileSync('npm', ['run', 'build'], { cwd: PACKAGE_ROOT, stdio: 'ignore' });
    }, 120_000);

    /** Starts a child that writes `size`-byte files in a loop; kills it with SIGKILL `delayMs` after it is ready. */
    async function killMidWrite(scriptDir: string, folder: string, size: number, delayMs: number): Promise<void> {
      const script = path.join(scriptDir, 'writer.mjs');
      const child = spawn(process.execPath, [script, folder, String(size)], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString('utf8').includes('ready')) resolve();
        });
        child.on('exit', () => reject(new Error(`writer exited before it was ready: ${stderr}`)));
      });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      child.kill('SIGKILL');
      expect(await exited, `the writer was killed (stderr: ${stderr})`).toBe('SIGKILL');
    }

    it('leaves every *.md complete; only hidden .tmp files can be partial, and check never reads them', async () => {
      const root = tempRepo();
      const folder = path.join(root, 'state', 'checkpoints', '7');
      mkdirSync(folder, { recursive: true });
      const scriptDir = tempRepo({
        'writer.mjs': [
          `import { writeNewFile } from ${JSON.stringify(pathToFileURL(WRITE_NEW_FILE_JS).href)};`,
          'const [dir, size] = [process.argv[2], Number(process.argv[3])];',
          "const content = 'x'.repeat(size - 1) + '\\n';",
          "process.stdout.write('ready\\n');",
          "for (let i = 0; i < 40; i++) await writeNewFile(dir, 'big', '.md', content);",
          '',
        ].join('\n'),
      });
      const size = 50 * 1024 * 1024;
      let sawTemporary = false;
      for (const delayMs of [120, 60, 250, 30, 400, 90, 180, 700]) {
        await killMidWrite(scriptDir, folder, size, delayMs);
        for (const name of readdirSync(folder)) {
          const bytes = statSync(path.join(folder, name)).size;
          if (name.endsWith('.md')) {
            expect(name).toMatch(/^big(-\d+)?\.md$/);
            expect(bytes, `${name} is complete`).toBe(size);
          } else {
            // Anything else is writeNewFile's temporary file: hidden, and not a .md.
            expect(name).toMatch(/^\.big\.\d+\.[0-9a-f]{12}\.tmp$/);
            sawTemporary = true;
          }
        }
        if (sawTemporary) break;
        for (const name of readdirSync(folder)) rmSync(path.join(folder, name));
      }
      // At least one kill landed mid-write (between open and unlink of the temporary file).
      expect(sawTemporary).toBe(true);

      // Temporary files are dot-files ending in `.tmp`: no kind's glob (`state/checkpoints/*/*.md`) matches them,
      // so `check` never reads a partial write. Keep only the leftovers and one real checkpoint, then check.
      for (const name of readdirSync(folder)) if (name.endsWith('.md')) rmSync(path.join(folder, name));
      const leftovers = readdirSync(folder);
      expect(leftovers.length).toBeGreaterThan(0);
      expect(leftovers.every((n) => n.startsWith('.') && n.endsWith('.tmp'))).toBe(true);
      const created = await createCheckpoint({ root, task: '7', kind: 'progress', agent: 'codex', summary: 'After the crash.', newTask: true, now: '2026-06-02T10:00:00Z', env: {} });
      expect(created.path).toBe('state/checkpoints/7/2026-06-02T10-00-00Z-progress.md');
      const report = await check({ root, now: '2026-06-02T10:00:00Z', env: {} });
      expect(report.findings).toEqual([]);
      expect(report.summary.files).toBe(1);
    }, 120_000);
  });

  it.skipIf(process.getuid?.() === 0)('in a read-only folder: exit 2, one clear stderr line, nothing written', async () => {
    const { root } = repoWithCommit();
    const folder = path.join(root, 'state', 'checkpoints', '460');
    mkdirSync(folder, { recursive: true });
    chmodSync(folder, 0o555);
    try {
      const run = await runCli(['checkpoint', 'create', '--task', '460', '--kind', 'progress', '--agent', 'codex', '--summary', 'Started.', '--now', '2026-06-02T10:00:00Z'], root);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expectOneLine(run.stderr);
      expect(run.stderr).toMatch(/^specguard: cannot write a new file in .*state[/\\]checkpoints[/\\]460 \(permission denied\)\n$/);
      expect(readdirSync(folder)).toEqual([]);
    } finally {
      chmodSync(folder, 0o755);
    }
    // A read-only parent, where the task's folder does not exist yet.
    const state = path.join(root, 'state');
    rmSync(folder, { recursive: true });
    chmodSync(path.join(root, 'state', 'checkpoints'), 0o555);
    try {
      const run = await runCli(['checkpoint', 'create', '--task', '461', '--new-task', '--kind', 'progress', '--agent', 'codex', '--summary', 'Started.', '--now', '2026-06-02T10:00:00Z'], root);
      expect(run.code).toBe(2);
      expectOneLine(run.stderr);
      expect(run.stderr).toContain('permission denied');
      expect(tree(state)).toEqual([]);
    } finally {
      chmodSync(path.join(root, 'state', 'checkpoints'), 0o755);
    }
  });

  describe('bad input: exit 2, nothing written', () => {
    const cases: Array<[string, string[]]> = [
      ['--task ../x', ['--task', '../x', '--kind', 'progress']],
      ['--task -c', ['--task', '-c', '--kind', 'progress']],
      ['--task=-c', ['--task=-c', '--kind', 'progress']],
      ["--task 'a b'", ['--task', 'a b', '--kind', 'progress']],
      ['--kind finished', ['--task', '460', '--kind', 'finished']],
    ];
    for (const [name, args] of cases) {
      it(name, async () => {
        const { root } = repoWithCommit();
        const before = tree(root);
        const run = await runCli(['checkpoint', 'create', ...args, '--summary', 'x', '--agent', 'codex', '--now', '2026-06-02T10:00:00Z'], root);
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).not.toBe('');
        expect(tree(root)).toEqual(before);
        expect(existsSync(path.join(root, 'state'))).toBe(false);
      });
    }

    it('the API refuses the same task ids and kind with a USAGE error', async () => {
      const { root } = repoWithCommit();
      for (const [task, kind] of [['../x', 'progress'], ['-c', 'progress'], ['a b', 'progress'], ['460', 'finished']] as const) {
        const error = await createCheckpoint({ root, task, kind, agent: 'codex', summary: 'Started.', now: '2026-06-02T10:00:00Z', env: {} }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error, `${task} / ${kind}`).toBeInstanceOf(SpecguardError);
        expect((error as SpecguardError).code).toBe('USAGE');
      }
      expect(existsSync(path.join(root, 'state'))).toBe(false);
      expect(existsSync(path.join(root, 'x'))).toBe(false);
    });
  });
});
