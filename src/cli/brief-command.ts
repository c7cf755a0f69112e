/** `specguard brief --task <id> [dir]`: renders the rescue brief of a task. */
import { Command, Option } from 'commander';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { repositoryOptions, wholeNumber, type RepositoryFlags } from './options.js';
import { commandProgress } from './progress-line.js';

interface BriefFlags extends RepositoryFlags {
  task: string;
  format: 'markdown' | 'json';
  maxTokens?: number;
  progress?: boolean;
}

/** Builds the `brief` command; `setExit` receives its exit code. */
export function briefCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('brief')
    .description('Show where a task stands, from its packet, checkpoints, runs and git history: for the agent that takes it over.')
    .argument('[dir]', 'the repository', '.')
    .requiredOption('-t, --task <id>', 'the task id')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['markdown', 'json']).default('markdown'))
    .option('--max-tokens <n>', 'keep the brief within this many tokens (o200k), leaving out the oldest detail first', wholeNumber(1))
    .option('--now <iso>', 'the clock ages are measured against (ISO 8601); default SOURCE_DATE_EPOCH, else now')
    .option('-c, --config <file>', 'config file (default: specguard.config.{yaml,yml,json} in the repository)')
    .option('--no-progress', 'no progress line on stderr (shown only on a terminal, never when CI is set)')
    .action(async (dir: string, flags: BriefFlags) => {
      const [{ brief }, { renderWithin }, { renderMarkdown }] = await Promise.all([
        import('../brief/brief.js'),
        import('../brief/fit-budget.js'),
        import('../brief/render-markdown.js'),
      ]);
      const progress = commandProgress(io, flags.progress);
      let result;
      try {
        result = await brief({ ...repositoryOptions(io, dir, flags), task: flags.task, ...(progress.enabled ? { onProgress: (step: string) => progress.update(step) } : {}) });
      } finally {
        progress.done();
      }
      if (!result) {
        io.stderr.write(`specguard: unknown task \`${flags.task}\`: no packet, checkpoint, run manifest or commit mentions it\n`);
        return setExit(EXIT.FINDINGS);
      }
      const render = flags.format === 'json' ? (b: typeof result) => `${JSON.stringify(b, null, 2)}\n` : renderMarkdown;
      io.stdout.write(renderWithin(result, render, flags.maxTokens).text);
      return setExit(EXIT.OK);
    });
}
