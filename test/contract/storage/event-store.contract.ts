import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConcurrencyError } from '../../../src/shared/errors.ts';
import {
  type GlobalCheckpoint,
  type NewEvent,
  NO_STREAM,
  type RecordedEvent,
  START_OF_ALL,
} from '../../../src/shared/ports/event-store.ts';
import { eventually } from '../../support/eventually.ts';
import { outboxMessage } from './outbox.contract.ts';
import { type CurrentFixture, race, sleep } from './storage-fixture.ts';

export const event = (type = 'Something', data: Record<string, unknown> = {}): NewEvent => ({
  event_id: randomUUID(),
  type,
  data,
});

/** `EventStore`: optimistic appends, gap-free streams, a global read that never skips a late commit. */
export function eventStoreContract(current: CurrentFixture): void {
  describe('event store', () => {
    const storage = () => current().storage;
    const events = () => current().storage.read.events;

    it('creates a stream, appends at the expected version and reads it back in order', async () => {
      const id = `order-${randomUUID()}`;
      const first = await events().append(id, 'order', NO_STREAM, [
        event('OrderCreated', { n: 1 }),
        { ...event('OrderSubscriptionAdded', { n: 2 }), metadata: { actor: 'a' } },
      ]);
      expect(first.version).toBe(2);
      const second = await events().append(id, 'order', 2, [event('OrderPaid', { n: 3 })]);
      expect(second.version).toBe(3);
      expect(second.position).toBeGreaterThan(first.position);

      const stream = await events().readStream(id);
      expect(stream.map((e) => [e.stream_id, e.version, e.type, e.data.n])).toEqual([
        [id, 1, 'OrderCreated', 1],
        [id, 2, 'OrderSubscriptionAdded', 2],
        [id, 3, 'OrderPaid', 3],
      ]);
      expect(stream.map((e) => e.metadata)).toEqual([{}, { actor: 'a' }, {}]);
      expect(stream[2]!.position).toBe(second.position);
      expect(stream[0]!.recorded_at).toBeInstanceOf(Date);
      expect((await events().readStream(id, 2)).map((e) => e.version)).toEqual([3]);
      expect(await events().streamVersion(id)).toBe(3);
      expect(await events().streamVersion(`order-${randomUUID()}`)).toBe(NO_STREAM);
      expect(await events().readStream(`order-${randomUUID()}`)).toEqual([]);
    });

    it('rejects a stale append and writes nothing', async () => {
      const id = `order-${randomUUID()}`;
      await events().append(id, 'order', NO_STREAM, [event()]);
      await events().append(id, 'order', 1, [event()]);
      await expect(events().append(id, 'order', 1, [event(), event()])).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
      await expect(events().append(id, 'order', NO_STREAM, [event()])).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
      await expect(events().append(id, 'order', 7, [event()])).rejects.toBeInstanceOf(ConcurrencyError);
      expect((await events().readStream(id)).map((e) => e.version)).toEqual([1, 2]);
    });

    it('lets exactly one of 50 concurrent appends at one expected version win, without gaps', async () => {
      const id = `order-${randomUUID()}`;
      await events().append(id, 'order', NO_STREAM, [event()]);
      const { won, lost } = await race(storage(), 50, (tx, i) =>
        tx.events.append(id, 'order', 1, [event('Raced', { i }), event('Raced', { i })]),
      );
      expect(won).toHaveLength(1);
      expect(lost.every((reason) => reason instanceof ConcurrencyError)).toBe(true);
      const stream = await events().readStream(id);
      expect(stream.map((e) => e.version)).toEqual([1, 2, 3]);
      expect(stream[1]!.data.i).toBe(stream[2]!.data.i);
    });

    it('lets exactly one of 50 concurrent creations of the same stream win', async () => {
      const id = `order-${randomUUID()}`;
      const { won, lost } = await race(storage(), 50, (tx, i) =>
        tx.events.append(id, 'order', NO_STREAM, [event('OrderCreated', { i })]),
      );
      expect(won).toHaveLength(1);
      expect(lost.every((reason) => reason instanceof ConcurrencyError)).toBe(true);
      expect((await events().readStream(id)).map((e) => e.version)).toEqual([1]);
    });

    it('appends answered later: the events with their announcements at the commit, or a stale version failing the unit of work', async () => {
      const id = `order-${randomUUID()}`;
      const key = randomUUID();
      const ours = async () =>
        (await storage().transaction((tx) => tx.outbox.claim(1000))).filter((m) => m.key === key);
      // Alone in its unit of work (sent with the commit), and read back by a later statement in it.
      await storage().transaction((tx) =>
        tx.events.appendAnsweredLater(
          id,
          'order',
          NO_STREAM,
          [event('A', { n: 1 })],
          [outboxMessage(key, 0)],
        ),
      );
      const seen = await storage().transaction(async (tx) => {
        await tx.events.appendAnsweredLater(id, 'order', 1, [event('B', { n: 2 }), event('C', { n: 3 })]);
        return (await tx.events.readStream(id)).map((e) => e.version);
      });
      expect(seen).toEqual([1, 2, 3]);
      // Stale: the statement after it fails with ConcurrencyError, or the commit does, and
      // nothing of the unit of work stays (not the append before it, not the announcement).
      const other = `order-${randomUUID()}`;
      await expect(
        storage().transaction(async (tx) => {
          await tx.events.append(other, 'order', NO_STREAM, [event()]);
          await tx.events.appendAnsweredLater(id, 'order', 1, [event()], [outboxMessage(key, 9)]);
          await tx.events.readStream(id);
        }),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(
        storage().transaction(async (tx) => {
          await tx.events.append(other, 'order', NO_STREAM, [event()]);
          await tx.events.appendAnsweredLater(id, 'order', NO_STREAM, [event()], [outboxMessage(key, 9)]);
        }),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      expect(await events().readStream(other)).toEqual([]);
      // Outside a unit of work it is answered at once.
      await expect(events().appendAnsweredLater(id, 'order', 7, [event()])).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
      await events().appendAnsweredLater(id, 'order', 3, [event('D', { n: 4 })]);
      // A unit of work that gives up before its next statement sends nothing of it.
      await expect(
        storage().transaction(async (tx) => {
          await tx.events.appendAnsweredLater(id, 'order', 4, [event()], [outboxMessage(key, 8)]);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await events().readStream(id)).map((e) => [e.version, e.type])).toEqual([
        [1, 'A'],
        [2, 'B'],
        [3, 'C'],
        [4, 'D'],
      ]);
      expect((await ours()).map((m) => m.envelope.data)).toEqual([{ order_id: key, seq: 0 }]);
    });

    it('lets exactly one of 20 concurrent appends answered later at one expected version win', async () => {
      const id = `order-${randomUUID()}`;
      await events().append(id, 'order', NO_STREAM, [event()]);
      const { won, lost } = await race(storage(), 20, async (tx, i) => {
        await tx.events.appendAnsweredLater(id, 'order', 1, [event('Raced', { i })]);
        // Time for the others to append too, were the stream not held until commit.
        await sleep(10);
        return i;
      });
      expect(won).toHaveLength(1);
      expect(lost.every((reason) => reason instanceof ConcurrencyError)).toBe(true);
      expect((await events().readStream(id)).map((e) => e.version)).toEqual([1, 2]);
    });

    /** Reads everything from `from` on, continuing from each batch's last checkpoint. */
    const readAllFrom = async (from: GlobalCheckpoint, batch = 100) => {
      const read: RecordedEvent[] = [];
      for (let after = from; ; ) {
        const page = await events().readAll(after, batch);
        if (page.length === 0) return { events: read, checkpoint: after };
        read.push(...page);
        after = page.at(-1)!.checkpoint;
      }
    };

    it('reads all events in a stable order, in batches, without gaps', async () => {
      const { checkpoint: start } = await readAllFrom(START_OF_ALL, 1000);
      const ids = [`order-${randomUUID()}`, `order-${randomUUID()}`];
      await events().append(ids[0]!, 'order', NO_STREAM, [event('A1'), event('A2')]);
      await events().append(ids[1]!, 'order', NO_STREAM, [event('B1')]);
      await events().append(ids[0]!, 'order', 2, [event('A3')]);
      // Transactions elsewhere on the server hold back what is safe to read: wait for them.
      // Events of earlier tests held back when `start` was read may surface after it too.
      const own = (read: { events: RecordedEvent[] }) => read.events.filter((e) => ids.includes(e.stream_id));
      const all = await eventually(async () => {
        const read = own(await readAllFrom(start, 1));
        expect(read.map((e) => e.type)).toEqual(['A1', 'A2', 'B1', 'A3']);
        return read;
      });
      expect(own(await readAllFrom(start, 2))).toEqual(all);
      const scanned = await events().scanCommitted(all[0]!.position - 1, 10);
      expect(scanned.filter((e) => ids.includes(e.stream_id)).map((e) => e.type)).toEqual([
        'A1',
        'A2',
        'B1',
        'A3',
      ]);
      expect(await events().scanCommitted(all.at(-1)!.position, 10)).toEqual([]);
    });

    it('never lets a reader skip an event that commits after a later one', async () => {
      const { checkpoint: start } = await readAllFrom(START_OF_ALL, 1000);
      // A starts first (older transaction) but writes its second event after B's; B commits
      // last. A reader in between sees A's events; continuing from there it must find B's.
      const a = storage().transaction(async (tx) => {
        await tx.events.append(`order-${randomUUID()}`, 'order', NO_STREAM, [event('A-first')]);
        await sleep(150);
        await tx.events.append(`order-${randomUUID()}`, 'order', NO_STREAM, [event('A-second')]);
      });
      await sleep(40);
      const b = storage().transaction(async (tx) => {
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

    it('puts the messages an append announces in the outbox with its events, in order, or neither', async () => {
      const id = `order-${randomUUID()}`;
      const key = randomUUID();
      const ours = async () =>
        (await storage().transaction((tx) => tx.outbox.claim(1000))).filter((m) => m.key === key);
      let heard = 0;
      const stop = current().onOutboxCommitted(() => heard++);
      try {
        const first = [outboxMessage(key, 0), outboxMessage(key, 1)];
        await storage().transaction((tx) =>
          tx.events.append(id, 'order', NO_STREAM, [event(), event()], first),
        );
        expect((await ours()).map((m) => m.envelope)).toEqual(first.map((m) => m.envelope));
        expect(heard).toBe(1);
        // A stale append writes no events and announces nothing; nor does a creation of a stream
        // that exists, nor an append announcing nothing.
        await expect(
          storage().transaction((tx) => tx.events.append(id, 'order', 1, [event()], [outboxMessage(key, 9)])),
        ).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(
          events().append(id, 'order', NO_STREAM, [event()], [outboxMessage(key, 9)]),
        ).rejects.toBeInstanceOf(ConcurrencyError);
        await events().append(id, 'order', 2, [event()], []);
        expect(heard).toBe(1);
        // Outside a transaction it is one statement, atomic by itself.
        const third = outboxMessage(key, 2);
        await events().append(id, 'order', 3, [event()], [third]);
        expect((await ours()).map((m) => m.envelope.data)).toEqual([
          { order_id: key, seq: 0 },
          { order_id: key, seq: 1 },
          third.envelope.data,
        ]);
        // Rolled back with the transaction around it.
        await expect(
          storage().transaction(async (tx) => {
            await tx.events.append(id, 'order', 4, [event()], [outboxMessage(key, 3)]);
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await ours()).toHaveLength(3);
        expect((await events().readStream(id)).map((e) => e.version)).toEqual([1, 2, 3, 4]);
      } finally {
        stop();
      }
    });

    it('rolls back events and outbox messages together', async () => {
      const id = `order-${randomUUID()}`;
      const key = randomUUID();
      await expect(
        storage().transaction(async (tx) => {
          await tx.events.append(id, 'order', NO_STREAM, [event()]);
          await tx.outbox.enqueue([outboxMessage(key)]);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await events().readStream(id)).toEqual([]);
      expect(await events().streamVersion(id)).toBe(NO_STREAM);
      const pending = await storage().transaction((tx) => tx.outbox.claim(1000));
      expect(pending.filter((m) => m.key === key)).toEqual([]);
    });
  });
}
