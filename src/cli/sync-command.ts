/** `specguard sync [dir]`: mirrors a repository's task state into a database (see `src/sync/sync.ts`). */
import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { visibleLine } from '../output/sanitize.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { repositoryOptions, type RepositoryFlags } from './options.js';

interface SyncFlags extends RepositoryFlags {
  database?: string;
  name?: string;
  full?: boolean;
  format: 'text' | 'json';
}

/** What `--database` means, for every command that takes it. */
export const DATABASE_OPTION_HELP = 'a postgres:// URL, or the folder of an embedded database (PGlite)';

/** Builds the `sync` command; `setExit` receives its exit code: 0 once synced, 2 when it cannot be. */
export function syncCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('sync')
    .description('Mirror the repository\'s task state (tasks, criteria, checkpoints, runs, specs, findings) into a database; writes only what changed.')
    .argument('[dir]', 'the repository', '.')
    .option('-d, --database <target>', `${DATABASE_OPTION_HELP} (default: .specguard/db in the repository)`)
    .option('--name <name>', 'the repository\'s name in the database (default: its origin remote as host/owner/name, else its folder\'s name)')
    .option('--full', 'derive and compare every row even when no file changed (statuses that age with the clock)')
    .addOption(new Option('-f, --format <format>', 'text or json').choices(['text', 'json']).default('text'))
    .option('--now <iso>', 'the clock statuses are computed against (ISO 8601); default SOURCE_DATE_EPOCH, else now')
    .option('-c, --config <file>', 'config file (default: specguard.config.{yaml,yml,json} in the repository)')
    .action(async (dir: string, flags: SyncFlags) => {
      const [{ sync }, { parseDatabaseTarget, DEFAULT_EMBEDDED_FOLDER }, { TABLES }] = await Promise.all([import('../sync/sync.js'), import('../db/database.js'), import('../sync/tables.js')]);
      const options = repositoryOptions(io, dir, flags);
      const root = options.root!;
      const target = parseDatabaseTarget(flags.database ?? path.join(root, DEFAULT_EMBEDDED_FOLDER), io.cwd);
      if (!flags.database && target.engine === 'embedded') await prepareDefaultFolder(root, target.folder, DEFAULT_EMBEDDED_FOLDER);
      const fault = io.env.SPECGUARD_SYNC_FAULT;
      const killAfterTable = TABLES.find((t) => t.name === fault)?.name;
      const result = await sync({ ...options, database: target, ...(flags.name ? { name: flags.name } : {}), ...(flags.full ? { full: true } : {}), ...(killAfterTable ? { killAfterTable } : {}) });
      if (flags.format === 'json') {
        io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return setExit(EXIT.OK);
      }
      const where = visibleLine(result.database);
      const name = visibleLine(result.repository);
      for (const migration of result.migrated) io.stdout.write(`Applied migration ${migration}.\n`);
      if (result.unchanged) {
        io.stdout.write(`${name}: nothing changed since the last sync into ${where}; nothing written.\n`);
        return setExit(EXIT.OK);
      }
      const changes = Object.values(result.changes);
      const sum = (pick: (c: (typeof changes)[number]) => number): number => changes.reduce((n, c) => n + pick(c), 0);
      const rows = result.rows!;
      io.stdout.write(
        `${name} synced into ${where}: ${sum((c) => c.inserted)} rows inserted, ${sum((c) => c.updated)} updated, ${sum((c) => c.deleted)} deleted. ` +
          `It holds ${counted(rows.task, 'task')}, ${counted(rows.task_criterion, 'criterion', 'criteria')}, ${counted(rows.task_checkpoint, 'checkpoint')}, ${counted(rows.task_run, 'run')}, ${counted(rows.spec, 'spec')} and ${counted(rows.finding, 'finding')}.\n`,
      );
      for (const note of result.notes) io.stdout.write(`Note: ${visibleLine(note)}\n`);
      return setExit(EXIT.OK);
    });
}

function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The default embedded database lives in the repository, under `.specguard/`: never through a symlink that leads
 * out, and kept out of git by a `.specguard/.gitignore` written when absent (never over a user's file).
 */
async function prepareDefaultFolder(root: string, folder: string, shown: string): Promise<void> {
  const { assertWritesInside } = await import('../fs/write-inside.js');
  assertWritesInside(root, folder, shown);
  const ignore = path.join(path.dirname(folder), '.gitignore');
  fs.mkdirSync(path.dirname(folder), { recursive: true });
  try {
    fs.writeFileSync(ignore, '# specguard\'s embedded database and its lock: derived from git by `specguard sync`, never committed.\n*\n', { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
