/**
 * A lock file that names the process holding it (`<pid> <hostname>`), for a folder that one process may open at a
 * time (the embedded database). It is created with `O_EXCL`; a lock whose process on this host no longer runs (a
 * process killed with SIGKILL) is broken at once, whatever the time, so neither a killed holder nor a holder whose
 * event loop is busy for long makes another process wait wrongly or get in.
 */
import fs from 'node:fs';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/** A lock that is empty or unreadable for this long (ms) was left by a process killed as it wrote it. */
const UNWRITTEN_STALE_MS = 10_000;

/**
 * Takes the lock, waiting while another live process holds it.
 * @param lockPath - the lock file
 * @param waitMs - how long to wait, in ms
 * @returns a function that releases the lock (if it is still this process's)
 * @throws Error `timed out` when the lock is still held after `waitMs`; file system errors other than EEXIST
 */
export async function acquirePidLock(lockPath: string, waitMs: number): Promise<() => void> {
  const mine = `${process.pid} ${os.hostname()}\n`;
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      fs.writeFileSync(lockPath, mine, { flag: 'wx' });
      return () => {
        if (readText(lockPath) === mine) fs.rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const held = readText(lockPath);
    if (held !== undefined && isStale(lockPath, held)) {
      breakLock(lockPath, held);
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(waitMs / 1000)} s; held by process ${held?.trim() || 'unknown'}`);
    await sleep(100);
  }
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function isStale(lockPath: string, text: string): boolean {
  const owner = /^(\d+) (\S+)\n$/.exec(text);
  if (!owner) {
    try {
      return Date.now() - fs.statSync(lockPath).mtimeMs > UNWRITTEN_STALE_MS;
    } catch {
      return false;
    }
  }
  if (owner[2] !== os.hostname()) return false; // another host's process: it cannot be asked
  try {
    process.kill(Number(owner[1]), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Moves the stale lock aside (atomically) and removes it. Should another process have replaced it in between, the
 * lock moved aside is that process's live one: it is put back.
 */
function breakLock(lockPath: string, stale: string): void {
  const aside = `${lockPath}.${process.pid}.${Date.now()}`;
  try {
    fs.renameSync(lockPath, aside);
  } catch {
    return;
  }
  if (readText(aside) !== stale) {
    try {
      fs.linkSync(aside, lockPath);
    } catch {
      // the place was taken again meanwhile: that holder's lock stands
    }
  }
  fs.rmSync(aside, { force: true });
}
