import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

/** What the session (pglite-session.ts) asks of this thread. */
export type WorkerRequest = { id: number; request: Uint8Array } | { id: number; close: true };
/** The answer to one request: PostgreSQL's protocol bytes, or a failure of the thread itself. */
export type WorkerResponse =
  | { id: number; response: Uint8Array }
  | { id: number; closed: true }
  | { id: number; error: { message: string; stack?: string } };

// The embedded database on a thread of its own (PGlite's WebAssembly PostgreSQL is synchronous
// while it runs a statement): the server's thread goes on with other requests' HTTP, tokens and
// JSON meanwhile, which shortens the tail under load (docs/decisions.md has the numbers; the
// maximum is bound by the one session, not by the thread). The thread speaks only PostgreSQL's
// wire protocol, bytes in, bytes out; errors of a statement are in those bytes.
if (parentPort) {
  const port = parentPort;
  const { dataDir } = workerData as { dataDir: string };
  const opening = PGlite.create(dataDir);
  // Opening fails (a corrupt directory, a PGlite of another version): every request says so.
  opening.catch(() => {});
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (message: WorkerRequest) => {
    // One exchange at a time, in the order they came (the session sends them one by one).
    queue = queue.then(async () => {
      const answer = await handle(message).catch(
        (error: unknown): WorkerResponse => ({
          id: message.id,
          error:
            error instanceof Error
              ? { message: error.message, ...(error.stack ? { stack: error.stack } : {}) }
              : { message: String(error) },
        }),
      );
      if ('response' in answer) port.postMessage(answer, [answer.response.buffer as ArrayBuffer]);
      else port.postMessage(answer);
      if ('closed' in answer) port.close();
    });
  });

  async function handle(message: WorkerRequest): Promise<WorkerResponse> {
    const pglite = await opening;
    if ('close' in message) {
      await pglite.close();
      return { id: message.id, closed: true };
    }
    const response = await pglite.execProtocolRaw(message.request);
    // A view into PGlite's memory may be reused by the next statement: send a copy of its own.
    return { id: message.id, response: response.slice() };
  }
}
