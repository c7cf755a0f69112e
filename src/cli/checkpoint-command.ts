/** `specguard checkpoint create`: writes a new checkpoint and prints its path. */
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
    .option('-s, --summary <text>', 'one or two sentences: what is done and what is not')
    .option('-a, --agent <name>', 'who writes it (default: SPECGUARD_AGENT, else git user.name)')
    .option('--next <step>', 'a next step (repeat for several)', collect)
    .option('--artifact <path>', 'a file the agent produced (repeat for several)', collect)
    .option('--from-git', 'fill "what changed since the last checkpoint" from commits and run manifests')
    .option('--now <iso>', 'the time to record (ISO 8601); default SOURCE_DATE_EPOCH, else now')
    .option('-c, --config <file>', 'config file')
    .action(async (dir: string, flags: CreateFlags) => {
      const { createCheckpoint } = await import('../checkpoint/create-checkpoint.js');
      const created = await createCheckpoint({
        ...repositoryOptions(io, dir, flags),
        task: flags.task,
        kind: flags.kind,
        ...(flags.summary !== undefined ? { summary: flags.summary } : {}),
        ...(flags.agent !== undefined ? { agent: flags.agent } : {}),
        ...(flags.next ? { nextSteps: flags.next } : {}),
        ...(flags.artifact ? { artifacts: flags.artifact } : {}),
        ...(flags.fromGit ? { fromGit: true } : {}),
      });
      io.stdout.write(`${created.path}\n`);
      setExit(EXIT.OK);
    });
  return group;
}
