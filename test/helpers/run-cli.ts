/** Runs the CLI in-process through `main(argv, io)` and captures what it prints. */
import { main } from '../../src/cli/main.js';

/** What a CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `specguard <argv>` with the given working directory, no colours and no TTY. */
export async function runCli(argv: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    cwd,
    env,
  });
  return { code, stdout, stderr };
}
