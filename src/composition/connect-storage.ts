import { join } from 'node:path';
import type { Logger } from 'pino';
import { DataDirInUseError, DataDirLock } from '../adapters/storage/pglite-data-dir-lock.ts';
import { startFromTemplate } from '../adapters/storage/pglite-template.ts';
import { PostgresStorage } from '../adapters/storage/postgres-storage.ts';
import type { Config } from '../config.ts';
import { PGLITE_DEMO_TEMPLATE_DIR, PGLITE_TEMPLATE_DIR } from '../install-paths.ts';
import { connectAtStartup } from './retry-with-backoff.ts';
import { reason, redactedUrl, StartupError } from './startup-error.ts';

export interface ConnectedStorage {
  storage: PostgresStorage;
  /** Closes the storage, then releases the data directory. */
  close(): Promise<void>;
}

export interface OpeningStorage extends ConnectedStorage {
  /**
   * Settles once the database answers. Queries issued before wait for it; if it rejects (a
   * `StartupError`), the caller still owns `close` (it releases the data directory).
   */
  opened: Promise<void>;
}

/**
 * Opens the storage the configuration names and checks it answers, without migrating:
 * PostgreSQL is retried for `STARTUP_TIMEOUT_SECONDS` (it may still be starting); the embedded
 * data directory is locked first, so a second process on it stops before opening PGlite.
 * Every process that opens storage (server, CLI) comes through here or `openStorage`.
 */
export async function connectStorage(
  config: Config,
  log: Logger,
  options: { poolSize?: number } = {},
): Promise<ConnectedStorage> {
  const { storage, opened, close } = await openStorage(config, log, options);
  try {
    await opened;
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
  return { storage, close };
}

/**
 * As `connectStorage`, but the embedded database is only being opened when this returns (the
 * data directory locked and, when new, copied from the template): PGlite compiles its
 * WebAssembly on V8's background threads and starts PostgreSQL while the caller builds the
 * rest of the server, and awaits `opened` where it first needs the database.
 */
export async function openStorage(
  config: Config,
  log: Logger,
  options: {
    poolSize?: number;
    /**
     * The embedded database's thread failed for good after it opened: logged here (fatal);
     * every statement fails from now on, so a server stops (`runServer`).
     */
    onEmbeddedFailure?: (error: Error) => void;
  } = {},
): Promise<OpeningStorage> {
  const databaseUrl = config.databaseUrl;
  if (databaseUrl === undefined)
    return openEmbedded(
      config.dataDir,
      config.demoData ? PGLITE_DEMO_TEMPLATE_DIR : PGLITE_TEMPLATE_DIR,
      config.pgliteThread,
      log,
      (err) => {
        log.fatal(
          { err, dataDir: config.dataDir },
          'the embedded database stopped working: its thread failed',
        );
        options.onEmbeddedFailure?.(err);
      },
    );
  const storage = PostgresStorage.connect({
    kind: 'postgres',
    url: databaseUrl,
    poolSize: options.poolSize ?? config.databasePoolSize,
    preparedStatements: config.databasePreparedStatements,
    onIdleError: (err) => log.warn({ err }, 'idle database connection failed; the pool replaces it'),
  });
  try {
    await connectAtStartup(
      `the database (${redactedUrl('DATABASE_URL', databaseUrl)})`,
      () => storage.ping(),
      {
        timeoutMs: config.startup.timeoutSeconds * 1000,
        isRetryable: (error) => !isPermanentDatabaseError(error),
        onRetry: (err, delayMs) =>
          log.warn({ err: reason(err), delayMs }, 'database not reachable yet; retrying'),
      },
    );
  } catch (error) {
    await storage.close().catch(() => {});
    throw error;
  }
  return { storage, opened: Promise.resolve(), close: () => storage.close() };
}

async function openEmbedded(
  dataDir: string,
  templateDir: string,
  thread: Config['pgliteThread'],
  log: Logger,
  onFailure: (error: Error) => void,
): Promise<OpeningStorage> {
  let lock: DataDirLock;
  try {
    lock = await DataDirLock.acquire(dataDir);
  } catch (error) {
    if (error instanceof DataDirInUseError) throw new StartupError(error.message, { cause: error });
    throw unusableDataDir(dataDir, dataDir, error);
  }
  const pgliteDir = join(dataDir, 'pglite');
  // Nothing touches the directory before the first query (the ping below).
  const storage = PostgresStorage.connect({ kind: 'pglite', dataDir: pgliteDir, thread, onFailure });
  const opened = (async () => {
    // A new data directory starts from the build's migrated template (see pglite-template.ts),
    // with the demo data in it when that is wanted (pglite-templates.ts).
    const copyFailed = (err: unknown) =>
      log.warn(
        { err, dataDir: pgliteDir },
        'could not copy the embedded database template; initialising instead',
      );
    if (startFromTemplate(pgliteDir, templateDir, copyFailed))
      log.info({ dataDir: pgliteDir, template: templateDir }, 'embedded database created from the template');
    // The first query opens PGlite.
    await storage.ping();
  })().catch((error: unknown) => {
    throw unusableDataDir(dataDir, pgliteDir, error);
  });
  // The failure, if any, is the caller's to await.
  opened.catch(() => {});
  return {
    storage,
    opened,
    async close() {
      try {
        // Never under a copy or an open still running: the lock is released below.
        await opened.catch(() => {});
        await storage.close();
      } finally {
        await lock.release();
      }
    },
  };
}

/**
 * A data directory that cannot be created, locked or opened (a path under a regular file, no
 * permission, a read-only or full disk): one line naming DATA_DIR and the path that failed,
 * which the error from the file system usually names too.
 */
function unusableDataDir(dataDir: string, path: string, error: unknown): StartupError {
  const at = path === dataDir ? '' : ` at ${path}`;
  return new StartupError(`cannot use the data directory DATA_DIR=${dataDir}${at}: ${reason(error)}`, {
    cause: error,
  });
}

/** Errors waiting will not fix: wrong credentials (SQLSTATE class 28), no such database (3D000). */
function isPermanentDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && (code.startsWith('28') || code === '3D000');
}
