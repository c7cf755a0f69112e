/**
 * The secret that signs this user's `--cache` files on this machine. A cache
 * file lies in the repository (by default), where a pull request can commit
 * one that says every file was checked and clean; a cache is reused only when
 * its HMAC-SHA256 under this secret holds, and the secret is kept outside
 * every repository: `$SPECGUARD_CACHE_SECRET_DIR`, else
 * `$XDG_CACHE_HOME/specguard`, else `~/.cache/specguard` (the XDG Base
 * Directory specification's cache folder), in a file `cache-secret` of 32
 * random bytes (hex), readable by its owner only.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The secret, or why there is none (one sentence). */
export type CacheSecret = { key: Buffer } | { missing: string };

const FILE = 'cache-secret';

/**
 * The folder that holds the secret.
 * @param env - the run's environment
 */
export function cacheSecretDir(env: Record<string, string | undefined>): string {
  if (env.SPECGUARD_CACHE_SECRET_DIR) return path.resolve(env.SPECGUARD_CACHE_SECRET_DIR);
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, 'specguard');
  return path.join(os.homedir(), '.cache', 'specguard');
}

/**
 * Reads the secret, creating it (mode 0600, in a folder of mode 0700) on first use. Never throws.
 * @param env - the run's environment (see {@link cacheSecretDir})
 */
export function cacheSecret(env: Record<string, string | undefined>): CacheSecret {
  const dir = cacheSecretDir(env);
  const file = path.join(dir, FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const stats = lstatSync(file);
      if (!stats.isFile() || stats.size > 1024) return { missing: `${file} is not a regular file of at most 1 KiB` };
      const text = readFileSync(file, 'utf8').trim();
      if (!/^[0-9a-f]{64}$/.test(text)) return { missing: `${file} does not hold a secret (64 hex digits)` };
      return { key: Buffer.from(text, 'hex') };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') return { missing: `${file} cannot be read (${code ?? String(error)})` };
    }
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      // `wx`: of two runs creating it at once, one writes and both then read the same secret.
      writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') return { missing: `${file} cannot be created (${code ?? String(error)})` };
    }
  }
  return { missing: `${file} cannot be read` };
}

/** HMAC-SHA256 (hex) of a cache file's payload under the secret. */
export function signCache(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('hex');
}
