/** `specguard db migrate|status`: the database's migrations (see `src/db/migrations.ts`, runbook `docs/database.md`). */
import path from 'node:path';
import { Command } from 'commander';
import { visibleLine } from '../output/sanitize.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { DATABASE_OPTION_HELP } from './sync-command.js';

interface DbFlags {
  database?: string;
  allowDestructive?: boolean;
}

/** Builds the `db` command and its subcommands; `setExit` receives their exit code. */
export function dbCommand(io: CliIo, setExit: (code: number) => void): Command {
  const open = async (flags: DbFlags, create: boolean) => {
    const { openDatabase, parseDatabaseTarget, DEFAULT_EMBEDDED_FOLDER } = await import('../db/database.js');
    return openDatabase(parseDatabaseTarget(flags.database ?? path.join(io.cwd, DEFAULT_EMBEDDED_FOLDER), io.cwd), { create });
  };
  const database = `-d, --database <target>`;
  const databaseHelp = `${DATABASE_OPTION_HELP} (default: .specguard/db in the working directory)`;
  return new Command('db')
    .description('Apply and list the database\'s migrations.')
    .addCommand(
      new Command('migrate')
        .description('Apply the pending migrations, each in one transaction; one that drops or rewrites data only with --allow-destructive.')
        .option(database, databaseHelp)
        .option('--allow-destructive', 'also apply migrations that drop or rewrite data (back the database up first)')
        .action(async (flags: DbFlags) => {
          const { migrate } = await import('../db/migrations.js');
          const db = await open(flags, true);
          try {
            const applied = await migrate(db, { allowDestructive: flags.allowDestructive === true });
            for (const migration of applied) io.stdout.write(`Applied migration ${migration.name}.\n`);
            if (applied.length === 0) io.stdout.write(`${visibleLine(db.location)} is up to date.\n`);
          } finally {
            await db.close();
          }
          setExit(EXIT.OK);
        }),
    )
    .addCommand(
      new Command('status')
        .description('List the applied and the pending migrations.')
        .option(database, databaseHelp)
        .action(async (flags: DbFlags) => {
          const { migrationStatus } = await import('../db/migrations.js');
          const db = await open(flags, false);
          try {
            const status = await migrationStatus(db);
            for (const m of status.applied) io.stdout.write(`applied  ${m.name}  ${m.applied_at}\n`);
            for (const m of status.pending) io.stdout.write(`pending  ${m.name}${m.destructive ? '  (destructive)' : ''}\n`);
          } finally {
            await db.close();
          }
          setExit(EXIT.OK);
        }),
    );
}
