/**
 * Opens a written board with the platform's opener: `open` on macOS,
 * `start` (through `cmd`) on Windows, `xdg-open` elsewhere (freedesktop.org).
 * The opener runs detached; the board is written whether or not it starts.
 */
import { spawn } from 'node:child_process';

/** The opener command of a platform (a `process.platform` value) and its arguments for a file. */
export function openerFor(platform: NodeJS.Platform, file: string): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [file] };
  if (platform === 'win32') return { command: 'cmd', args: ['/d', '/s', '/c', 'start', '""', `"${file}"`] };
  return { command: 'xdg-open', args: [file] };
}

/**
 * Starts the opener on a file and does not wait for it.
 * @param file - absolute path
 * @param env - the environment (its `PATH` finds the opener)
 * @returns `undefined` once the opener has started, or why it could not start (e.g. no `xdg-open` on a server)
 */
export function openPage(file: string, env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform): Promise<string | undefined> {
  const { command, args } = openerFor(platform, file);
  return new Promise((resolve) => {
    try {
      const child = spawn(command, args, { detached: true, stdio: 'ignore', env, windowsVerbatimArguments: platform === 'win32' });
      child.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ENOENT' ? `\`${command}\` not found` : error.message));
      child.once('spawn', () => {
        child.unref();
        resolve(undefined);
      });
    } catch (error) {
      resolve((error as Error).message);
    }
  });
}
