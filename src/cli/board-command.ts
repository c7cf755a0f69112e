/** `specguard board [dir]`: writes the status board of a repository, one self-contained HTML page. */
import path from 'node:path';
import { Command } from 'commander';
import { SpecguardError } from '../errors.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { repositoryOptions, type RepositoryFlags } from './options.js';
import { DATABASE_OPTION_HELP } from './sync-command.js';

interface BoardFlags extends RepositoryFlags {
  database?: string;
  output: string;
  open?: boolean;
  force?: boolean;
}

/**
 * Builds the `board` command; `setExit` receives its exit code: 0 once the page is written (whatever the
 * tasks' statuses), 2 for a usage, config or write error.
 */
export function boardCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('board')
    .description('Write a status board: one self-contained HTML page with every task, its derived status, proven and open criteria, last checkpoint, stale specs and contradictions.')
    .argument('[dir]', 'the repository', '.')
    .option('-o, --output <file>', 'the page to write (relative to the working directory), or - for standard output', 'board.html')
    .option('--open', 'open the page with the platform opener (xdg-open, open, start) once written')
    .option('--force', 'replace the output file even when it is not a board specguard wrote')
    .option('-d, --database <target>', `one board across every repository synced into a database (${DATABASE_OPTION_HELP})`)
    .option('--now <iso>', 'the clock ages and statuses are computed against (ISO 8601); default SOURCE_DATE_EPOCH, else now')
    .option('-c, --config <file>', 'config file (default: specguard.config.{yaml,yml,json} in the repository)')
    .action(async (dir: string, flags: BoardFlags, command: Command) => {
      const toStdout = flags.output === '-';
      if (toStdout && flags.open) throw new SpecguardError('USAGE', '--open needs a file: give --output <file> instead of -');
      const target = path.resolve(io.cwd, flags.output);
      const [{ board }, { openPage }, { renderBoard }, { writeBoard }] = await Promise.all([
        import('../board/gather-board.js'),
        import('../board/open-page.js'),
        import('../board/render-board.js'),
        import('../board/write-board.js'),
      ]);
      let html: string;
      if (flags.database) {
        const unused = ['now', 'config'].find((name) => command.getOptionValueSource(name) !== undefined);
        if (unused) throw new SpecguardError('USAGE', `--${unused} does not go with --database: each repository's statuses are those of its last sync`);
        html = await databaseBoard(io, flags.database);
      } else {
        const result = await board(repositoryOptions(io, dir, flags));
        html = renderBoard(result, { pageFolder: toStdout ? io.cwd : path.dirname(target) });
      }
      if (toStdout) {
        io.stdout.write(html);
        return setExit(EXIT.OK);
      }
      // The default page lands in the working directory, which a checkout may fill with symlinks: never through one.
      if (command.getOptionValueSource('output') === 'default') {
        const { assertWritesInside } = await import('../fs/write-inside.js');
        assertWritesInside(io.cwd, target, flags.output);
      }
      await writeBoard(target, html, { force: flags.force === true });
      const shown = path.relative(io.cwd, target);
      io.stdout.write(`${shown && !shown.startsWith('..') && !path.isAbsolute(shown) ? shown : target}\n`);
      if (flags.open) {
        const failed = await openPage(target, { ...process.env, ...io.env });
        if (failed) io.stderr.write(`specguard: the board is written, but could not be opened (${failed}); open ${target} in a browser\n`);
      }
      return setExit(EXIT.OK);
    });
}

/** `board --database`: one page across every repository in the database, files shown as text (they need not be here). */
async function databaseBoard(io: CliIo, database: string): Promise<string> {
  const [{ openForReading, parseDatabaseTarget }, { readBoards, mergeRepositoryBoards }, { renderBoard }] = await Promise.all([
    import('../db/database.js'),
    import('../sync/read-boards.js'),
    import('../board/render-board.js'),
  ]);
  const db = await openForReading(parseDatabaseTarget(database, io.cwd));
  try {
    const boards = await readBoards(db);
    const merged = mergeRepositoryBoards(boards, io.cwd);
    if (!merged) throw new SpecguardError('USAGE', `no repository has been synced into ${db.location}; run specguard sync first`);
    const title = boards.length === 1 ? boards[0]!.repository : `${boards.length} repositories`;
    return renderBoard(merged, { pageFolder: io.cwd, linkFiles: false, title });
  } finally {
    await db.close();
  }
}
