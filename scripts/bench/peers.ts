/**
 * Peers: general-purpose tools doing part of the same work on the same files.
 *
 * - remark-cli with remark-frontmatter and remark-lint-frontmatter-schema:
 *   parses every markdown document and validates its frontmatter against its
 *   kind's schema (each kind's glob mapped to its schema). That plugin
 *   compiles with Ajv's default draft (07), which does not know draft
 *   2020-12's `$schema`, so it gets copies of specguard's schemas without the
 *   `$schema` key (nothing else in them is 2020-12 only). Run manifests are
 *   JSON, which remark does not read.
 * - markdownlint-cli2 with its default rules on the same markdown documents.
 *
 * Their configuration lives outside the corpus (in `<out>/peers/`); their
 * exit codes are ignored (they report style problems).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CommandSpec } from './measure.js';

/** The markdown kinds' default globs (src/kinds/builtin-kinds.ts) and their schemas. */
const MARKDOWN_KINDS: ReadonlyArray<{ kind: string; glob: string }> = [
  { kind: 'mini-spec', glob: 'tasks/specs/*.md' },
  { kind: 'task-list', glob: 'tasks/tasks-*.md' },
  { kind: 'task-packet', glob: 'state/packets/**/*.md' },
  { kind: 'checkpoint', glob: 'state/checkpoints/*/*.md' },
];

/** Where a package's entry module is, resolved from this module (so from the project's node_modules). */
function resolvePackageFile(specifier: string): string {
  return fileURLToPath(import.meta.resolve(specifier));
}

/** A package's folder, found the way node looks for it (packages with `exports` may not export package.json). */
function packageDir(name: string): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`${name} is not installed; run npm ci`);
    dir = parent;
  }
}

/** The peers' command lines, with their configuration written under `<outDir>/peers`. */
export function peerCommands(options: { corpus: string; outDir: string; schemaDir: string; logsDir: string }): Array<{ label: string; spec: CommandSpec }> {
  const { corpus, outDir, schemaDir, logsDir } = options;
  const peersDir = path.join(outDir, 'peers');
  const peerSchemas = path.join(peersDir, 'schemas');
  mkdirSync(peerSchemas, { recursive: true });
  const schemas: Record<string, string[]> = {};
  for (const { kind, glob } of MARKDOWN_KINDS) {
    const schema = JSON.parse(readFileSync(path.join(schemaDir, `${kind}.schema.json`), 'utf8')) as Record<string, unknown>;
    delete schema.$schema;
    const file = path.join(peerSchemas, `${kind}.schema.json`);
    writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
    // remark-lint-frontmatter-schema joins these keys to its working folder (the corpus).
    schemas[path.relative(corpus, file).split(path.sep).join('/')] = [glob];
  }
  const rc = path.join(peersDir, 'remarkrc.mjs');
  writeFileSync(
    rc,
    [
      `import remarkFrontmatter from ${JSON.stringify(pathToFileURL(resolvePackageFile('remark-frontmatter')).href)};`,
      `import remarkLintFrontmatterSchema from ${JSON.stringify(pathToFileURL(resolvePackageFile('remark-lint-frontmatter-schema')).href)};`,
      '',
      'export default {',
      "  plugins: [[remarkFrontmatter, ['yaml']], [remarkLintFrontmatterSchema, { schemas: " + JSON.stringify(schemas) + ' }]],',
      '};',
      '',
    ].join('\n'),
  );
  const remarkCli = path.join(packageDir('remark-cli'), 'cli.js');
  const markdownlintCli2 = path.join(packageDir('markdownlint-cli2'), 'markdownlint-cli2-bin.mjs');
  const spec = (name: string, argv: string[]): CommandSpec => ({
    argv,
    cwd: corpus,
    stdoutFile: path.join(logsDir, `${name}.stdout`),
    stderrFile: path.join(logsDir, `${name}.stderr`),
  });
  return [
    {
      label: 'remark-cli + frontmatter-schema',
      spec: spec('remark', [process.execPath, remarkCli, 'state', 'tasks', '--rc-path', rc, '--no-stdout', '--quiet', '--no-color']),
    },
    {
      label: 'markdownlint-cli2 (default rules)',
      spec: spec('markdownlint', [process.execPath, markdownlintCli2, 'state/**/*.md', 'tasks/**/*.md']),
    },
  ];
}
