/**
 * The README's install commands work in an empty project: the tarball that `npm pack` makes
 * installs without specguard's devDependencies, `npx specguard --version` answers, the package
 * carries its LICENSE, the token counter is the bundled o200k_base file (≤ 10 MB, no
 * gpt-tokenizer package), and the install is the size the README states.
 *
 * Installing from a git URL and from a clone's folder (both build the package from source) take
 * a minute each; they run when `SPECGUARD_TEST_INSTALLS=1` (as .ci/run sets).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INSTALL_COMMAND, VERSION } from '../../src/package-info.js';

const REPO = process.cwd();
const README = readFileSync('README.md', 'utf8');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'specguard-install-'));
const NPM_QUIET = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The sh blocks of the README's "Set up" section, in order. */
function setUpBlocks(): string[] {
  const start = README.indexOf('## Set up\n');
  const end = README.indexOf('\n## ', start + 1);
  return [...README.slice(start, end).matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/** An empty npm project. */
function emptyProject(name: string): string {
  const dir = path.join(scratch, name);
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name, version: '1.0.0', private: true })}\n`);
  return dir;
}

/** Bytes of a folder, files only (links not followed). */
function sizeOf(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const at = path.join(dir, entry.name);
    if (entry.isDirectory()) total += sizeOf(at);
    else if (entry.isFile()) total += statSync(at).size;
  }
  return total;
}

function npx(project: string, args: string[]): string {
  return execFileSync('npx', ['--no-install', 'specguard', ...args], { cwd: project, encoding: 'utf8' });
}

describe('installing specguard', () => {
  it('the README gives the install command init prints, and a tarball route', () => {
    const [first, tarball] = setUpBlocks();
    expect(first!.split('\n')[0]).toBe(INSTALL_COMMAND);
    expect(tarball).toContain('npm pack');
    expect(tarball).toContain(`npm install --save-dev /tmp/specguard/specguard-${VERSION}.tgz`);
  });

  it('the packed tarball installs into an empty project without devDependencies, with its LICENSE and a bundled tokenizer under 10 MB', () => {
    const packed = path.join(scratch, 'pack');
    mkdirSync(packed);
    // dist/ is built by `npm test`; --ignore-scripts packs it as it is.
    const name = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', packed], { cwd: REPO, encoding: 'utf8' }).trim().split('\n').at(-1)!;
    expect(name).toBe(`specguard-${VERSION}.tgz`);
    const project = emptyProject('from-tarball');
    execFileSync('npm', ['install', '--save-dev', ...NPM_QUIET, path.join(packed, name)], { cwd: project, stdio: 'pipe' });
    expect(npx(project, ['--version']).trim()).toBe(VERSION);

    const modules = path.join(project, 'node_modules');
    const installed = path.join(modules, 'specguard');
    expect(existsSync(path.join(installed, 'LICENSE'))).toBe(true);
    expect(readFileSync(path.join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(existsSync(path.join(modules, 'gpt-tokenizer')), 'gpt-tokenizer is not installed').toBe(false);
    expect(statSync(path.join(installed, 'dist', 'vendor', 'o200k-base.cjs')).size).toBeLessThanOrEqual(10 * 1024 * 1024);

    // The README states the whole install's size ("about N MB of node_modules"): within 15 % of what it is.
    const stated = Number(/about (\d+) MB of\s+`node_modules`/.exec(README)?.[1]);
    const measured = sizeOf(modules) / (1024 * 1024);
    expect(Math.abs(measured - stated) / stated, `README says ${stated} MB, the install takes ${measured.toFixed(1)} MB`).toBeLessThan(0.15);

    // The installed command works on a repository: the brief's token budget loads the bundled counter.
    const repo = path.join(project, 'repo');
    cpSync(path.join(REPO, 'test', 'fixtures', 'seed-004'), repo, { recursive: true });
    execFileSync('git', ['init', '-q', repo]);
    execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'Example'], { cwd: repo });
    const brief = JSON.parse(npx(project, ['brief', '--task', '0001', '--max-tokens', '600', '--format', 'json', repo])) as { task: string; budget: { tokens: number } };
    expect(brief.task).toBe('0001');
    expect(brief.budget.tokens).toBeGreaterThan(0);
  });

  it.runIf(process.env.SPECGUARD_TEST_INSTALLS === '1')('installs from a git URL and from a clone\'s folder, building from source', () => {
    const clone = path.join(scratch, 'clone');
    execFileSync('git', ['clone', '-q', REPO, clone]);
    const fromGit = emptyProject('from-git');
    execFileSync('npm', ['install', '--save-dev', ...NPM_QUIET, `git+file://${clone}`], { cwd: fromGit, stdio: 'pipe' });
    expect(npx(fromGit, ['--version']).trim()).toBe(VERSION);

    // A clone's folder has no node_modules: prepare installs the build tools into it, then builds.
    expect(existsSync(path.join(clone, 'node_modules'))).toBe(false);
    const fromFolder = emptyProject('from-folder');
    execFileSync('npm', ['install', '--save-dev', ...NPM_QUIET, clone], { cwd: fromFolder, stdio: 'pipe' });
    expect(npx(fromFolder, ['--version']).trim()).toBe(VERSION);
    expect(existsSync(path.join(clone, 'dist', 'vendor', 'o200k-base.cjs'))).toBe(true);
  }, 600_000);
});
