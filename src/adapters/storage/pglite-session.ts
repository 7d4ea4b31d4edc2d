import { Worker } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import type { WorkerRequest, WorkerResponse } from './pglite-worker.ts';

/**
 * PGlite's one session, as the embedded driver uses it: PostgreSQL wire-protocol bytes in, the
 * backend's answer out (pglite-connection.ts builds and parses them). Either on a worker thread
 * (the default: the database runs beside the server's thread) or on the calling thread.
 */
export interface PgliteSession {
  exchange(request: Uint8Array): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** PGlite on this thread: every statement blocks it while PostgreSQL runs. */
export async function openPgliteHere(dataDir: string): Promise<PgliteSession> {
  const pglite = await PGlite.create(dataDir);
  return {
    exchange: (request) => pglite.runExclusive(() => pglite.execProtocolRaw(request)),
    close: () => pglite.close(),
  };
}

// The worker runs the same kind of file as this one: TypeScript through tsx's loader (tests,
// `tsx src/main.ts`), or the compiled JavaScript of dist/.
const fromSources = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(fromSources ? './pglite-worker.ts' : './pglite-worker.js', import.meta.url);
const TSX_API = fromSources ? import.meta.resolve('tsx/esm/api') : '';

export interface WorkerSessionOptions {
  /**
   * The thread failed (an uncaught error in PGlite, an abort of its WebAssembly) or exited
   * before `close()`: every statement from now on fails. Called once.
   */
  onFailure?: ((error: Error) => void) | undefined;
}

/**
 * PGlite on a worker thread of its own. Resolves once the database is open (or rejects with why
 * it could not be). The driver sends one exchange at a time (a statement, or several written
 * together), so answers come back in order;
 * the thread failing rejects whatever was waiting, and every later exchange.
 */
export async function openPgliteOnWorker(
  dataDir: string,
  options: WorkerSessionOptions = {},
): Promise<PgliteSession> {
  const worker = fromSources
    ? // A worker does not run a TypeScript entry under Node 20 even with tsx's loader in its
      // execArgv: a JavaScript stub imports it through tsx's API (tsx is a server dependency).
      new Worker(
        `import(${JSON.stringify(TSX_API)}).then(({ tsImport }) => tsImport(${JSON.stringify(WORKER_URL.href)}, ${JSON.stringify(import.meta.url)}))`,
        { eval: true, workerData: { dataDir } },
      )
    : new Worker(WORKER_URL, { workerData: { dataDir } });
  return sessionOnWorker(worker, options);
}

/**
 * The session over a thread that speaks pglite-worker.ts's messages (exported for tests, which
 * give it a thread that fails on purpose).
 */
export async function sessionOnWorker(
  worker: Worker,
  { onFailure = () => {} }: WorkerSessionOptions = {},
): Promise<PgliteSession> {
  const waiting = new Map<
    number,
    { resolve: (answer: WorkerResponse) => void; reject: (error: Error) => void }
  >();
  let failure: Error | undefined;
  // Set once the database is open and until close() begins: a failure then is news to report.
  let serving = false;
  const fail = (error: Error) => {
    if (!failure && serving) onFailure(error);
    failure ??= error;
    for (const { reject } of waiting.values()) reject(failure);
    waiting.clear();
  };
  // The thread keeps the process alive only while a statement is out, as PGlite on the main
  // thread did: a process that never closes its storage still exits when its work is done.
  worker.unref();
  worker.on('message', (answer: WorkerResponse) => {
    const pending = waiting.get(answer.id);
    waiting.delete(answer.id);
    if (waiting.size === 0) worker.unref();
    pending?.resolve(answer);
  });
  worker.on('error', fail);
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', (code) => {
      fail(new Error(`the embedded database's thread exited (code ${code})`));
      resolve();
    });
  });

  let nextId = 0;
  const ask = (message: Omit<WorkerRequest, 'id'>, transfer: ArrayBuffer[] = []) =>
    new Promise<WorkerResponse>((resolve, reject) => {
      if (failure) return reject(failure);
      const id = nextId++;
      if (waiting.size === 0) worker.ref();
      waiting.set(id, { resolve, reject });
      worker.postMessage({ ...message, id }, transfer);
    }).then((answer) => {
      if ('error' in answer)
        throw Object.assign(new Error(answer.error.message), { stack: answer.error.stack });
      return answer;
    });

  const exchange = async (request: Uint8Array): Promise<Uint8Array> => {
    // A copy of its own, moved to the thread rather than cloned (a Buffer may be a slice of
    // Node's shared pool, which a clone would copy whole).
    const own = new Uint8Array(request);
    const answer = await ask({ request: own }, [own.buffer]);
    return 'response' in answer ? answer.response : new Uint8Array();
  };
  // Opened: an empty simple query answers once PGlite is up, or carries the reason it is not.
  await exchange(new Uint8Array([0x51, 0, 0, 0, 5, 0])).catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });
  serving = !failure;
  return {
    exchange,
    async close() {
      serving = false;
      // Held until the thread has gone, so a caller awaiting close() is not left behind.
      worker.ref();
      try {
        if (!failure) await ask({ close: true });
      } catch (error) {
        // PGlite could not close: the thread must not outlive this call still holding the data
        // directory (the caller releases the directory's lock next).
        await worker.terminate();
        throw error;
      }
      worker.ref();
      await exited;
    },
  };
}
