import type { WebSocket } from 'ws';
import type { FeedEntry } from '../../contexts/live-updates/index.ts';

/** Close codes a client can act on (README, "Live updates"). */
export const CLOSE_CODES = {
  /** The server is going away for good: reconnect (to another instance) with `after`. */
  goingAway: 1001,
  /** The server is restarting (SIGTERM, a deployment): reconnect to another instance with `after`. */
  serviceRestart: 1012,
  /** The token the session was opened with expired: get a new token or ticket, reconnect with `after`. */
  sessionExpired: 4001,
  /** The client read too slowly and its send buffer passed the limit: reconnect with `after`. */
  tooSlow: 4008,
} as const;

/** What a session reads and writes through. */
export interface SessionFeed {
  read(userId: string, after: number, unackedOnly: boolean, limit: number): Promise<FeedEntry[]>;
  acknowledge(userId: string, eventId: string): Promise<boolean>;
  /** Each user's last position given; the catch-up pumps only sessions behind it. */
  latestPositions(userIds: readonly string[]): Promise<Map<string, number>>;
}

export interface SessionLimits {
  /** Above this many bytes waiting in the socket's send buffer, the session is closed (4008). */
  maxBufferedBytes: number;
  /** Entries read from the database at a time. */
  batchSize: number;
  /** After a close for slowness, the socket is cut if the close handshake has not finished by then. */
  closeGraceMs: number;
}

export interface SessionLogger {
  warn(fields: object, message: string): void;
}

/** Why the hub ended a session (for metrics). */
export type DropReason = 'expired' | 'too_slow' | 'no_pong' | 'shutdown';

/** What the hub reports as it works; the composition root turns it into metrics. */
export interface HubEvents {
  sent(): void;
  dropped(reason: DropReason): void;
}

export const NO_EVENTS: HubEvents = { sent() {}, dropped() {} };

/**
 * One socket of one user. Sends the user's feed entries in position order, each once: `cursor`
 * is the last position sent and only moves forward, and reading is serialised per session
 * (`pump` called while pumping just asks for one more round), so a nudge, the periodic catch-up
 * and the initial replay never send an entry twice or skip one (positions commit in order per
 * user). Opened with `after`, it sends every entry after it; without, only unacknowledged ones.
 */
export class LiveSession {
  /** Heartbeat: false once a ping is out, true again on pong. */
  alive = true;
  #cursor: number;
  readonly #unackedOnly: boolean;
  #pumping = false;
  #again = false;
  #closed = false;

  constructor(
    readonly socket: WebSocket,
    readonly userId: string,
    after: number | undefined,
    private readonly feed: SessionFeed,
    private readonly limits: SessionLimits,
    private readonly logger: SessionLogger,
    private readonly events: HubEvents = NO_EVENTS,
  ) {
    this.#cursor = after ?? 0;
    this.#unackedOnly = after === undefined;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** The last position sent on this socket. */
  get cursor(): number {
    return this.#cursor;
  }

  markClosed(): void {
    this.#closed = true;
  }

  /** Sends whatever the feed holds past the cursor; safe to call at any time, from anywhere. */
  async pump(): Promise<void> {
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = true;
    try {
      do {
        this.#again = false;
        await this.#drain();
      } while (this.#again && !this.#closed);
    } catch (err) {
      // The periodic catch-up tries again; the cursor did not move past anything unsent.
      this.logger.warn({ err, userId: this.userId }, 'live feed read failed; retried on catch-up');
    } finally {
      this.#pumping = false;
    }
  }

  async acknowledge(eventId: string): Promise<boolean> {
    return this.feed.acknowledge(this.userId, eventId);
  }

  /** Closes with a code the client acts on; cuts the socket if the handshake does not finish. */
  close(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.socket.close(code, reason);
    setTimeout(() => this.socket.terminate(), this.limits.closeGraceMs).unref();
  }

  async #drain(): Promise<void> {
    for (;;) {
      if (this.#closed) return;
      const entries = await this.feed.read(
        this.userId,
        this.#cursor,
        this.#unackedOnly,
        this.limits.batchSize,
      );
      for (const entry of entries) {
        if (this.#closed || this.socket.readyState !== this.socket.OPEN) return;
        if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
          this.close(CLOSE_CODES.tooSlow, 'send buffer limit reached; reconnect with after');
          this.events.dropped('too_slow');
          return;
        }
        this.socket.send(JSON.stringify(entry.message));
        this.#cursor = entry.position;
        this.events.sent();
      }
      if (entries.length < this.limits.batchSize) return;
    }
  }
}
