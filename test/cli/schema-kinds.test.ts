/**
 * `specguard schema [kind]` prints the built-in schemas as shipped;
 * `specguard kinds` counts each kind's files the way `check` finds them
 * (config globs, custom kinds, ignore rules, .gitignore in a git repository).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lines, manifest, validPacket, validSpec } from '../helpers/check-repo.js';
import { runCli } from '../helpers/run-cli.js';
import { commitAll, gitInit, tempRepo } from '../helpers/temp-repo.js';

const KINDS = ['mini-spec', 'task-list', 'task-packet', 'checkpoint', 'run-manifest', 'tasks-index', 'feature-spec', 'module-manifest', 'open-loops'];

describe('specguard schema', () => {
  it('prints a kind\'s JSON Schema exactly as the package ships it', async () => {
    const run = await runCli(['schema', 'checkpoint'], process.cwd());
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(readFileSync('schemas/checkpoint.schema.json', 'utf8')));
    for (const kind of KINDS) {
      expect((await runCli(['schema', kind], process.cwd())).stdout).toBe(readFileSync(`schemas/${kind}.schema.json`, 'utf8'));
    }
  });

  it('lists the built-in kinds and their schema ids without a kind', async () => {
    const run = await runCli(['schema'], process.cwd());
    expect(run.code).toBe(0);
    const rows = run.stdout.trimEnd().split('\n').map((line) => line.split(/\s+/));
    expect(rows).toEqual(KINDS.map((kind) => [kind, `urn:specguard:schema:${kind}`]));
  });

  it('exits 2 on an unknown kind, suggesting the closest one when it looks like a typo', async () => {
    const typo = await runCli(['schema', 'chekpoint'], process.cwd());
    expect(typo.code).toBe(2);
    expect(typo.stdout).toBe('');
    expect(typo.stderr).toBe(`specguard: unknown kind \`chekpoint\`; did you mean \`checkpoint\`? (built-in kinds: ${KINDS.join(', ')})\n`);
    const unrelated = await runCli(['schema', 'zebra'], process.cwd());
    expect(unrelated.code).toBe(2);
    expect(unrelated.stderr).toBe(`specguard: unknown kind \`zebra\` (built-in kinds: ${KINDS.join(', ')})\n`);
  });
});

describe('specguard kinds', () => {
  /** A git repository with files of every kind, a custom kind, an ignored folder and a gitignored file. */
  function repo(): string {
    const root = tempRepo({
      'specguard.config.yaml': lines('kinds:', '  mini-spec:', '    globs: [docs/specs/*.md]', '  adr:', '    globs: [docs/adr/*.md]', '    schema: schemas/adr.schema.json', 'ignore: [state/archive/**]'),
      'schemas/adr.schema.json': { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'urn:test:adr', type: 'object' },
      'docs/specs/0001-core.md': validSpec('0001-core'),
      'docs/specs/0002-api.md': validSpec('0002-api'),
      'tasks/specs/0003-old.md': validSpec('0003-old'),
      'docs/adr/0001-use-git.md': '# Use git\n',
      'tasks/tasks-0001.md': lines('- [ ] one'),
      'state/packets/0001/packet.md': validPacket('0001'),
      'state/checkpoints/0001/2026-11-20T10-00-00Z-start.md': '---\n---\n',
      'state/checkpoints/0001/2026-11-20T11-00-00Z-progress.md': '---\n---\n',
      'state/archive/0000/packet.md': validPacket('0000'),
      '.runs/1/manifest.json': manifest(),
      '.runs/2/manifest.json': manifest(),
      '.runs/3/manifest.json': manifest(),
      '.runs/local/manifest.json': manifest(),
      '.gitignore': '.runs/local/\n',
    });
    gitInit(root);
    commitAll(root, 'chore: state', '2026-11-20T12:00:00Z');
    return root;
  }

  it('counts the files of each kind, built-in and custom, as check finds them', async () => {
    const run = await runCli(['kinds', '--format', 'json'], repo());
    expect(run.code).toBe(0);
    const census = JSON.parse(run.stdout) as { config: string; kinds: Array<{ name: string; builtIn: boolean; globs: string[]; schema: string; files: number }> };
    expect(census.config).toBe('specguard.config.yaml');
    expect(census.kinds.map((k) => [k.name, k.files])).toEqual([
      ['mini-spec', 2],
      ['task-list', 1],
      ['task-packet', 1],
      ['checkpoint', 2],
      ['run-manifest', 3],
      ['tasks-index', 0],
      ['feature-spec', 0],
      ['module-manifest', 0],
      ['open-loops', 0],
      ['adr', 1],
    ]);
    expect(census.kinds.find((k) => k.name === 'mini-spec')).toMatchObject({ globs: ['docs/specs/*.md'], schema: 'built-in', builtIn: true });
    expect(census.kinds.find((k) => k.name === 'adr')).toMatchObject({ globs: ['docs/adr/*.md'], schema: 'schemas/adr.schema.json', builtIn: false });
  });

  it('prints a table by default', async () => {
    const run = await runCli(['kinds', '.'], repo());
    expect(run.code).toBe(0);
    const rows = run.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^kind +files +globs +schema$/);
    expect(rows[1]).toMatch(/^mini-spec +2 {2}docs\/specs\/\*\.md +built-in$/);
    expect(rows[10]).toMatch(/^adr \(custom\) +1 {2}docs\/adr\/\*\.md +schemas\/adr\.schema\.json$/);
    expect(rows).toHaveLength(11);
  });

  it('exits 2 on an invalid config', async () => {
    const run = await runCli(['kinds'], tempRepo({ 'specguard.config.yaml': lines('kindz: {}') }));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^specguard: specguard\.config\.yaml:1:1: Unknown key `kindz`/);
  });
});
