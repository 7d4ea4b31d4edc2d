import type { WebSocket } from 'ws';
import { isAck } from '../../contexts/live-updates/index.ts';
import type { Clock } from '../../shared/clock.ts';
import {
  CLOSE_CODES,
  type HubEvents,
  LiveSession,
  NO_EVENTS,
  type SessionFeed,
  type SessionLimits,
  type SessionLogger,
  UserPump,
} from './live-session.ts';

export interface LiveUpdatesHubOptions extends SessionLimits {
  feed: SessionFeed;
  clock: Clock;
  /** Ping every socket this often; one that has not answered the previous ping is dropped. */
  heartbeatIntervalMs: number;
  /** Re-read every connected user's feed this often: covers a nudge that was lost. */
  catchUpIntervalMs: number;
  logger: SessionLogger;
  events?: HubEvents;
}

/** Who a socket belongs to and until when. */
export interface SessionGrant {
  userId: string;
  expiresAt: Date;
  /** Resume after this position; undefined = every unacknowledged entry. */
  after: number | undefined;
}

/** setTimeout's limit; a session longer than ~24 days is re-armed. */
const MAX_TIMER_MS = 2_147_000_000;

/**
 * Seed 004's PushUpdatesHub, one per API process: the sockets this process holds, by user.
 * Which sockets get what is decided by the database (each user's feed) and a nudge: when the
 * feed consumer appends for some users, it broadcasts their ids to every hub process through the
 * broker, and each hub pumps the sockets it holds for them. No hub keeps another's state.
 */
export class LiveUpdatesHub {
  readonly #users = new Map<string, UserPump>();
  #heartbeat: NodeJS.Timeout | undefined;
  #catchUp: NodeJS.Timeout | undefined;
  readonly #events: HubEvents;

  constructor(private readonly options: LiveUpdatesHubOptions) {
    this.#events = options.events ?? NO_EVENTS;
  }

  start(): this {
    this.#heartbeat = setInterval(() => this.#beat(), this.options.heartbeatIntervalMs).unref();
    this.#catchUp = setInterval(() => void this.#pumpAll(), this.options.catchUpIntervalMs).unref();
    return this;
  }

  /** Open sockets on this process. */
  get size(): number {
    let n = 0;
    for (const user of this.#users.values()) n += user.sessions.size;
    return n;
  }

  /** Takes over an upgraded socket for `grant.userId` and sends what the feed holds for it. */
  attach(socket: WebSocket, grant: SessionGrant): LiveSession {
    const session = new LiveSession(
      socket,
      grant.userId,
      grant.after,
      this.options.feed,
      this.options,
      this.#events,
    );
    let user = this.#users.get(grant.userId);
    if (!user) {
      user = new UserPump(grant.userId, this.options.feed, this.options, this.options.logger);
      this.#users.set(grant.userId, user);
    }
    const sessions = user.sessions;
    sessions.add(session);
    const expiry = this.#expireAt(session, grant.expiresAt);
    socket.on('pong', () => {
      session.alive = true;
    });
    socket.on('message', (data, isBinary) => void this.#onMessage(session, data.toString(), isBinary));
    socket.on('error', (err) => this.options.logger.warn({ err, userId: grant.userId }, 'live socket error'));
    socket.on('close', () => {
      session.markClosed();
      clearTimeout(expiry.timer);
      sessions.delete(session);
      if (sessions.size === 0 && this.#users.get(grant.userId) === user) this.#users.delete(grant.userId);
    });
    void user.pump();
    return session;
  }

  /**
   * A nudge: these users' feeds grew; pump their sockets here (one read per user, not per socket),
   * unless the nudge says to which position and every socket of the user here is there already.
   */
  nudge(userIds: readonly unknown[], positions: Readonly<Record<string, unknown>> = {}): void {
    for (const userId of new Set(userIds)) {
      if (typeof userId !== 'string') continue;
      const user = this.#users.get(userId);
      if (!user) continue;
      const position = Object.hasOwn(positions, userId) ? positions[userId] : undefined;
      if (typeof position === 'number' && user.holds(position)) continue;
      void user.pump();
    }
  }

  /**
   * Entries the feed consumer of this process has just committed (position by user): sent to the
   * sockets here without reading them back where nothing can lie between; the rows stay the truth.
   */
  handOff(positions: ReadonlyMap<string, number>, content: object): void {
    for (const [userId, position] of positions) {
      this.#users.get(userId)?.handOff(position, { ...content, position });
    }
  }

  /**
   * Stops the timers and closes every socket with 1012 (service restart), which tells a client
   * to reconnect, to another instance, with `after`; resolves once every socket has closed
   * (each is cut after `closeGraceMs` if its client does not finish the close handshake).
   */
  async close(): Promise<void> {
    clearInterval(this.#heartbeat);
    clearInterval(this.#catchUp);
    const closed: Promise<void>[] = [];
    for (const { sessions } of this.#users.values()) {
      for (const session of sessions) {
        if (session.closed) continue;
        const socket = session.socket;
        if (socket.readyState !== socket.CLOSED) {
          closed.push(new Promise((resolve) => socket.once('close', () => resolve())));
        }
        session.close(CLOSE_CODES.serviceRestart, 'server restarting; reconnect with after');
        this.#events.dropped('shutdown');
      }
    }
    await Promise.all(closed);
  }

  #expireAt(session: LiveSession, expiresAt: Date): { timer: NodeJS.Timeout | undefined } {
    const handle: { timer: NodeJS.Timeout | undefined } = { timer: undefined };
    const arm = () => {
      const left = expiresAt.getTime() - this.options.clock.now().getTime();
      if (left <= 0) {
        if (session.closed) return;
        session.close(CLOSE_CODES.sessionExpired, 'token expired; reconnect with a new one');
        this.#events.dropped('expired');
        return;
      }
      handle.timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
      handle.timer.unref();
    };
    arm();
    return handle;
  }

  async #onMessage(session: LiveSession, text: string, isBinary: boolean): Promise<void> {
    let frame: unknown;
    try {
      frame = isBinary ? undefined : JSON.parse(text);
    } catch {
      frame = undefined;
    }
    if (!isAck(frame)) {
      this.#reply(session, {
        type: 'error',
        code: 'UNSUPPORTED_MESSAGE',
        detail: 'send {"type":"ack","event_id":…}',
      });
      return;
    }
    try {
      if (!(await session.acknowledge(frame.event_id))) {
        this.#reply(session, { type: 'error', code: 'UNKNOWN_EVENT', event_id: frame.event_id });
      }
    } catch (err) {
      this.options.logger.warn({ err, userId: session.userId }, 'could not store an ack');
      this.#reply(session, { type: 'error', code: 'ACK_NOT_STORED', event_id: frame.event_id });
    }
  }

  #reply(session: LiveSession, message: Record<string, unknown>): void {
    if (!session.closed && session.socket.readyState === session.socket.OPEN)
      session.socket.send(JSON.stringify(message));
  }

  #beat(): void {
    for (const { sessions } of this.#users.values()) {
      for (const session of sessions) {
        if (!session.alive) {
          // No pong since the last ping: the peer is gone without a close.
          session.markClosed();
          session.socket.terminate();
          this.#events.dropped('no_pong');
          continue;
        }
        session.alive = false;
        session.socket.ping();
      }
    }
  }

  /**
   * The catch-up: one query for the last position of every user with a socket here, then a read
   * only for sessions behind it, so an idle hub costs one query per interval, not one per socket.
   */
  async #pumpAll(): Promise<void> {
    if (this.#users.size === 0) return;
    let latest: Map<string, number>;
    try {
      latest = await this.options.feed.latestPositions([...this.#users.keys()]);
    } catch (err) {
      this.options.logger.warn({ err }, 'live feed catch-up failed; retried on the next one');
      return;
    }
    for (const [userId, user] of this.#users) {
      const last = latest.get(userId) ?? 0;
      for (const session of user.sessions) {
        if (session.cursor < last) {
          void user.pump();
          break;
        }
      }
    }
  }
}
