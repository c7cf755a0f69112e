/**
 * `specguard checkpoint create`: writes a new checkpoint and prints its path. A task that nothing in the
 * repository names is refused with exit 1 (unless `--new-task`); without `--summary` it asks on a terminal,
 * and refuses elsewhere.
 */
import { Command, Option } from 'commander';
import { CHECKPOINT_KINDS } from '../checkpoint/checkpoint-kinds.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { repositoryOptions, type RepositoryFlags } from './options.js';

interface CreateFlags extends RepositoryFlags {
  task: string;
  kind: string;
  summary?: string;
  agent?: string;
  next?: string[];
  artifact?: string[];
  fromGit?: boolean;
  newTask?: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Builds the `checkpoint` command group; `setExit` receives the exit code. */
export function checkpointCommand(io: CliIo, setExit: (code: number) => void): Command {
  const group = new Command('checkpoint').description('Write checkpoints: what an agent has done on a task so far.');
  group
    .command('create')
    .description('Write a new checkpoint (state/checkpoints/<task>/<UTC time>-<kind>.md) from the template, filled from git; print its path.')
    .argument('[dir]', 'the repository', '.')
    .requiredOption('-t, --task <id>', 'the task id')
    .addOption(new Option('-k, --kind <kind>', 'what moment it records').choices([...CHECKPOINT_KINDS]).makeOptionMandatory())
    .option('-s, --summary <text>', 'one or two sentences: what is done and what is not (asked for on a terminal; required elsewhere)')
    .option('-a, --agent <name>', 'who writes it (default: SPECGUARD_AGENT, else git user.name)')
    .option('--next <step>', 'a next step (repeat for several)', collect)
    .option('--artifact <path>', 'a file the agent produced (repeat for several)', collect)
    .option('--from-git', 'fill "what changed since the last checkpoint" from commits and run manifests')
    .option('--new-task', 'start a new task: write its checkpoint although no packet, task list, checkpoint, run manifest or commit names it yet')
    .option('--now <iso>', 'the time to record (ISO 8601); default SOURCE_DATE_EPOCH, else now')
    .option('-c, --config <file>', 'config file')
    .action(async (dir: string, flags: CreateFlags) => {
      const { createCheckpoint, UnknownTaskError } = await import('../checkpoint/create-checkpoint.js');
      const stdin = io.stdin;
      // On a terminal a person is asked for the summary (on stderr: stdout carries only the path).
      const askSummary =
        flags.summary === undefined && stdin?.isTTY
          ? async (): Promise<string | undefined> => {
              const { askOne } = await import('../init/prompts.js');
              return askOne(stdin, io.stderr, `Summary of task ${flags.task}, one or two sentences (what is done, what is not): `, (answer) =>
                answer === '' ? { problem: 'a checkpoint needs a summary (end the input to give up)' } : { value: answer },
              );
            }
          : undefined;
      let created;
      try {
        created = await createCheckpoint({
          ...repositoryOptions(io, dir, flags),
          task: flags.task,
          kind: flags.kind,
          ...(flags.summary !== undefined ? { summary: flags.summary } : {}),
          ...(askSummary ? { askSummary } : {}),
          ...(flags.newTask ? { newTask: true } : {}),
          ...(flags.agent !== undefined ? { agent: flags.agent } : {}),
          ...(flags.next ? { nextSteps: flags.next } : {}),
          ...(flags.artifact ? { artifacts: flags.artifact } : {}),
          ...(flags.fromGit ? { fromGit: true } : {}),
        });
      } catch (error) {
        // Like `brief` of an unknown task: exit 1, not a usage error.
        if (!(error instanceof UnknownTaskError)) throw error;
        io.stderr.write(`specguard: ${error.message}\n`);
        return setExit(EXIT.FINDINGS);
      }
      io.stdout.write(`${created.path}\n`);
      return setExit(EXIT.OK);
    });
  return group;
}
