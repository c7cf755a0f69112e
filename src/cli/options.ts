/** Option parsers and option plumbing shared by the commands. */
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { BUILTIN_FORMAT_NAMES } from '../formatters/format-names.js';
import type { WorkspaceOptions } from '../check/workspace.js';
import type { CliIo } from './io.js';

/** Parses a whole number of at least `min`. */
export function wholeNumber(min: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < min) throw new InvalidArgumentError(`a whole number of at least ${min}`);
    return Number(value);
  };
}

/** The flags every command that reads a repository takes. */
export interface RepositoryFlags {
  now?: string;
  config?: string;
}

/** The repository options of a command: its `[dir]` argument, `--now`, `--config`, and the environment. */
export function repositoryOptions(io: CliIo, dir: string, flags: RepositoryFlags): Pick<WorkspaceOptions, 'root' | 'env' | 'now' | 'configFile'> {
  return {
    root: path.resolve(io.cwd, dir),
    env: io.env,
    ...(flags.now ? { now: flags.now } : {}),
    ...(flags.config ? { configFile: path.resolve(io.cwd, flags.config) } : {}),
  };
}

/** The options of a command that writes a report (`check`, `merge-reports`): its format, its file, the warnings allowed. */
export function reportOptions(command: Command): Command {
  return command
    .addOption(new Option('-f, --format <name>', `report format: ${BUILTIN_FORMAT_NAMES.join(', ')}, or a path to a formatter module`).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', wholeNumber(0));
}
