import { describe, expect, it } from 'vitest';
import type { DeliveredMessage } from '../../../shared/ports/message-bus.ts';
import type { Later, UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import type { LiveUpdateContent } from '../domain/live-update.ts';
import { LIVE_UPDATES_CHANNEL, liveFeedConsumer } from './live-feed.consumer.ts';
import type { LiveUpdatesStores } from './ports.ts';

/** Stores in memory: what was appended for whom, and which event ids were processed. */
function memoryStorage() {
  const processed = new Set<string>();
  const appended: { users: readonly string[]; content: LiveUpdateContent }[] = [];
  const mark = (ids: readonly string[]) =>
    new Set(ids.filter((id) => !processed.has(id) && !!processed.add(id)));
  const stores = {
    processed: {
      markProcessedMany: async (_c: string, ids: readonly string[]) => mark(ids),
      markProcessedManyWithNext: async (_c: string, ids: readonly string[]) => {
        const fresh = mark(ids);
        return { answer: async () => fresh };
      },
    },
    liveFeed: {
      // As the store: only the first append of each fresh event appends, and only for users.
      appendMany: async (
        appends: readonly { userIds: readonly string[]; content: LiveUpdateContent }[],
        _at: Date,
        fresh?: Later<ReadonlySet<string>>,
      ) => {
        const wanted = fresh && new Set(await fresh.answer());
        return appends.map(({ userIds: users, content }) => {
          if ((wanted && !wanted.delete(content.event_id)) || users.length === 0) return new Map();
          appended.push({ users, content });
          return new Map(users.map((u) => [u, appended.length]));
        });
      },
    },
  } as unknown as LiveUpdatesStores;
  let transactions = 0;
  const storage: UnitOfWork<LiveUpdatesStores> = {
    read: stores,
    // Rolls the processed marks back when the work fails, as the database would.
    transaction: async (work) => {
      transactions++;
      const before = new Set(processed);
      try {
        return await work(stores);
      } catch (error) {
        processed.clear();
        for (const id of before) processed.add(id);
        throw error;
      }
    },
  };
  return { storage, appended, transactions: () => transactions };
}

const statusUpdated = (data: Record<string, unknown>): DeliveredMessage => ({
  topic: 'order.status_updated',
  key: 'o-1',
  headers: {},
  redeliveries: 0,
  envelope: {
    event_id: 'e-1',
    event_type: 'order.status_updated',
    timestamp: '2030-01-01T00:00:00.000Z',
    source: 'orderflow.ordering',
    data: {
      order_id: 'o-1',
      customer_id: 'alice',
      previous_status: 'CONFIRMED',
      current_status: 'CANCELLED',
      version: 5,
      reason: 'out of bread',
      refunded: true,
      ...data,
    },
  },
});

const clock = { now: () => new Date('2030-01-01T00:00:01Z') };

describe('liveFeedConsumer', () => {
  it("appends the update to the buyer's feed once, and nudges the hubs after each delivery", async () => {
    const { storage, appended } = memoryStorage();
    const nudges: unknown[] = [];
    const handle = liveFeedConsumer(storage, clock, {
      broadcast: async (channel, payload) => void nudges.push({ channel, payload }),
    });
    await handle(statusUpdated({}));
    await handle({ ...statusUpdated({}), redeliveries: 1 });
    expect(appended).toEqual([
      {
        users: ['alice'],
        content: {
          type: 'order.status_updated',
          event_id: 'e-1',
          order_id: 'o-1',
          status: 'CANCELLED',
          previous_status: 'CONFIRMED',
          timestamp: '2030-01-01T00:00:00.000Z',
          version: 5,
          reason: 'out of bread',
          refunded: true,
        },
      },
    ]);
    // The first says which position the append reached; the redelivery appended nothing.
    expect(nudges).toEqual([
      { channel: LIVE_UPDATES_CHANNEL, payload: { user_ids: ['alice'], positions: { alice: 1 } } },
      { channel: LIVE_UPDATES_CHANNEL, payload: { user_ids: ['alice'] } },
    ]);
  });

  it('hands the entries it appended to a local hub after the commit, once, not on a redelivery', async () => {
    const { storage } = memoryStorage();
    const handed: { positions: Record<string, number>; status: string }[] = [];
    const handle = liveFeedConsumer(
      storage,
      clock,
      { broadcast: async () => {} },
      {
        onAppended: (positions, content) =>
          void handed.push({ positions: Object.fromEntries(positions), status: content.status }),
      },
    );
    await handle(statusUpdated({}));
    await handle({ ...statusUpdated({}), redeliveries: 1 });
    expect(handed).toEqual([{ positions: { alice: 1 }, status: 'CANCELLED' }]);
  });

  it('puts only the allow-listed fields on the socket message, never internal ones', async () => {
    const { storage, appended } = memoryStorage();
    const handle = liveFeedConsumer(storage, clock, { broadcast: async () => {} });
    await handle(
      statusUpdated({
        current_status: 'DELIVERED',
        previous_status: 'IN_DELIVERY',
        courier_id: 'courier-7',
        food_point_id: 'fp-mitte',
        operation_id: 'op-1',
        amount: 1200,
        cancelled_by: 'admin',
        tracking_number: 'TRK-1',
        carrier: 'Demo Express',
        delivered_at: '2030-01-01T00:00:00.000Z',
        delivery_location: 'front door',
      }),
    );
    const content = appended[0]?.content;
    expect(Object.keys(content ?? {}).sort()).toEqual(
      [
        'type',
        'event_id',
        'order_id',
        'status',
        'previous_status',
        'timestamp',
        'version',
        'tracking_number',
        'carrier',
        'delivered_at',
        'delivery_location',
        'reason',
        'refunded',
      ].sort(),
    );
    expect(JSON.stringify(content)).not.toMatch(/courier-7|fp-mitte|op-1|alice/);
  });

  it("appends to each of the order's subscribers when the message carries them, else the buyer's", async () => {
    const { storage, appended } = memoryStorage();
    const handle = liveFeedConsumer(storage, clock, { broadcast: async () => {} });
    await handle(statusUpdated({ subscribers: ['alice', 'carol', 'alice'] }));
    const plain = statusUpdated({});
    await handle({ ...plain, envelope: { ...plain.envelope, event_id: 'e-2' } });
    expect(appended.map((a) => [...a.users].sort())).toEqual([['alice', 'carol'], ['alice']]);
    expect(Object.keys(appended[0]!.content)).not.toContain('subscribers');
  });

  it("appends to the followers too (the assigned kitchen's staff), asking with the message's point", async () => {
    const { storage, appended } = memoryStorage();
    const nudges: unknown[] = [];
    const asked: unknown[] = [];
    const handle = liveFeedConsumer(
      storage,
      clock,
      { broadcast: async (_channel, payload) => void nudges.push(payload) },
      {
        followersOf: async (orders) => {
          asked.push(...orders);
          return orders.map((order) => (order.food_point_id === 'fp-mitte' ? ['kitchen-1', 'alice'] : []));
        },
      },
    );
    await handle(statusUpdated({ current_status: 'ASSIGNED', food_point_id: 'fp-mitte' }));
    const plain = statusUpdated({});
    await handle({ ...plain, envelope: { ...plain.envelope, event_id: 'e-2' } });
    expect(asked).toEqual([{ order_id: 'o-1', food_point_id: 'fp-mitte' }, { order_id: 'o-1' }]);
    expect(appended.map((a) => a.users)).toEqual([['alice', 'kitchen-1'], ['alice']]);
    expect(nudges[0]).toEqual({ user_ids: ['alice', 'kitchen-1'], positions: { alice: 1, 'kitchen-1': 1 } });
    expect(JSON.stringify(appended[0]?.content)).not.toContain('fp-mitte');
  });

  it('ignores order.created, and a failed nudge does not fail the message', async () => {
    const { storage, appended } = memoryStorage();
    const failures: unknown[] = [];
    const handle = liveFeedConsumer(
      storage,
      clock,
      { broadcast: async () => Promise.reject(new Error('broker down')) },
      { onNudgeFailed: (error) => failures.push(error) },
    );
    const created = statusUpdated({});
    await handle({
      ...created,
      topic: 'order.created',
      envelope: { ...created.envelope, event_type: 'order.created' },
    });
    expect(appended).toEqual([]);
    await expect(handle(statusUpdated({}))).resolves.toBeUndefined();
    expect(appended).toHaveLength(1);
    expect(failures).toHaveLength(1);
  });

  it('refuses a malformed status update, so the bus retries and dead-letters it', async () => {
    const { storage } = memoryStorage();
    const handle = liveFeedConsumer(storage, clock, { broadcast: async () => {} });
    await expect(handle(statusUpdated({ customer_id: 42 }))).rejects.toThrow(/customer_id/);
  });

  it('appends nothing and nudges nobody for a buyer who turned live updates off', async () => {
    const { storage, appended } = memoryStorage();
    const nudges: unknown[] = [];
    const handle = liveFeedConsumer(
      storage,
      clock,
      { broadcast: async (_c, payload) => void nudges.push(payload) },
      { wantLiveUpdates: async (userIds) => userIds.filter((userId) => userId !== 'alice') },
    );
    await handle(statusUpdated({}));
    expect(appended).toEqual([]);
    expect(nudges).toEqual([]);
    const bobs = statusUpdated({ customer_id: 'bob' });
    await handle({ ...bobs, envelope: { ...bobs.envelope, event_id: 'e-2' } });
    expect(appended.map((a) => a.users)).toEqual([['bob']]);
  });

  it('writes messages that arrive together in one transaction, with one read of followers and preferences and one nudge', async () => {
    const { storage, appended, transactions } = memoryStorage();
    const nudges: unknown[] = [];
    const handed: string[] = [];
    const asked: { followers: number; preferences: number } = { followers: 0, preferences: 0 };
    const handle = liveFeedConsumer(
      storage,
      clock,
      { broadcast: async (_c, payload) => void nudges.push(payload) },
      {
        followersOf: async (orders) => {
          asked.followers++;
          return orders.map(() => ['kitchen-1']);
        },
        wantLiveUpdates: async (userIds) => {
          asked.preferences++;
          return userIds.filter((userId) => userId !== 'carol');
        },
        onAppended: (_positions, content) => void handed.push(content.event_id),
      },
    );
    const message = (eventId: string, customer: string, status: string) => {
      const m = statusUpdated({ customer_id: customer, current_status: status });
      return { ...m, envelope: { ...m.envelope, event_id: eventId } };
    };
    await handle(message('e-0', 'alice', 'CONFIRMED')); // the first runs alone; the rest queue behind it
    const together = [
      message('e-1', 'alice', 'CANCELLED'),
      message('e-2', 'bob', 'CANCELLED'),
      message('e-2', 'bob', 'CANCELLED'), // a second copy in the same batch
      message('e-3', 'carol', 'CANCELLED'),
    ];
    const first = handle(message('e-4', 'dave', 'PAID'));
    await Promise.all([first, ...together.map((m) => handle(m))]);
    expect(transactions()).toBe(3);
    expect(asked).toEqual({ followers: 3, preferences: 3 });
    expect(appended.map((a) => [a.content.event_id, [...a.users]])).toEqual([
      ['e-0', ['alice', 'kitchen-1']],
      ['e-4', ['dave', 'kitchen-1']],
      ['e-1', ['alice', 'kitchen-1']],
      ['e-2', ['bob', 'kitchen-1']],
      ['e-3', ['kitchen-1']],
    ]);
    expect(handed).toEqual(['e-0', 'e-4', 'e-1', 'e-2', 'e-3']);
    // The batch's nudge names everyone once, each at the furthest position the batch gave them.
    expect(nudges[2]).toEqual({
      user_ids: ['alice', 'kitchen-1', 'bob'],
      positions: { alice: 3, 'kitchen-1': 5, bob: 4 },
    });
  });

  it('writes a failed batch again message by message, so only the message that cannot be written fails', async () => {
    const { storage, appended } = memoryStorage();
    const original = storage.read.liveFeed.appendMany.bind(storage.read.liveFeed);
    storage.read.liveFeed.appendMany = async (appends, at) => {
      if (appends.some((a) => a.content.event_id === 'poison')) throw new Error('cannot write poison');
      return original(appends, at);
    };
    const handle = liveFeedConsumer(storage, clock, { broadcast: async () => {} });
    const message = (eventId: string) => {
      const m = statusUpdated({});
      return { ...m, envelope: { ...m.envelope, event_id: eventId } };
    };
    const outcomes = await Promise.allSettled(['a', 'b', 'poison', 'c'].map((id) => handle(message(id))));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(appended.map((a) => a.content.event_id)).toEqual(['a', 'b', 'c']);
  });
});
