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
  const program = new Command('specguard')
    .description('Keeps AI-agent work state in git honest.')
    .version(VERSION, '-V, --version')
    .option('--debug', 'print stack traces of internal errors')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showSuggestionAfterError(true);
  program.addCommand(checkCommand(io, setExit));
  program.addCommand(briefCommand(io, setExit));
  program.addCommand(boardCommand(io, setExit));
  program.addCommand(checkpointCommand(io, setExit));
  program.addCommand(initCommand(io, setExit));
  program.addCommand(schemaCommand(io, setExit));
  program.addCommand(kindsCommand(io, setExit));
  const route = (command: Command): void => {
    command.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
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
      // Help and version output are successes; everything else commander rejects is a usage error (already printed).
      return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    const debug = argv.includes('--debug');
    if (error instanceof SpecguardError) {
      io.stderr.write(`specguard: ${error.message}\n`);
      if (debug && error.cause instanceof Error && error.cause.stack) io.stderr.write(`${error.cause.stack}\n`);
      return EXIT.USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`specguard: internal error: ${message.split('\n')[0]}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT.USAGE;
  }
}
