/** `specguard stats [dir]`: the figures of {@link statsOf}, as markdown or JSON. */
import { Command, InvalidArgumentError, Option } from 'commander';
import { SpecguardError } from '../errors.js';
import { visibleLine } from '../output/sanitize.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { repositoryOptions, type RepositoryFlags } from './options.js';
import { DATABASE_OPTION_HELP } from './sync-command.js';

interface StatsFlags extends RepositoryFlags {
  format: 'markdown' | 'json';
  ready?: number;
  database?: string;
  repository?: string;
}

/** Builds the `stats` command; `setExit` receives its exit code. */
export function statsCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('stats')
    .description('Evidence coverage, run success rate, contradictions and stale specs per task and in all, with a reviewer-readiness verdict (coverage ≥ 95% by default).')
    .argument('[dir]', 'the repository', '.')
    .addOption(new Option('-f, --format <format>', 'markdown or json').choices(['markdown', 'json']).default('markdown'))
    .option('--ready <share>', 'share of ticked criteria that must be proven for a task to be ready, 0 to 1 (default 0.95)', share)
    .option('-d, --database <target>', `read every repository synced into a database (${DATABASE_OPTION_HELP}) instead of the working tree`)
    .option('--repository <name>', 'with --database: only the repository of this name')
    .option('--now <iso>', 'the clock statuses are computed against (ISO 8601); default SOURCE_DATE_EPOCH, else now')
    .option('-c, --config <file>', 'config file (default: specguard.config.{yaml,yml,json} in the repository)')
    .action(async (dir: string, flags: StatsFlags) => {
      if (flags.repository !== undefined && !flags.database) throw new SpecguardError('USAGE', '--repository needs --database');
      if (flags.database && (flags.now !== undefined || flags.config !== undefined)) {
        throw new SpecguardError('USAGE', `${flags.now !== undefined ? '--now' : '--config'} does not go with --database: each repository's figures are those of its last sync`);
      }
      if (flags.database) return setExit(await databaseStats(io, { ...flags, database: flags.database }));
      const [{ board }, { statsOf, renderStatsMarkdown, DEFAULT_READY_SHARE }] = await Promise.all([import('../board/gather-board.js'), import('../stats/stats.js')]);
      const stats = statsOf(await board(repositoryOptions(io, dir, flags)), flags.ready ?? DEFAULT_READY_SHARE);
      io.stdout.write(flags.format === 'json' ? `${JSON.stringify(stats, null, 2)}\n` : renderStatsMarkdown(stats, visibleLine));
      setExit(EXIT.OK);
    });
}

/** `stats --database`: each repository's figures as of its last sync. */
async function databaseStats(io: CliIo, flags: StatsFlags & { database: string }): Promise<number> {
  const [{ openForReading, parseDatabaseTarget }, { readBoards }, { databaseStatsOf, renderStatsMarkdown, DEFAULT_READY_SHARE }] = await Promise.all([
    import('../db/database.js'),
    import('../sync/read-boards.js'),
    import('../stats/stats.js'),
  ]);
  const db = await openForReading(parseDatabaseTarget(flags.database, io.cwd));
  try {
    const stats = databaseStatsOf(await readBoards(db, flags.repository), flags.ready ?? DEFAULT_READY_SHARE);
    if (flags.repository !== undefined && stats.repositories.length === 0) throw new SpecguardError('USAGE', `no repository named ${flags.repository} in ${db.location}`);
    if (flags.format === 'json') io.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
    else if (stats.repositories.length === 0) io.stdout.write(`# specguard stats\n\nNo repository has been synced into ${visibleLine(db.location)}.\n`);
    else io.stdout.write(stats.repositories.map((r) => renderStatsMarkdown(r.stats, visibleLine, `${r.repository} (synced ${r.synced_at})`)).join('\n'));
    return EXIT.OK;
  } finally {
    await db.close();
  }
}

function share(value: string): number {
  const n = Number(value);
  if (!/^(?:0(?:\.\d+)?|1(?:\.0+)?)$/.test(value) || Number.isNaN(n)) throw new InvalidArgumentError('expected a share from 0 to 1, e.g. 0.95');
  return n;
}
