/** The embedded database's lock file: a dead holder's lock is broken at once, a live holder's is waited for. */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquirePidLock } from '../../src/fs/pid-lock.js';
import { tempRepo } from '../helpers/temp-repo.js';

describe('acquirePidLock', () => {
  it('breaks the lock of a process that is gone, and releases only its own lock', async () => {
    const lock = path.join(tempRepo(), 'db.lock');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    fs.writeFileSync(lock, `${gone.stdout} ${os.hostname()}\n`);
    const release = await acquirePidLock(lock, 1_000);
    expect(fs.readFileSync(lock, 'utf8')).toBe(`${process.pid} ${os.hostname()}\n`);
    release();
    expect(fs.existsSync(lock)).toBe(false);
    // A lock another process took meanwhile is not removed by a late release.
    const again = await acquirePidLock(lock, 1_000);
    fs.writeFileSync(lock, `1 ${os.hostname()}\n`);
    again();
    expect(fs.existsSync(lock)).toBe(true);
  });

  it('waits for a live holder, and names it when the wait runs out', async () => {
    const lock = path.join(tempRepo(), 'db.lock');
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      fs.writeFileSync(lock, `${holder.pid} ${os.hostname()}\n`);
      await expect(acquirePidLock(lock, 300)).rejects.toThrow(`timed out after 0 s; held by process ${holder.pid} ${os.hostname()}`);
      // Another host's holder cannot be asked whether it runs: its lock stands.
      fs.writeFileSync(lock, `${process.pid + 1_000_000} another-host\n`);
      await expect(acquirePidLock(lock, 300)).rejects.toThrow(/timed out/);
      // Once the holder is gone (here: its lock released), the waiter gets in.
      fs.writeFileSync(lock, `${holder.pid} ${os.hostname()}\n`);
      const waiting = acquirePidLock(lock, 5_000);
      setTimeout(() => fs.rmSync(lock), 200);
      const release = await waiting;
      expect(fs.readFileSync(lock, 'utf8')).toBe(`${process.pid} ${os.hostname()}\n`);
      release();
    } finally {
      holder.kill('SIGKILL');
    }
  });
});
