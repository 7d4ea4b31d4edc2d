import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** The lock file inside the data directory. */
export const LOCK_FILE_NAME = 'orderflow.lock';

/** Who holds a lock: enough to tell a live owner from a dead one whose pid was reused. */
export interface LockOwner {
  pid: number;
  /** Linux: the kernel's boot id and the process's start time (clock ticks after boot). */
  bootId?: string;
  startTime?: string;
  /** Unique per acquisition, so a breaker removes exactly the stale file it judged. */
  token: string;
}

/** Another live process holds the data directory. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`DATA_DIR ${dir} is in use by process ${pid}; stop it first (one process per data directory)`);
    this.name = 'DataDirInUseError';
  }
}

/** Directories locked by this process: a second open in the same process must fail too. */
const heldHere = new Set<string>();
/** Tokens of lock files this process wrote (or is writing): never stale while we run. */
const tokensHere = new Set<string>();

/**
 * An exclusive lock on an embedded data directory, held by one process at a time: PGlite has
 * no locking of its own, and two processes on one directory overwrite each other's commits.
 *
 * The lock is a file created atomically (written in full under a unique name, then hard-linked
 * to `orderflow.lock`, which fails if it exists) holding the owner's pid, boot id and start
 * time. A lock whose owner is gone (SIGKILL, crash, reboot) is stale and is broken; the start
 * time tells a dead owner from an unrelated process that got its pid later. Breaking is
 * serialised by a guard directory, and a breaker deletes the file only if it still holds the
 * owner it judged stale, so two processes starting at once never both win.
 *
 * Limits: owners are checked in this machine's process table, so processes in other pid
 * namespaces or on other hosts sharing the directory (a network file system) are not seen.
 */
export class DataDirLock {
  private constructor(
    readonly dir: string,
    private readonly owner: LockOwner,
  ) {}

  static async acquire(directory: string): Promise<DataDirLock> {
    const dir = resolve(directory);
    if (heldHere.has(dir)) throw new DataDirInUseError(dir, process.pid);
    await mkdir(dir, { recursive: true });
    const file = join(dir, LOCK_FILE_NAME);
    const owner = await describeProcess(process.pid, randomUUID());
    tokensHere.add(owner.token);
    try {
      for (let attempt = 0; attempt < 50; attempt++) {
        if (await createExclusive(file, owner)) {
          heldHere.add(dir);
          return new DataDirLock(dir, owner);
        }
        const current = await readOwner(file);
        if (current === 'missing') continue;
        if (current !== 'unreadable' && (await isAlive(current)))
          throw new DataDirInUseError(dir, current.pid);
        await breakStale(file, current);
        await sleep(10 + attempt * 5);
      }
      throw new Error(`could not lock DATA_DIR ${dir}: ${file} keeps changing`);
    } catch (error) {
      tokensHere.delete(owner.token);
      throw error;
    }
  }

  /** Removes the lock file if it is still this owner's. */
  async release(): Promise<void> {
    const file = join(this.dir, LOCK_FILE_NAME);
    const current = await readOwner(file);
    if (typeof current === 'object' && current.token === this.owner.token) await unlink(file);
    heldHere.delete(this.dir);
    tokensHere.delete(this.owner.token);
  }
}

async function createExclusive(file: string, owner: LockOwner): Promise<boolean> {
  const draft = `${file}.${owner.token}`;
  await writeFile(draft, `${JSON.stringify(owner)}\n`, { flag: 'wx' });
  try {
    await link(draft, file);
    return true;
  } catch (error) {
    if (code(error) === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(draft);
  }
}

async function readOwner(file: string): Promise<LockOwner | 'missing' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (code(error) === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const owner = JSON.parse(text) as Partial<LockOwner>;
    if (Number.isInteger(owner.pid) && typeof owner.token === 'string') return owner as LockOwner;
  } catch {
    // Not ours or damaged: no owner can be shown, so it cannot be alive.
  }
  return 'unreadable';
}

/** Breaks a stale lock unless another process replaced it meanwhile. */
async function breakStale(file: string, stale: LockOwner | 'unreadable'): Promise<void> {
  const guard = `${file}.breaking`;
  try {
    await mkdir(guard);
  } catch (error) {
    if (code(error) !== 'EEXIST') throw error;
    // Breaking takes milliseconds; a guard this old belongs to a breaker that died.
    const age = Date.now() - (await stat(guard).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    if (age > 10_000) await rmdir(guard).catch(() => {});
    return;
  }
  try {
    const current = await readOwner(file);
    const same =
      stale === 'unreadable'
        ? current === 'unreadable'
        : typeof current === 'object' && current.token === stale.token;
    if (same) await unlink(file);
  } finally {
    await rmdir(guard);
  }
}

async function isAlive(owner: LockOwner): Promise<boolean> {
  if (tokensHere.has(owner.token)) return true;
  // Our pid in a file this process did not write: a previous process that had our pid is gone.
  if (owner.pid === process.pid || !pidExists(owner.pid)) return false;
  if (owner.startTime === undefined || owner.bootId === undefined) return true;
  const now = await describeProcess(owner.pid, owner.token);
  // Unreadable /proc entry: the process just ended, or /proc hides other users' processes.
  if (now.startTime === undefined || now.bootId === undefined) return pidExists(owner.pid);
  return now.bootId === owner.bootId && now.startTime === owner.startTime;
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if (code(error) === 'ESRCH') return false;
    if (code(error) === 'EPERM') return true;
    throw error;
  }
}

/** The pid with, on Linux, what tells this process from a later one with the same pid. */
export async function describeProcess(pid: number, token: string): Promise<LockOwner> {
  try {
    const [bootId, stat] = await Promise.all([
      readFile('/proc/sys/kernel/random/boot_id', 'utf8'),
      readFile(`/proc/${pid}/stat`, 'utf8'),
    ]);
    // Field 22 is the start time; the command name (field 2) may hold spaces, so count after ')'.
    const startTime = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    if (startTime) return { pid, bootId: bootId.trim(), startTime, token };
  } catch {
    // Not Linux, or the process is gone: the pid alone has to do.
  }
  return { pid, token };
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
