/**
 * `specguard board`: writes `board.html` in the working directory (or
 * `--output`, or standard output with `-`), prints the path, replaces its own
 * earlier board but not another file (unless `--force`), and `--open` starts
 * the platform opener without failing the run when there is none.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBoardPage } from '../../src/board/write-board.js';
import { expectOneLine } from '../helpers/git-fixtures.js';
import { runCli } from '../helpers/run-cli.js';
import { tempRepo, writeFiles } from '../helpers/temp-repo.js';
import { MULTI_NOW, multiTaskRepo } from './board-repos.js';

/** Waits (up to 10 s) for a file that a detached process writes. */
async function waitFor(file: string): Promise<string> {
  for (let i = 0; i < 200 && !existsSync(file); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return readFileSync(file, 'utf8');
}

describe('specguard board', () => {
  it('writes board.html in the working directory and prints its path; `-o -` prints the page instead', async () => {
    const root = multiTaskRepo();
    const cwd = tempRepo();
    const run = await runCli(['board', root, '--now', MULTI_NOW], cwd);
    expect(run).toMatchObject({ code: 0, stdout: 'board.html\n', stderr: '' });
    const written = readFileSync(path.join(cwd, 'board.html'), 'utf8');
    expect(isBoardPage(written)).toBe(true);
    expect(written).toContain('<tr id="task-460" data-task="460">');

    const out = await runCli(['board', root, '--now', MULTI_NOW, '-o', '-'], cwd);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(written); // links from the working directory, as the file in it
    const nested = await runCli(['board', '--now', MULTI_NOW, '--output', 'site/status.html'], root);
    expect(nested).toMatchObject({ code: 0, stdout: `${path.join('site', 'status.html')}\n` });
    expect(readFileSync(path.join(root, 'site/status.html'), 'utf8')).toContain('href="../state/packets/460/packet.md"');
  });

  it('replaces an earlier board, refuses any other file (exit 2, file untouched) unless --force', async () => {
    const root = multiTaskRepo();
    const target = path.join(root, 'board.html');
    expect((await runCli(['board', '--now', MULTI_NOW], root)).code).toBe(0);
    expect((await runCli(['board', '--now', '2026-06-10'], root)).code).toBe(0);
    expect(readFileSync(target, 'utf8')).toContain('datetime="2026-06-10T00:00:00.000Z"');

    writeFileSync(target, '<html><body>notes kept by hand</body></html>\n');
    const refused = await runCli(['board', '--now', MULTI_NOW], root);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expectOneLine(refused.stderr);
    expect(refused.stderr).toContain('exists and is not a board specguard wrote');
    expect(readFileSync(target, 'utf8')).toBe('<html><body>notes kept by hand</body></html>\n');

    expect((await runCli(['board', '--now', MULTI_NOW, '--force'], root)).code).toBe(0);
    expect(isBoardPage(readFileSync(target, 'utf8'))).toBe(true);

    const folder = await runCli(['board', '--now', MULTI_NOW, '-o', 'state'], root);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('is a folder');
  });

  it('--open starts the platform opener on the written page', async () => {
    const root = multiTaskRepo();
    const bin = tempRepo();
    const seen = path.join(bin, 'opened.txt');
    writeFiles(bin, { 'xdg-open': `#!/bin/sh\nprintf '%s' "$1" > '${seen}.tmp' && mv '${seen}.tmp' '${seen}'\n` });
    chmodSync(path.join(bin, 'xdg-open'), 0o755);
    const run = await runCli(['board', '--now', MULTI_NOW, '--open'], root, { PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` });
    expect(run).toMatchObject({ code: 0, stdout: 'board.html\n', stderr: '' });
    expect(await waitFor(seen)).toBe(path.join(root, 'board.html'));
  });

  it('--open without an opener still writes the board, exits 0 and says how to open it', async () => {
    const root = multiTaskRepo();
    const run = await runCli(['board', '--now', MULTI_NOW, '--open'], root, { PATH: tempRepo() });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('board.html\n');
    expectOneLine(run.stderr);
    expect(run.stderr).toContain('could not be opened (`xdg-open` not found)');
    expect(existsSync(path.join(root, 'board.html'))).toBe(true);
  });

  it('--open with standard output is a usage error', async () => {
    const run = await runCli(['board', '--open', '-o', '-'], multiTaskRepo());
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--open needs a file');
  });
});
