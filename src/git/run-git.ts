/**
 * Runs git as a child process for the calls that stream large output or feed
 * stdin (log over long histories, `cat-file --batch`). Part of the git module:
 * no module outside `src/git/` spawns git.
 */
import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';

/** Raised when git exits non-zero or cannot be started. */
export class GitCommandError extends Error {
  readonly exitCode: number | null;
  constructor(message: string, exitCode: number | null) {
    super(message);
    this.name = 'GitCommandError';
    this.exitCode = exitCode;
  }
}

/**
 * Options before every command: output in the shapes the parsers read, whatever a user's or repository's config
 * says (quoted paths, colour, signatures in `log`, diff prefixes); the one call that prints a diff also passes
 * `--no-ext-diff --no-textconv`.
 */
export const SAFE_OPTIONS: readonly string[] = [
  '-c', 'core.quotePath=false',
  '-c', 'color.ui=false',
  '-c', 'log.showSignature=false',
  '-c', 'diff.noprefix=false',
  '-c', 'core.pager=cat',
];

/**
 * The environment git runs in: the process's, less every `GIT_*` variable (`GIT_DIR`, `GIT_WORK_TREE`,
 * `GIT_INDEX_FILE`, `GIT_CONFIG_*`, `GIT_EXTERNAL_DIFF`... could point git at another repository or change its
 * output), plus no prompts, no optional locks and no pager, and `GIT_FLUSH=0`: output fully buffered, where git
 * would otherwise flush a pipe after every record (20,000 writes, and as many reads here, for a log of 20,000
 * commits). Every call hands git its whole input at once, so nothing waits on a record git has not flushed.
 */
export function safeEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) if (!key.startsWith('GIT_')) clean[key] = value;
  return { ...clean, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_PAGER: 'cat', GIT_FLUSH: '0' };
}

/**
 * Runs `git <args>` in `cwd` (with {@link SAFE_OPTIONS}, in {@link safeEnvironment}) and returns its stdout as bytes.
 * @param input - written to git's stdin, which is then closed
 * @throws GitCommandError when git cannot be started or exits non-zero (its first stderr line is the message)
 */
export async function runGit(cwd: string, args: readonly string[], input?: string): Promise<Buffer> {
  const out: Buffer[] = [];
  await spawnGit(cwd, args, input, (chunk) => out.push(chunk));
  return Buffer.concat(out);
}

/**
 * Runs `git <args>` as {@link runGit} does, handing its stdout to `onText` as it comes, decoded as UTF-8 (a
 * character split between two chunks is kept whole), so that a long history is parsed without being held twice.
 * @throws GitCommandError when git cannot be started or exits non-zero
 */
export async function streamGit(cwd: string, args: readonly string[], onText: (text: string) => void): Promise<void> {
  const decoder = new StringDecoder('utf8');
  await spawnGit(cwd, args, undefined, (chunk) => onText(decoder.write(chunk)));
  const rest = decoder.end();
  if (rest) onText(rest);
}

function spawnGit(cwd: string, args: readonly string[], input: string | undefined, onData: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...SAFE_OPTIONS, ...args], {
      cwd,
      env: safeEnvironment(process.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const err: Buffer[] = [];
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new GitCommandError(`git could not be started: ${error.message}`, null)));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new GitCommandError(Buffer.concat(err).toString('utf8').split('\n')[0] || `git exited with code ${code}`, code));
    });
    child.stdin.on('error', () => undefined); // git may exit before reading all of stdin
    child.stdin.end(input ?? '');
  });
}
