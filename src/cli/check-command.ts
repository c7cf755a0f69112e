/** `specguard check [dir]`: runs {@link check} and prints the report. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { check } from '../check/check.js';
import { SpecguardError } from '../errors.js';
import { BUILTIN_FORMATTERS, loadFormatter } from '../formatters/load-formatter.js';
import { EXIT } from './exit-codes.js';
import { useColor, type CliIo } from './io.js';
import { repositoryOptions, wholeNumber, type RepositoryFlags } from './options.js';

/** Options of `specguard check`, as parsed by commander. */
interface CheckFlags extends RepositoryFlags {
  format: string;
  output?: string;
  maxWarnings?: number;
  color?: boolean;
}

/** Builds the `check` command; `setExit` receives its exit code. */
export function checkCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('check')
    .description('Validate task packets, checkpoints, task lists, mini-specs and run manifests; exit 1 on errors.')
    .argument('[dir]', 'the repository to check', '.')
    .addOption(new Option('-f, --format <name>', `report format: ${Object.keys(BUILTIN_FORMATTERS).join(', ')}, or a path to a formatter module`).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', wholeNumber(0))
    .option('--now <iso>', 'the date freshness is measured against (ISO 8601); default SOURCE_DATE_EPOCH, else today')
    .option('-c, --config <file>', 'config file (default: specguard.config.{yaml,yml,json} in the repository)')
    .option('--color', 'force colours')
    .option('--no-color', 'no colours')
    .action(async (dir: string, flags: CheckFlags) => {
      const formatter = await loadFormatter(flags.format, io.cwd);
      const report = await check(repositoryOptions(io, dir, flags));
      const text = formatter(report, { color: flags.output ? false : useColor(flags.color, io.stdout, io.env) });
      if (flags.output) {
        const target = path.resolve(io.cwd, flags.output);
        try {
          await writeFile(target, text);
        } catch (error) {
          throw new SpecguardError('WRITE', `--output: cannot write ${flags.output} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
        }
      } else {
        io.stdout.write(text);
      }
      const { errors, warnings } = report.summary;
      if (errors > 0) return setExit(EXIT.FINDINGS);
      if (flags.maxWarnings !== undefined && warnings > flags.maxWarnings) {
        io.stderr.write(`specguard: ${warnings} warnings, more than --max-warnings ${flags.maxWarnings}\n`);
        return setExit(EXIT.FINDINGS);
      }
      return setExit(EXIT.OK);
    });
}
