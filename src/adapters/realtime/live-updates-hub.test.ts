import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import type { FeedEntry } from '../../contexts/live-updates/index.ts';
import type { SessionFeed } from './live-session.ts';
import { LiveUpdatesHub } from './live-updates-hub.ts';

/** Just enough of a `ws` socket: records what is sent and how it was closed. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: Record<string, unknown>[] = [];
  closedWith: number | undefined;
  terminated = false;
  pings = 0;
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(code: number): void {
    this.closedWith = code;
    this.readyState = 2;
  }
  terminate(): void {
    this.terminated = true;
    this.readyState = 3;
    this.emit('close', 1006, Buffer.alloc(0));
  }
  ping(): void {
    this.pings++;
  }
}

/** A feed in memory; `slow` delays each read so concurrent pumps overlap. */
class MemoryFeed implements SessionFeed {
  readonly entries: FeedEntry[] = [];
  slow = 0;
  append(userId: string, status: string): void {
    const position = this.entries.filter((e) => e.user_id === userId).length + 1;
    const event_id = `${userId}-${position}`;
    this.entries.push({
      user_id: userId,
      position,
      event_id,
      acked: false,
      message: {
        type: 'order.status_updated',
        event_id,
        order_id: 'o1',
        status,
        previous_status: null,
        position,
        timestamp: '',
        version: position,
      },
    });
  }
  async read(userId: string, after: number, unackedOnly: boolean, limit: number): Promise<FeedEntry[]> {
    this.reads++;
    if (this.slow) await new Promise((r) => setTimeout(r, this.slow));
    return this.entries
      .filter((e) => e.user_id === userId && e.position > after && !(unackedOnly && e.acked))
      .slice(0, limit);
  }
  reads = 0;
  async latestPositions(userIds: readonly string[]): Promise<Map<string, number>> {
    const latest = new Map<string, number>();
    for (const e of this.entries) if (userIds.includes(e.user_id)) latest.set(e.user_id, e.position);
    return latest;
  }
  async acknowledge(userId: string, eventId: string): Promise<boolean> {
    const entry = this.entries.find((e) => e.user_id === userId && e.event_id === eventId);
    if (entry) entry.acked = true;
    return entry !== undefined;
  }
}

const hubWith = (
  feed: SessionFeed,
  overrides: Partial<ConstructorParameters<typeof LiveUpdatesHub>[0]> = {},
) =>
  new LiveUpdatesHub({
    feed,
    clock: { now: () => new Date() },
    heartbeatIntervalMs: 3_600_000,
    catchUpIntervalMs: 3_600_000,
    maxBufferedBytes: 1000,
    batchSize: 2,
    closeGraceMs: 10,
    logger: { warn() {} },
    ...overrides,
  });

const attach = (hub: LiveUpdatesHub, userId = 'alice', after?: number) => {
  const socket = new FakeSocket();
  hub.attach(socket as unknown as WebSocket, {
    userId,
    expiresAt: new Date(Date.now() + 60_000),
    after,
  });
  return socket;
};

const settle = () => new Promise((r) => setTimeout(r, 50));

describe('LiveUpdatesHub', () => {
  it('closes every socket with 1012 on close, and resolves once each has closed', async () => {
    const hub = hubWith(new MemoryFeed()).start();
    const sockets = [attach(hub, 'alice'), attach(hub, 'alice'), attach(hub, 'bob')];
    await settle();
    await hub.close();
    expect(sockets.map((s) => s.closedWith)).toEqual([1012, 1012, 1012]);
    // The fakes never answer the close handshake: each was cut after closeGraceMs.
    expect(sockets.every((s) => s.terminated)).toBe(true);
    expect(hub.size).toBe(0);
  });

  it('sends every entry once, in order, however many nudges overlap a slow read', async () => {
    const feed = new MemoryFeed();
    feed.slow = 5;
    const hub = hubWith(feed);
    for (let i = 0; i < 3; i++) feed.append('alice', `S${i}`);
    const socket = attach(hub);
    for (let i = 3; i < 9; i++) {
      feed.append('alice', `S${i}`);
      hub.nudge(['alice', 'alice', 42]);
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(socket.sent.map((m) => m.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await hub.close();
  });

  it("reads once per nudge for all of a user's sockets at one cursor, each socket from its own", async () => {
    const feed = new MemoryFeed();
    const hub = hubWith(feed, { batchSize: 100 });
    feed.append('alice', 'PAID');
    const synced = [attach(hub), attach(hub), attach(hub)];
    await settle();
    const resumed = attach(hub, 'alice', 0); // with after=0: every entry, acknowledged or not
    feed.entries[0]!.acked = true;
    const fresh = attach(hub); // unacknowledged only: nothing yet
    await settle();
    const reads = feed.reads;
    feed.append('alice', 'SHIPPED');
    hub.nudge(['alice']);
    await settle();
    // Three groups: the three synced sockets (unacknowledged only, at 1), the resumed one (every
    // entry, at 1) and the fresh one (unacknowledged only, at 0): three reads, not five.
    expect(feed.reads - reads).toBe(3);
    for (const socket of synced) expect(socket.sent.map((m) => m.position)).toEqual([1, 2]);
    expect(resumed.sent.map((m) => m.position)).toEqual([1, 2]);
    expect(fresh.sent.map((m) => m.position)).toEqual([2]);
    await hub.close();
  });

  it('sends a handed-over entry without a read to sockets just before it, and reads for those behind', async () => {
    const feed = new MemoryFeed();
    feed.slow = 5;
    const hub = hubWith(feed, { batchSize: 100 });
    feed.append('alice', 'PAID');
    const synced = attach(hub);
    await settle();
    const reads = feed.reads;
    feed.append('alice', 'SHIPPED');
    hub.handOff(new Map([['alice', 2]]), feed.entries[1]!.message);
    expect(synced.sent.map((m) => m.position)).toEqual([1, 2]); // at once, no read
    expect(feed.reads).toBe(reads);
    // A nudge to a position every socket has reached reads nothing; one further on reads.
    hub.nudge(['alice'], { alice: 2 });
    await settle();
    expect(feed.reads).toBe(reads);
    // A socket still replaying (cursor 0) gets the entries from its read, each once, in order.
    const late = attach(hub, 'alice', 0);
    feed.append('alice', 'DELIVERED');
    hub.handOff(new Map([['alice', 3]]), feed.entries[2]!.message);
    hub.nudge(['alice'], { alice: 3 });
    await settle();
    expect(late.sent.map((m) => m.position)).toEqual([1, 2, 3]);
    expect(synced.sent.map((m) => m.position)).toEqual([1, 2, 3]);
    await hub.close();
  });

  it('sends a user only their own feed, and nothing for nudges of others', async () => {
    const feed = new MemoryFeed();
    const hub = hubWith(feed);
    const alice = attach(hub, 'alice');
    const bob = attach(hub, 'bob');
    feed.append('bob', 'PAID');
    hub.nudge(['alice']);
    await settle();
    expect(alice.sent).toEqual([]);
    expect(bob.sent).toEqual([]);
    hub.nudge(['bob']);
    await settle();
    expect(alice.sent).toEqual([]);
    expect(bob.sent).toEqual([{ ...feed.entries[0]!.message }]);
    await hub.close();
  });

  it('delivers on the periodic catch-up when a nudge was lost', async () => {
    const feed = new MemoryFeed();
    const hub = hubWith(feed, { catchUpIntervalMs: 20 }).start();
    const socket = attach(hub);
    feed.append('alice', 'PAID'); // no nudge
    await new Promise((r) => setTimeout(r, 120));
    expect(socket.sent.map((m) => m.status)).toEqual(['PAID']);
    // Caught up: later catch-ups read no feed until it moves again.
    const reads = feed.reads;
    await new Promise((r) => setTimeout(r, 100));
    expect(feed.reads).toBe(reads);
    await hub.close();
  });

  it('closes a socket whose send buffer passed the limit with 4008, sending nothing more', async () => {
    const feed = new MemoryFeed();
    const hub = hubWith(feed);
    const socket = attach(hub);
    await settle();
    socket.bufferedAmount = 5000;
    feed.append('alice', 'PAID');
    hub.nudge(['alice']);
    await settle();
    expect(socket.closedWith).toBe(4008);
    expect(socket.sent).toEqual([]);
    await new Promise((r) => setTimeout(r, 30));
    expect(socket.terminated).toBe(true); // the close handshake did not finish within the grace
    await hub.close();
  });

  it('stores acks and answers frames that are not acks with an error', async () => {
    const feed = new MemoryFeed();
    feed.append('alice', 'PAID');
    const hub = hubWith(feed);
    const socket = attach(hub);
    await settle();
    socket.emit('message', Buffer.from(JSON.stringify({ type: 'ack', event_id: 'alice-1' })), false);
    socket.emit('message', Buffer.from('not json'), false);
    await settle();
    expect(feed.entries[0]!.acked).toBe(true);
    expect(socket.sent.at(-1)).toMatchObject({ type: 'error', code: 'UNSUPPORTED_MESSAGE' });
    await hub.close();
  });

  it('pings and drops a socket that did not answer the previous ping', async () => {
    const feed = new MemoryFeed();
    const hub = hubWith(feed, { heartbeatIntervalMs: 40 }).start();
    const answering = attach(hub);
    const silent = attach(hub);
    const answer = setInterval(() => answering.emit('pong'), 5);
    await new Promise((r) => setTimeout(r, 200));
    clearInterval(answer);
    expect(silent.terminated).toBe(true);
    expect(answering.terminated).toBe(false);
    expect(answering.pings).toBeGreaterThan(1);
    expect(hub.size).toBe(1);
    await hub.close();
  });

  it('closes the session with 4001 when its token expires', async () => {
    const hub = hubWith(new MemoryFeed());
    const socket = new FakeSocket();
    hub.attach(socket as unknown as WebSocket, {
      userId: 'alice',
      expiresAt: new Date(Date.now() + 30),
      after: 0,
    });
    await new Promise((r) => setTimeout(r, 80));
    expect(socket.closedWith).toBe(4001);
    await hub.close();
  });

  it('closes every socket with 1012 (service restart) when the server shuts down', async () => {
    const hub = hubWith(new MemoryFeed());
    const [a, b] = [attach(hub, 'alice'), attach(hub, 'bob')];
    await hub.close();
    expect([a.closedWith, b.closedWith]).toEqual([1012, 1012]);
  });
});
