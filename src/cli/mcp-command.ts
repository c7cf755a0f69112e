/** `specguard mcp [dir]`: serves the MCP tools of {@link createServer} over stdio, bound to the work tree of `dir`. */
import path from 'node:path';
import { Command } from 'commander';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';

/** Builds the `mcp` command; `setExit` receives the exit code once the client goes away. */
export function mcpCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('mcp')
    .description('Serve agents over MCP (stdio): task_status, task_brief, check, checkpoint_create, list_tasks; bound to the git work tree it starts in.')
    .argument('[dir]', 'a folder of the work tree to serve (default: the working directory)', '.')
    .action(async (dir: string) => {
      const [{ serveStdio }, { openRepository }, { assertFolder }] = await Promise.all([import('../mcp/server.js'), import('../git/repository.js'), import('../fs/assert-folder.js')]);
      const folder = path.resolve(io.cwd, dir);
      assertFolder(folder);
      // Bound to the work tree (a linked worktree is its own): its top level, or the folder outside git.
      const root = (await openRepository(folder))?.topLevel ?? folder;
      await serveStdio({ root, env: io.env });
      setExit(EXIT.OK);
    });
}
