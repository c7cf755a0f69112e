/** `specguard init [dir]`: sets specguard up in an existing git repository and says what it wrote. */
import path from 'node:path';
import { Command } from 'commander';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { wholeNumber } from './options.js';

/** Width of the status column ("overwritten" and two spaces). */
const STATUS_WIDTH = 13;

interface InitFlags {
  yes?: boolean;
  force?: boolean;
  shards?: number;
}

/** Builds the `init` command; `setExit` receives its exit code. */
export function initCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('init')
    .description(
      'Set specguard up in a git repository: a commented specguard.config.yaml, copies of the schemas and templates, a CI workflow and npm scripts. Never overwrites a file without --force.',
    )
    .argument('[dir]', "the repository's top level", '.')
    .option('-y, --yes', 'take the default folders without asking (also when stdin is not a terminal)')
    .option('--force', 'overwrite files that differ from what init writes, and npm scripts of the same name')
    .option('--shards <n>', 'also write a CI workflow that checks in n shards and merges their reports (2 to 64)', wholeNumber(2))
    .action(async (dir: string, flags: InitFlags) => {
      const [{ initDefaults, initRepository }, { askLayout }] = await Promise.all([import('../init/init.js'), import('../init/prompts.js')]);
      const defaults = await initDefaults(path.resolve(io.cwd, dir));
      // Folders are asked for specguard's own layout; a preset knows its ecosystem's.
      const own = defaults.presets.length === 1 && defaults.presets[0] === 'specguard';
      const layout = own && !flags.yes && io.stdin?.isTTY ? await askLayout(defaults.layout, io.stdin, io.stderr) : defaults.layout;
      const result = await initRepository({ root: defaults.root, layout, force: flags.force === true, presets: defaults.presets, ...(flags.shards !== undefined ? { shards: flags.shards } : {}) });
      if (result.detected.length === 0) io.stdout.write(`${'layout'.padEnd(STATUS_WIDTH)}no existing layout recognised; using the specguard preset\n`);
      for (const found of result.detected) {
        const counts = Object.entries(found.files).map(([kind, count]) => `${kind} ${count} file${count === 1 ? '' : 's'}`);
        io.stdout.write(`${'found'.padEnd(STATUS_WIDTH)}${found.name} layout${counts.length > 0 ? ` (${counts.join(', ')})` : ''}\n`);
      }
      for (const file of result.files) io.stdout.write(`${file.status.padEnd(STATUS_WIDTH)}${file.path}${file.note ? ` (${file.note})` : ''}\n`);
      io.stdout.write(`\nNext:\n${result.next.map((command) => `  ${command}\n`).join('')}`);
      io.stdout.write(`\nFor agents (MCP):\n${result.agents.map((line) => `  ${line}\n`).join('')}`);
      setExit(EXIT.OK);
    });
}
