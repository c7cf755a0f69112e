/** `specguard kinds [dir]`: lists the kinds of a repository, their globs, schema and how many files each has. */
import { Command, Option } from 'commander';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { repositoryOptions, type RepositoryFlags } from './options.js';

interface KindsFlags extends RepositoryFlags {
  format: 'text' | 'json';
}

/** Builds the `kinds` command; `setExit` receives its exit code. */
export function kindsCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('kinds')
    .description('List the kinds of document (built-in and from the config), their globs and schema, and how many files of each the repository has.')
    .argument('[dir]', 'the repository', '.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-c, --config <file>', 'config file (default: specguard.config.{yaml,yml,json} in the repository)')
    .action(async (dir: string, flags: KindsFlags) => {
      const { kindCensus } = await import('../kinds/kind-census.js');
      const census = await kindCensus(repositoryOptions(io, dir, flags));
      if (flags.format === 'json') {
        io.stdout.write(`${JSON.stringify(census, null, 2)}\n`);
        return setExit(EXIT.OK);
      }
      const rows = [['kind', 'files', 'globs', 'schema'], ...census.kinds.map((k) => [k.builtIn ? k.name : `${k.name} (custom)`, String(k.files), k.globs.join(', '), k.schema])];
      const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
      const line = (row: string[]): string =>
        row
          .map((cell, column) => (column === 1 ? cell.padStart(widths[column]!) : column === row.length - 1 ? cell : cell.padEnd(widths[column]!)))
          .join('  ');
      io.stdout.write(rows.map((row) => `${line(row)}\n`).join(''));
      return setExit(EXIT.OK);
    });
}
