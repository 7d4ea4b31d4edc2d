import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostgresStorage } from '../../src/adapters/storage/postgres-storage.ts';
import { ConcurrencyError } from '../../src/shared/errors.ts';
import {
  type GlobalCheckpoint,
  type NewEvent,
  NO_STREAM,
  type RecordedEvent,
  START_OF_ALL,
} from '../../src/shared/ports/event-store.ts';
import type { OutboxMessage } from '../../src/shared/ports/outbox.ts';
import { eventually } from '../support/eventually.ts';

export interface StorageFixture {
  storage: PostgresStorage;
  close(): Promise<void>;
}

const event = (type = 'Something', data: Record<string, unknown> = {}): NewEvent => ({
  event_id: randomUUID(),
  type,
  data,
});

const outboxMessage = (key: string, seq = 0): OutboxMessage => ({
  topic: 'order.status_updated',
  key,
  envelope: {
    event_id: randomUUID(),
    event_type: 'order.status_updated',
    timestamp: new Date().toISOString(),
    source: 'contract-test',
    data: { order_id: key, seq },
  },
  headers: { correlation_id: randomUUID() },
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The behaviour every storage implementation must have. Runs unchanged against PostgreSQL and
 * PGlite. Tests share one database, so each works on its own streams and keys.
 */
export function storageContract(name: string, create: () => Promise<StorageFixture>): void {
  describe(`Storage contract: ${name}`, () => {
    let fixture: StorageFixture;
    let storage: PostgresStorage;

    beforeAll(async () => {
      fixture = await create();
      storage = fixture.storage;
    });
    afterAll(async () => {
      await fixture?.close();
    });

    describe('event store', () => {
      it('creates a stream, appends at the expected version and reads it back in order', async () => {
        const id = `order-${randomUUID()}`;
        const first = await storage.read.events.append(id, 'order', NO_STREAM, [
          event('OrderCreated', { n: 1 }),
          event('OrderSubscriptionAdded', { n: 2 }),
        ]);
        expect(first.version).toBe(2);
        const second = await storage.read.events.append(id, 'order', 2, [event('OrderPaid', { n: 3 })]);
        expect(second.version).toBe(3);
        expect(second.position).toBeGreaterThan(first.position);

        const stream = await storage.read.events.readStream(id);
        expect(stream.map((e) => [e.version, e.type, e.data.n])).toEqual([
          [1, 'OrderCreated', 1],
          [2, 'OrderSubscriptionAdded', 2],
          [3, 'OrderPaid', 3],
        ]);
        expect(stream[0]!.recorded_at).toBeInstanceOf(Date);
        expect(await storage.read.events.readStream(id, 2)).toHaveLength(1);
        expect(await storage.read.events.streamVersion(id)).toBe(3);
        expect(await storage.read.events.streamVersion(`order-${randomUUID()}`)).toBe(NO_STREAM);
      });

      it('rejects a stale append and writes nothing', async () => {
        const id = `order-${randomUUID()}`;
        await storage.read.events.append(id, 'order', NO_STREAM, [event()]);
        await storage.read.events.append(id, 'order', 1, [event()]);
        await expect(storage.read.events.append(id, 'order', 1, [event(), event()])).rejects.toBeInstanceOf(
          ConcurrencyError,
        );
        await expect(storage.read.events.append(id, 'order', NO_STREAM, [event()])).rejects.toBeInstanceOf(
          ConcurrencyError,
        );
        await expect(storage.read.events.append(id, 'order', 7, [event()])).rejects.toBeInstanceOf(
          ConcurrencyError,
        );
        expect((await storage.read.events.readStream(id)).map((e) => e.version)).toEqual([1, 2]);
      });

      it('lets exactly one of 50 concurrent appends at one expected version win, without gaps', async () => {
        const id = `order-${randomUUID()}`;
        await storage.read.events.append(id, 'order', NO_STREAM, [event()]);
        const results = await Promise.allSettled(
          Array.from({ length: 50 }, (_, i) =>
            storage.transaction((tx) =>
              tx.events.append(id, 'order', 1, [event('Raced', { i }), event('Raced', { i })]),
            ),
          ),
        );
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r) => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost.every((r) => r.reason instanceof ConcurrencyError)).toBe(true);
        const versions = (await storage.read.events.readStream(id)).map((e) => e.version);
        expect(versions).toEqual([1, 2, 3]);
      });

      it('lets exactly one of 50 concurrent creations of the same stream win', async () => {
        const id = `order-${randomUUID()}`;
        const results = await Promise.allSettled(
          Array.from({ length: 50 }, (_, i) =>
            storage.transaction((tx) =>
              tx.events.append(id, 'order', NO_STREAM, [event('OrderCreated', { i })]),
            ),
          ),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect(
          results.filter((r) => r.status === 'rejected').every((r) => r.reason instanceof ConcurrencyError),
        ).toBe(true);
        expect((await storage.read.events.readStream(id)).map((e) => e.version)).toEqual([1]);
      });

      /** Reads everything from `from` on, continuing from each batch's last checkpoint. */
      const readAllFrom = async (from: GlobalCheckpoint, batch = 100) => {
        const events: RecordedEvent[] = [];
        for (let after = from; ; ) {
          const page = await storage.read.events.readAll(after, batch);
          if (page.length === 0) return { events, checkpoint: after };
          events.push(...page);
          after = page.at(-1)!.checkpoint;
        }
      };

      it('reads all events in a stable order, in batches, without gaps', async () => {
        const { checkpoint: start } = await readAllFrom(START_OF_ALL, 1000);
        const ids = [`order-${randomUUID()}`, `order-${randomUUID()}`];
        await storage.read.events.append(ids[0]!, 'order', NO_STREAM, [event('A1'), event('A2')]);
        await storage.read.events.append(ids[1]!, 'order', NO_STREAM, [event('B1')]);
        await storage.read.events.append(ids[0]!, 'order', 2, [event('A3')]);
        // Transactions elsewhere on the server hold back what is safe to read: wait for them.
        const { events } = await eventually(async () => {
          const read = await readAllFrom(start, 1);
          expect(read.events.map((e) => e.type)).toEqual(['A1', 'A2', 'B1', 'A3']);
          return read;
        });
        expect((await readAllFrom(start, 2)).events).toEqual(events);
        const scanned = await storage.read.events.scanCommitted(events[0]!.position - 1, 10);
        expect(scanned.filter((e) => ids.includes(e.stream_id)).map((e) => e.type)).toEqual([
          'A1',
          'A2',
          'B1',
          'A3',
        ]);
      });

      it('never lets a reader skip an event that commits after a later one', async () => {
        const { checkpoint: start } = await readAllFrom(START_OF_ALL, 1000);
        // A starts first (older transaction) but writes its second event after B's; B commits
        // last. A reader in between sees A's events; continuing from there it must find B's.
        const a = storage.transaction(async (tx) => {
          await tx.events.append(`order-${randomUUID()}`, 'order', NO_STREAM, [event('A-first')]);
          await sleep(150);
          await tx.events.append(`order-${randomUUID()}`, 'order', NO_STREAM, [event('A-second')]);
        });
        await sleep(40);
        const b = storage.transaction(async (tx) => {
          await tx.events.append(`order-${randomUUID()}`, 'order', NO_STREAM, [event('B')]);
          await sleep(300);
        });
        await sleep(250);
        const during = await readAllFrom(start);
        await Promise.all([a, b]);
        const rest = await eventually(async () => {
          const more = await readAllFrom(during.checkpoint);
          const seen = [...during.events, ...more.events].map((e) => e.type);
          expect(seen.sort()).toEqual(['A-first', 'A-second', 'B']);
          return more;
        });
        expect((await readAllFrom(start)).events.map((e) => e.type)).toEqual(
          [...during.events, ...rest.events].map((e) => e.type),
        );
      });

      it('rolls back events and outbox messages together', async () => {
        const id = `order-${randomUUID()}`;
        const key = randomUUID();
        await expect(
          storage.transaction(async (tx) => {
            await tx.events.append(id, 'order', NO_STREAM, [event()]);
            await tx.outbox.enqueue([outboxMessage(key)]);
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await storage.read.events.readStream(id)).toEqual([]);
        expect(await storage.read.events.streamVersion(id)).toBe(NO_STREAM);
        const pending = await storage.transaction((tx) => tx.outbox.claim(1000));
        expect(pending.filter((m) => m.key === key)).toEqual([]);
      });
    });

    describe('outbox', () => {
      it('hands out committed messages oldest first, and not again once published', async () => {
        await drain(storage);
        const key = randomUUID();
        const messages = [outboxMessage(key, 0), outboxMessage(key, 1), outboxMessage(randomUUID(), 2)];
        await storage.transaction((tx) => tx.outbox.enqueue(messages));
        const claimed = await storage.transaction(async (tx) => {
          const batch = await tx.outbox.claim(10);
          await tx.outbox.markPublished(
            batch.map((m) => m.id),
            new Date(),
          );
          return batch;
        });
        expect(claimed.map((m) => m.envelope)).toEqual(messages.map((m) => m.envelope));
        expect(claimed[0]!.headers).toEqual(messages[0]!.headers);
        expect(await storage.transaction((tx) => tx.outbox.claim(10))).toEqual([]);
      });

      it('keeps an unpublished message when the relay fails before marking it', async () => {
        await drain(storage);
        const message = outboxMessage(randomUUID());
        await storage.transaction((tx) => tx.outbox.enqueue([message]));
        await expect(
          storage.transaction(async (tx) => {
            expect(await tx.outbox.claim(10)).toHaveLength(1);
            throw new Error('crashed after publish, before mark');
          }),
        ).rejects.toThrow();
        const again = await storage.transaction((tx) => tx.outbox.claim(10));
        expect(again.map((m) => m.envelope.event_id)).toEqual([message.envelope.event_id]);
        await drain(storage);
      });

      it('never gives the same message to two concurrent relays, and keeps per-key order', async () => {
        await drain(storage);
        const keys = Array.from({ length: 5 }, () => randomUUID());
        const all = keys.flatMap((key) => Array.from({ length: 6 }, (_, seq) => outboxMessage(key, seq)));
        for (const m of all) await storage.transaction((tx) => tx.outbox.enqueue([m]));
        const published: { key: string; seq: number; relay: number }[] = [];
        const relay = async (n: number) => {
          for (let round = 0; round < 100; round++) {
            const got = await storage.transaction(async (tx) => {
              const batch = await tx.outbox.claim(4);
              await sleep(5);
              for (const m of batch)
                published.push({ key: m.key, seq: m.envelope.data.seq as number, relay: n });
              await tx.outbox.markPublished(
                batch.map((m) => m.id),
                new Date(),
              );
              return batch.length;
            });
            if (got === 0 && published.length >= all.length) return;
          }
        };
        await Promise.all([relay(1), relay(2), relay(3)]);
        expect(published).toHaveLength(all.length);
        for (const key of keys) {
          expect(published.filter((p) => p.key === key).map((p) => p.seq)).toEqual([0, 1, 2, 3, 4, 5]);
        }
      });

      it('reports lag: pending count and age of the oldest', async () => {
        await drain(storage);
        expect((await storage.read.outbox.lag(new Date())).pending).toBe(0);
        await storage.transaction((tx) => tx.outbox.enqueue([outboxMessage(randomUUID())]));
        const lag = await storage.read.outbox.lag(new Date(Date.now() + 5000));
        expect(lag.pending).toBe(1);
        expect(lag.oldestAgeSeconds).toBeGreaterThan(3);
        await drain(storage);
      });

      it('tells listeners when a transaction that wrote to the outbox commits', async () => {
        let heard = 0;
        const stop = storage.onOutboxCommitted(() => heard++);
        await storage.transaction((tx) => tx.outbox.enqueue([outboxMessage(randomUUID())]));
        await storage.transaction(async () => {});
        stop();
        expect(heard).toBe(1);
        await drain(storage);
      });
    });

    describe('idempotency keys and processed messages', () => {
      it('stores a response once per scope and key', async () => {
        const key = randomUUID();
        const record = {
          scope: 'alice',
          key,
          request_hash: 'h1',
          status_code: 201,
          response: { order_id: 'x' },
        };
        expect(await storage.read.idempotency.find('alice', key)).toBeUndefined();
        expect(await storage.transaction((tx) => tx.idempotency.save(record))).toBe(true);
        expect(
          await storage.transaction((tx) => tx.idempotency.save({ ...record, request_hash: 'h2' })),
        ).toBe(false);
        expect(await storage.read.idempotency.find('alice', key)).toEqual(record);
        expect(await storage.read.idempotency.find('bob', key)).toBeUndefined();
      });

      it('marks a message processed once per consumer, also under concurrency', async () => {
        const id = randomUUID();
        const results = await Promise.all(
          Array.from({ length: 20 }, () =>
            storage.transaction((tx) => tx.processed.markProcessed('projection', id)),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await storage.read.processed.markProcessed('notifications', id)).toBe(true);
      });
    });
  });
}

async function drain(storage: PostgresStorage): Promise<void> {
  for (;;) {
    const n = await storage.transaction(async (tx) => {
      const batch = await tx.outbox.claim(1000);
      await tx.outbox.markPublished(
        batch.map((m) => m.id),
        new Date(),
      );
      return batch.length;
    });
    if (n === 0) return;
  }
}
