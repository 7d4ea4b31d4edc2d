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
 * One socket of one user. `cursor` is the last position sent on it and only moves forward; what
 * is sent is decided by its user's `UserPump`, which reads for every socket of the user at once.
 * Opened with `after`, it gets every entry after it; without, only unacknowledged ones.
 */
export class LiveSession {
  /** Heartbeat: false once a ping is out, true again on pong. */
  alive = true;
  #cursor: number;
  readonly unackedOnly: boolean;
  #closed = false;

  constructor(
    readonly socket: WebSocket,
    readonly userId: string,
    after: number | undefined,
    private readonly feed: SessionFeed,
    private readonly limits: SessionLimits,
    private readonly events: HubEvents = NO_EVENTS,
  ) {
    this.#cursor = after ?? 0;
    this.unackedOnly = after === undefined;
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

  /** Open and not closing: entries may still be sent on it. */
  get open(): boolean {
    return !this.#closed && this.socket.readyState === this.socket.OPEN;
  }

  /**
   * Sends one entry's frame (serialised once for every socket that gets it) and moves the cursor;
   * false when the socket takes nothing more: closed, or too slow (closed here with 4008).
   */
  offer(frame: Buffer, position: number): boolean {
    if (!this.open) return false;
    // Sent already (an entry handed over in process while a read of it was in flight).
    if (position <= this.#cursor) return true;
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(CLOSE_CODES.tooSlow, 'send buffer limit reached; reconnect with after');
      this.events.dropped('too_slow');
      return false;
    }
    this.socket.send(frame, { binary: false });
    this.#cursor = position;
    this.events.sent();
    return true;
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
}

/**
 * The sockets of one user on this process, and the one pump that feeds them. Sockets at the same
 * cursor with the same mode (after / unacknowledged only) share each read, and each entry is
 * serialised once for all of them: a nudge for a user with 1,000 sockets costs one query and one
 * `JSON.stringify` per entry, not 1,000. Pumping is serialised per user (`pump` called while
 * pumping just asks for one more round, which reads again), so a nudge, the periodic catch-up and
 * an initial replay never send an entry twice on a socket or skip one (positions commit in order
 * per user).
 */
export class UserPump {
  readonly sessions = new Set<LiveSession>();
  #pumping = false;
  #again = false;

  constructor(
    readonly userId: string,
    private readonly feed: SessionFeed,
    private readonly limits: SessionLimits,
    private readonly logger: SessionLogger,
  ) {}

  /** Sends whatever the feed holds past each socket's cursor; safe to call at any time. */
  async pump(): Promise<void> {
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = true;
    try {
      do {
        this.#again = false;
        await this.#round();
      } while (this.#again && this.sessions.size > 0);
    } catch (err) {
      // The periodic catch-up tries again; no cursor moved past anything unsent.
      this.logger.warn({ err, userId: this.userId }, 'live feed read failed; retried on catch-up');
    } finally {
      this.#pumping = false;
    }
  }

  /**
   * An entry the feed consumer of this process has just committed at `position`: sent without a
   * read to each socket at the position just before it (nothing can lie between), and read for
   * the sockets further behind (a gap, or entries they have not had yet).
   */
  handOff(position: number, message: unknown): void {
    let frame: Buffer | undefined;
    let behind = false;
    for (const session of this.sessions) {
      if (!session.open || session.cursor >= position) continue;
      if (session.cursor === position - 1) {
        frame ??= Buffer.from(JSON.stringify(message));
        session.offer(frame, position);
      } else behind = true;
    }
    if (behind) void this.pump();
  }

  /** Whether every open socket here is at `position` or past it. */
  holds(position: number): boolean {
    for (const session of this.sessions) if (session.open && session.cursor < position) return false;
    return true;
  }

  /** One read per group of sockets at the same cursor and mode, all groups at once. */
  async #round(): Promise<void> {
    const groups = new Map<string, LiveSession[]>();
    for (const session of this.sessions) {
      if (!session.open) continue;
      const key = `${session.unackedOnly ? 'u' : 'a'}${session.cursor}`;
      const group = groups.get(key);
      if (group) group.push(session);
      else groups.set(key, [session]);
    }
    await Promise.all([...groups.values()].map((group) => this.#drain(group)));
  }

  async #drain(group: LiveSession[]): Promise<void> {
    let sessions = group;
    const { unackedOnly } = sessions[0]!;
    let cursor = sessions[0]!.cursor;
    while (sessions.length > 0) {
      const entries = await this.feed.read(this.userId, cursor, unackedOnly, this.limits.batchSize);
      for (const entry of entries) {
        const frame = Buffer.from(JSON.stringify(entry.message));
        sessions = sessions.filter((session) => session.offer(frame, entry.position));
        if (sessions.length === 0) return;
        cursor = entry.position;
      }
      if (entries.length < this.limits.batchSize) return;
    }
  }
}
