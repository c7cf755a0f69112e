/** `specguard run seal <manifest> [dir]`: pins a run's logs to its manifest (see {@link sealManifest}). */
import path from 'node:path';
import { Command } from 'commander';
import { visibleLine } from '../output/sanitize.js';
import { shortSha } from '../git/short-sha.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';

interface SealFlags {
  commit?: string;
}

/** Builds the `run` command and its `seal` subcommand; `setExit` receives the exit code. */
export function runCommand(io: CliIo, setExit: (code: number) => void): Command {
  const run = new Command('run').description('Work on run manifests.');
  run
    .command('seal')
    .description("Pin a run's logs to its manifest right after the run: writes each command's log_sha256 (and, with --commit, the commit the run ran at), so that evidence-tampered reports a log edited later and evidence-stale dates the run.")
    .argument('<manifest>', 'the run manifest (relative to the working directory)')
    .argument('[dir]', 'the repository', '.')
    .option('--commit <rev>', 'the commit the run ran at (HEAD, a sha), written as the manifest\'s commit')
    .action(async (manifest: string, dir: string, flags: SealFlags) => {
      const { sealManifest } = await import('../runs/seal-manifest.js');
      const root = path.resolve(io.cwd, dir);
      const result = await sealManifest({ root, manifest: path.relative(root, path.resolve(io.cwd, manifest)).split(path.sep).join('/'), ...(flags.commit !== undefined ? { commit: flags.commit } : {}) });
      const parts = [`${result.sealed.length} log${result.sealed.length === 1 ? '' : 's'} sealed`, ...(result.unchanged.length > 0 ? [`${result.unchanged.length} already sealed`] : []), ...(result.commit ? [`commit ${shortSha(result.commit)}`] : [])];
      io.stdout.write(`${visibleLine(result.manifest)}: ${parts.join(', ')}\n`);
      setExit(EXIT.OK);
    });
  return run;
}
