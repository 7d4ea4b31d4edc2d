import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

/** The PostgreSQL channel on which commits that wrote to the outbox wake relays in other processes. */
export const OUTBOX_CHANNEL = 'orderflow_outbox';

/**
 * The sending side, for a process that writes to the outbox but runs no relay: after such a
 * commit, one `pg_notify` on the pool (not in the committing transaction, which it would
 * lengthen). Coalesced: while one is in flight, any number of commits make one more. Best effort:
 * a lost signal costs a relay's poll interval, nothing else.
 */
export class OutboxNotifier {
  #inFlight = false;
  #again = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  signal(): void {
    if (this.#inFlight) {
      this.#again = true;
      return;
    }
    this.#inFlight = true;
    void this.#send();
  }

  async #send(): Promise<void> {
    try {
      do {
        this.#again = false;
        await sql`select pg_notify(${OUTBOX_CHANNEL}, '')`.execute(this.db);
      } while (this.#again);
    } catch (error) {
      this.onError(error);
    } finally {
      this.#inFlight = false;
    }
  }
}

export interface OutboxListenerOptions {
  url: string;
  /** A commit in some process wrote to the outbox (also called once after each (re)connect). */
  onSignal: () => void;
  onError?: (error: unknown) => void;
  /** Pause before connecting again after the connection failed or dropped. */
  retryMs?: number;
}

/**
 * The receiving side, in a relay's process: one connection of its own that `LISTEN`s on
 * `OUTBOX_CHANNEL` and wakes the relay; reconnects after a drop. The relay keeps polling, so
 * nothing depends on a signal arriving.
 */
export class OutboxListener {
  #client: pg.Client | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(private readonly options: OutboxListenerOptions) {}

  start(): this {
    void this.#connect();
    return this;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => {});
  }

  async #connect(): Promise<void> {
    if (this.#stopped) return;
    const client = new pg.Client({ connectionString: this.options.url });
    let retried = false;
    const retry = (error?: unknown) => {
      if (retried) return;
      retried = true;
      if (error !== undefined) this.options.onError?.(error);
      if (this.#client === client) this.#client = undefined;
      void client.end().catch(() => {});
      if (this.#stopped) return;
      this.#timer = setTimeout(() => void this.#connect(), this.options.retryMs ?? 1000);
      this.#timer.unref();
    };
    client.on('error', retry);
    client.on('end', () => retry());
    client.on('notification', (message) => {
      if (message.channel === OUTBOX_CHANNEL) this.options.onSignal();
    });
    try {
      await client.connect();
      if (this.#stopped) {
        await client.end().catch(() => {});
        return;
      }
      await client.query(`listen ${OUTBOX_CHANNEL}`);
      this.#client = client;
      // Signals sent while not listening are lost: look once now.
      this.options.onSignal();
    } catch (error) {
      retry(error);
    }
  }
}
