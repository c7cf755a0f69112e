/**
 * The CLI: a thin shell over the programmatic API. `main()` parses argv,
 * runs one command and returns the exit code; it never calls `process.exit`.
 */
import { Command, CommanderError } from 'commander';
import { SpecguardError } from '../errors.js';
import { boardCommand } from './board-command.js';
import { briefCommand } from './brief-command.js';
import { checkCommand } from './check-command.js';
import { checkpointCommand } from './checkpoint-command.js';
import { EXIT } from './exit-codes.js';
import { initCommand } from './init-command.js';
import type { CliIo } from './io.js';
import { kindsCommand } from './kinds-command.js';
import { schemaCommand } from './schema-command.js';
import { specCommand } from './spec-command.js';
import { runCommand } from './run-command.js';
import { mcpCommand } from './mcp-command.js';
import { mergeReportsCommand } from './merge-reports-command.js';
import { statsCommand } from './stats-command.js';
import { syncCommand } from './sync-command.js';
import { dbCommand } from './db-command.js';
import { visibleLine } from '../output/sanitize.js';
import { suggestName } from '../strings.js';
import { VERSION } from './version.js';

/**
 * Runs the CLI.
 * @param argv - the arguments after the program name (`process.argv.slice(2)`)
 * @param io - streams, working directory and environment
 * @returns the exit code: 0 clean, 1 findings (errors or too many warnings), 2 usage, config or internal error
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.OK;
  const setExit = (code: number): void => {
    exitCode = code;
  };
  // Commander's own error text is not printed as it comes (two lines, "error: ..."): main() prints it as one line.
  const output = { writeOut: (s: string) => io.stdout.write(s), writeErr: (s: string) => io.stderr.write(s), outputError: () => undefined };
  const program = new Command('specguard')
    .description('Keeps AI-agent work state in git honest.')
    .version(VERSION, '-V, --version')
    .option('--debug', 'print stack traces of internal errors')
    .exitOverride()
    .configureOutput(output)
    .showSuggestionAfterError(true);
  program.addCommand(checkCommand(io, setExit));
  program.addCommand(briefCommand(io, setExit));
  program.addCommand(boardCommand(io, setExit));
  program.addCommand(checkpointCommand(io, setExit));
  program.addCommand(initCommand(io, setExit));
  program.addCommand(schemaCommand(io, setExit));
  program.addCommand(kindsCommand(io, setExit));
  program.addCommand(specCommand(io, setExit));
  program.addCommand(runCommand(io, setExit));
  program.addCommand(mcpCommand(io, setExit));
  program.addCommand(mergeReportsCommand(io, setExit));
  program.addCommand(statsCommand(io, setExit));
  program.addCommand(syncCommand(io, setExit));
  program.addCommand(dbCommand(io, setExit));
  const route = (command: Command): void => {
    command.exitOverride().configureOutput(output);
    command.commands.forEach(route);
  };
  program.commands.forEach(route);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.USAGE;
    }
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version output are successes; everything else commander rejects is a usage error.
      if (error.exitCode === 0) return EXIT.OK;
      io.stderr.write(`specguard: ${visibleLine(usageMessage(program, argv, error))}\n`);
      return EXIT.USAGE;
    }
    const debug = argv.includes('--debug');
    if (error instanceof SpecguardError) {
      io.stderr.write(`specguard: ${visibleLine(error.message)}\n`);
      if (debug && error.cause instanceof Error && error.cause.stack) io.stderr.write(`${error.cause.stack}\n`);
      return EXIT.USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`specguard: internal error: ${visibleLine(message.split('\n')[0]!)}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT.USAGE;
  }
}

/**
 * Commander's rejection of a command line as one sentence, e.g. `unknown option '--fromat' (did you mean
 * --format?)` or `--max-tokens: 'abc' is not a whole number of at least 1`. A required option reported
 * missing while the command line holds an unknown option (`--tsak` for `--task`) is reported as that
 * unknown option, which is what went wrong.
 */
function usageMessage(program: Command, argv: readonly string[], error: CommanderError): string {
  if (error.code === 'commander.missingMandatoryOptionValue') {
    const unknown = unknownOption(program, argv);
    if (unknown) return unknown;
  }
  const text = error.message.replace(/^error: /, '');
  const invalid = /^option '(?:-\w, )?(--[\w-]+)[^']*' argument '([\s\S]*)' is invalid\. ([\s\S]*)$/.exec(text);
  if (invalid) return `${invalid[1]}: '${invalid[2]}' is not ${invalid[3]!.replace(/\.$/, '')}`;
  const oneLine = text
    .replace(/\n\(Did you mean ([^)]*)\)/, ' (did you mean $1)')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
  return error.code === 'commander.missingMandatoryOptionValue' ? `${oneLine} (see ${commandPath(program, argv)} --help)` : oneLine;
}

/** The (sub)command the arguments name, e.g. `checkpoint create`, with the program for none. */
function commandOf(program: Command, argv: readonly string[]): { command: Command; rest: readonly string[] } {
  let command = program;
  let rest = argv;
  for (;;) {
    const next = command.commands.find((c) => c.name() === rest[0] || c.aliases().includes(rest[0] ?? ''));
    if (!next) return { command, rest };
    command = next;
    rest = rest.slice(1);
  }
}

function commandPath(program: Command, argv: readonly string[]): string {
  const names: string[] = [];
  for (let c: Command | null = commandOf(program, argv).command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** The first long option on the command line that the command does not have, as an unknown-option sentence. */
function unknownOption(program: Command, argv: readonly string[]): string | undefined {
  const { command, rest } = commandOf(program, argv);
  const known = [...command.options, ...program.options].map((option) => option.long).filter((flag): flag is string => flag !== undefined);
  for (const arg of rest) {
    if (arg === '--') break;
    if (!arg.startsWith('--')) continue;
    const flag = arg.split('=')[0]!;
    if (known.includes(flag)) continue;
    const near = suggestName(flag, known);
    return `unknown option '${flag}'${near ? ` (did you mean ${near}?)` : ''}`;
  }
  return undefined;
}
