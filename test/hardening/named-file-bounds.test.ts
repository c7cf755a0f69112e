/**
 * Files a config or a layout names, and files specguard writes on its own account. A schema a config names and
 * the repository's checkpoint template are read only as regular files inside the repository: outside it (by
 * `..`, an absolute path or a symlink), a device or a FIFO stops the run with exit 2 and one line naming the
 * file, never its content, never a blocking read. A glob cannot reach above the root. `checkpoint create`,
 * `init` and the board's default page never write through a symlink that leads out of the repository. A
 * template or formatter plug-in that is broken is named with what is wrong.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOneLine } from '../helpers/git-fixtures.js';
import { runCli } from '../helpers/run-cli.js';
import { commitAll, gitInit, tempRepo } from '../helpers/temp-repo.js';

const NOW = ['--now', '2026-11-21'];
const SECRET = 'SECRET-TOKEN-42';
const LIST = { 'tasks/tasks-0001.md': '- [ ] open\n' };

/** A folder outside every repository, holding a file with a secret in it. */
function outsideFile(name: string, content = `{"title": "${SECRET}"}\n`): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'specguard-outside-')), name);
  writeFileSync(file, content);
  return file;
}

/** A config adding a custom kind whose schema is `schema`. */
const customKind = (schema: string): string => `kinds:\n  adr:\n    globs: ["docs/adr/*.md"]\n    schema: "${schema}"\n`;

async function expectRefused(root: string, argv: string[], ...parts: string[]): Promise<string> {
  const run = await runCli(argv, root);
  expect(run.code, run.stderr).toBe(2);
  expectOneLine(run.stderr);
  for (const part of parts) expect(run.stderr).toContain(part);
  expect(run.stderr + run.stdout).not.toContain(SECRET);
  return run.stderr;
}

describe('a schema a config names', () => {
  it('outside the repository by `..` or an absolute path: refused, its content never shown', async () => {
    const secret = outsideFile('secret.json');
    const root = tempRepo({ ...LIST, 'specguard.config.yaml': customKind(path.relative(tempRepo(), secret)) });
    await expectRefused(root, ['check', '.', ...NOW], 'schema', 'outside the repository');
    writeFileSync(path.join(root, 'specguard.config.yaml'), customKind(secret));
    await expectRefused(root, ['check', '.', ...NOW], `schema ${secret}: it lies outside the repository; it was not read`);
  });

  it('a symlink out, a device, a FIFO: refused without a read that would leak or block', async () => {
    const root = tempRepo({ ...LIST, 'specguard.config.yaml': customKind('schemas/adr.json') });
    symlinkSync(outsideFile('adr.json'), path.join(root, 'schemas-link'));
    writeFileSync(path.join(root, 'specguard.config.yaml'), customKind('schemas-link'));
    await expectRefused(root, ['check', '.', ...NOW], 'schema schemas-link', 'outside the repository');
    writeFileSync(path.join(root, 'specguard.config.yaml'), customKind('/dev/zero'));
    await expectRefused(root, ['check', '.', ...NOW], 'schema /dev/zero');
    execFileSync('mkfifo', [path.join(root, 'adr.schema.json')]);
    writeFileSync(path.join(root, 'specguard.config.yaml'), customKind('adr.schema.json'));
    await expectRefused(root, ['check', '.', ...NOW], 'schema adr.schema.json: not a regular file; it was not read');
  });

  it('inside the repository but not JSON: the place, not the text', async () => {
    const root = tempRepo({ ...LIST, 'specguard.config.yaml': customKind('adr.schema.json'), 'adr.schema.json': `{ "title": ${SECRET} }` });
    await expectRefused(root, ['check', '.', ...NOW], 'schema adr.schema.json:1:12: not valid JSON (JSON does not parse:');
  });

  it('inside the repository and valid: used', async () => {
    const schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', required: ['title'] };
    const root = tempRepo({ ...LIST, 'specguard.config.yaml': customKind('adr.schema.json'), 'adr.schema.json': schema, 'docs/adr/0001.md': '---\nstatus: x\n---\n# ADR\n' });
    const run = await runCli(['check', '.', '--format', 'json', ...NOW], root);
    expect(run.stderr).toBe('');
    expect((JSON.parse(run.stdout) as { findings: Array<{ file: string }> }).findings.map((f) => f.file)).toContain('docs/adr/0001.md');
  });
});

describe('globs', () => {
  it('a glob that climbs above the root or is absolute is a config error at its place', async () => {
    const parent = tempRepo({ 'above.md': `- [x] ${SECRET}\n` });
    const root = path.join(parent, 'repo');
    writeFileSync(path.join(parent, 'placeholder'), '');
    execFileSync('mkdir', [root]);
    writeFileSync(path.join(root, 'specguard.config.yaml'), 'kinds:\n  task-list:\n    globs: ["tasks/*.md", "../*.md"]\n');
    await expectRefused(root, ['check', '.', ...NOW], 'specguard.config.yaml:3:27: kind `task-list`: glob `../*.md` reaches outside the repository');
    writeFileSync(path.join(root, 'specguard.config.yaml'), `kinds:\n  task-list:\n    globs: ["${parent}/*.md"]\n`);
    await expectRefused(root, ['check', '.', ...NOW], 'reaches outside the repository');
  });
});

describe('writes on specguard\'s own account', () => {
  it('checkpoint create refuses a checkpoint folder that is a symlink out of the repository, and writes nothing there', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'specguard-outside-'));
    const root = tempRepo({ ...LIST });
    execFileSync('mkdir', ['-p', path.join(root, 'state/checkpoints')]);
    symlinkSync(outside, path.join(root, 'state/checkpoints/0001'));
    await expectRefused(root, ['checkpoint', 'create', '--task', '0001', '--kind', 'progress', '--summary', 'Half done.', ...NOW], 'state/checkpoints/0001', 'leads outside the repository');
    expect(readdirSync(outside)).toEqual([]);
  });

  it('checkpoint create refuses a template that is a symlink out, and names a broken one', async () => {
    const root = tempRepo({ ...LIST });
    execFileSync('mkdir', ['-p', path.join(root, 'state/templates')]);
    symlinkSync(outsideFile('CHECKPOINT.md', `---\ntask: "{{task}}"\nsummary: ${SECRET}\n---\n`), path.join(root, 'state/templates/CHECKPOINT.md'));
    await expectRefused(root, ['checkpoint', 'create', '--task', '0001', '--kind', 'progress', '--summary', 'Half done.', ...NOW], 'state/templates/CHECKPOINT.md: the checkpoint template: it lies outside the repository');
    expect(existsSync(path.join(root, 'state/checkpoints'))).toBe(false);

    const broken = tempRepo({ ...LIST, 'state/templates/CHECKPOINT.md': '---\ntask: [unclosed\n---\n# Checkpoint\n' });
    await expectRefused(broken, ['checkpoint', 'create', '--task', '0001', '--kind', 'progress', '--summary', 'Half done.', ...NOW], 'state/templates/CHECKPOINT.md: template frontmatter is not valid YAML');
  });

  it('init skips a file whose folder is a symlink out of the repository, and writes nothing there', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'specguard-outside-'));
    const root = tempRepo({ ...LIST, 'package.json': '{ "name": "app" }\n' });
    gitInit(root);
    symlinkSync(outside, path.join(root, '.github'));
    commitAll(root, 'a repository whose .github leads out', '2026-11-20T10:00:00Z');
    const run = await runCli(['init', '--yes'], root);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('skipped      .github/workflows/spec-guard.yml (its folder is a symbolic link out of the repository)');
    expect(readdirSync(outside)).toEqual([]);
  });

  it("the board's default page is never written through a symlink; an explicit --output is the user's choice", async () => {
    const target = outsideFile('board.html', '<!doctype html><title>theirs</title>\n');
    const root = tempRepo({ ...LIST });
    symlinkSync(target, path.join(root, 'board.html'));
    await expectRefused(root, ['board', '.', ...NOW], 'board.html is a symlink; specguard never writes through one');
  });

  it('a formatter plug-in that throws is one line naming it', async () => {
    const root = tempRepo({ ...LIST, 'broken-formatter.mjs': 'export default () => { throw new Error("no colours today"); };\n' });
    await expectRefused(root, ['check', '.', '--format', './broken-formatter.mjs', ...NOW], '--format: the formatter `./broken-formatter.mjs` failed (no colours today)');
  });
});
