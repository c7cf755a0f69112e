/** Option parsers and option plumbing shared by the commands. */
import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { WorkspaceOptions } from '../check/workspace.js';
import type { CliIo } from './io.js';

/** Parses a whole number of at least `min`. */
export function wholeNumber(min: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < min) throw new InvalidArgumentError(`a whole number of at least ${min}`);
    return Number(value);
  };
}

/** The flags every command that reads a repository takes. */
export interface RepositoryFlags {
  now?: string;
  config?: string;
}

/** The repository options of a command: its `[dir]` argument, `--now`, `--config`, and the environment. */
export function repositoryOptions(io: CliIo, dir: string, flags: RepositoryFlags): Pick<WorkspaceOptions, 'root' | 'env' | 'now' | 'configFile'> {
  return {
    root: path.resolve(io.cwd, dir),
    env: io.env,
    ...(flags.now ? { now: flags.now } : {}),
    ...(flags.config ? { configFile: path.resolve(io.cwd, flags.config) } : {}),
  };
}
