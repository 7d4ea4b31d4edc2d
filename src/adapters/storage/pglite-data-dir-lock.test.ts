import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, DataDirLock, describeProcess, LOCK_FILE_NAME } from './pglite-data-dir-lock.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orderflow-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lockFile = () => join(dir, LOCK_FILE_NAME);
const writeOwner = (owner: object) => writeFile(lockFile(), JSON.stringify(owner));

/** A pid that belonged to a process which has exited. */
function deadPid(): number {
  const { pid } = spawnSync('true');
  if (pid === undefined) throw new Error('could not run `true`');
  return pid;
}

describe('DataDirLock', () => {
  it('writes the owner pid into the lock file and removes it on release', async () => {
    const lock = await DataDirLock.acquire(dir);
    const owner = JSON.parse(await readFile(lockFile(), 'utf8')) as { pid: number };
    expect(owner.pid).toBe(process.pid);
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a second holder in the same process, naming the directory and pid', async () => {
    const lock = await DataDirLock.acquire(dir);
    const second = DataDirLock.acquire(dir);
    await expect(second).rejects.toBeInstanceOf(DataDirInUseError);
    await expect(second).rejects.toThrow(`DATA_DIR ${dir} is in use by process ${process.pid}`);
    await lock.release();
    await (await DataDirLock.acquire(dir)).release();
  });

  it('lets exactly one of many concurrent acquirers win', async () => {
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => DataDirLock.acquire(dir)));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(DataDirInUseError);
    await (won[0] as PromiseFulfilledResult<DataDirLock>).value.release();
  });

  it('refuses while another live process holds the lock', async () => {
    // The parent of the test process is alive and described exactly as it would describe itself.
    await writeOwner(await describeProcess(process.ppid, 'parent'));
    await expect(DataDirLock.acquire(dir)).rejects.toThrow(`in use by process ${process.ppid}`);
    expect(JSON.parse(await readFile(lockFile(), 'utf8')).token).toBe('parent');
  });

  it('breaks a lock whose owner died (SIGKILL leaves the file behind)', async () => {
    const pid = deadPid();
    await writeOwner({ ...(await describeProcess(process.pid, 'x')), pid, token: 'dead' });
    const lock = await DataDirLock.acquire(dir);
    expect(JSON.parse(await readFile(lockFile(), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('breaks a lock whose pid now belongs to another process (pid reuse)', async () => {
    const live = await describeProcess(process.ppid, 'reused');
    if (live.startTime === undefined) return expect(process.platform).not.toBe('linux');
    await writeOwner({ ...live, startTime: String(Number(live.startTime) - 1) });
    const lock = await DataDirLock.acquire(dir);
    await lock.release();
  });

  it('breaks a lock file left with our own pid by an earlier process', async () => {
    await writeOwner({ pid: process.pid, token: 'earlier-incarnation' });
    await (await DataDirLock.acquire(dir)).release();
  });

  it('breaks a damaged lock file', async () => {
    await writeFile(lockFile(), '{"pid":');
    await (await DataDirLock.acquire(dir)).release();
  });

  it('release leaves a lock that is no longer its own', async () => {
    const lock = await DataDirLock.acquire(dir);
    await writeOwner({ pid: process.ppid, token: 'someone-else' });
    await lock.release();
    expect(JSON.parse(await readFile(lockFile(), 'utf8')).token).toBe('someone-else');
  });
});
