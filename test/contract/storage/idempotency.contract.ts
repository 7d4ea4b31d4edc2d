import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { IdempotencyRecord } from '../../../src/shared/ports/idempotency.ts';
import { type CurrentFixture, Rollback, race } from './storage-fixture.ts';

/** `IdempotencyStore`: one stored answer per scope and key. */
export function idempotencyContract(current: CurrentFixture): void {
  describe('idempotency keys', () => {
    const storage = () => current().storage;
    const record = (key: string, scope = 'alice'): IdempotencyRecord => ({
      scope,
      key,
      request_hash: 'h1',
      status_code: 201,
      response: { order_id: 'x', lines: [{ n: 1 }] },
    });

    it('stores a response once per scope and key', async () => {
      const key = randomUUID();
      expect(await storage().read.idempotency.find('alice', key)).toBeUndefined();
      expect(await storage().transaction((tx) => tx.idempotency.save(record(key)))).toBe(true);
      expect(
        await storage().transaction((tx) => tx.idempotency.save({ ...record(key), request_hash: 'h2' })),
      ).toBe(false);
      expect(await storage().read.idempotency.find('alice', key)).toEqual(record(key));
      expect(await storage().read.idempotency.find('bob', key)).toBeUndefined();
      expect(await storage().transaction((tx) => tx.idempotency.save(record(key, 'bob')))).toBe(true);
    });

    it('forgets a key whose transaction rolled back', async () => {
      const key = randomUUID();
      await expect(
        storage().transaction(async (tx) => {
          await tx.idempotency.save(record(key));
          throw new Rollback();
        }),
      ).rejects.toBeInstanceOf(Rollback);
      expect(await storage().read.idempotency.find('alice', key)).toBeUndefined();
    });

    it('lets one of 20 concurrent requests with the same key save it', async () => {
      const key = randomUUID();
      const { won, lost } = await race(storage(), 20, (tx, i) =>
        tx.idempotency.save({ ...record(key), request_hash: `h${i}` }),
      );
      expect(lost).toEqual([]);
      expect(won.filter(Boolean)).toHaveLength(1);
      expect((await storage().read.idempotency.find('alice', key))?.request_hash).toMatch(/^h\d+$/);
    });
  });
}

/** `ProcessedMessages`: the consumer-side dedupe, one handling per consumer and message. */
export function processedMessagesContract(current: CurrentFixture): void {
  describe('processed messages', () => {
    const storage = () => current().storage;

    it('marks a message processed once per consumer, also under concurrency', async () => {
      const id = randomUUID();
      const { won, lost } = await race(storage(), 20, (tx) => tx.processed.markProcessed('projection', id));
      expect(lost).toEqual([]);
      expect(won.filter(Boolean)).toHaveLength(1);
      expect(await storage().read.processed.markProcessed('projection', id)).toBe(false);
      expect(await storage().read.processed.markProcessed('notifications', id)).toBe(true);
    });

    it('marks a batch with the next statement, answering then which of its messages were new', async () => {
      const [seen, fresh] = [randomUUID(), randomUUID()];
      await storage().read.processed.markProcessed('projection', seen);
      const marked = await storage().transaction(async (tx) => {
        const later = await tx.processed.markProcessedManyWithNext('projection', [fresh, seen, fresh]);
        // The next statement takes the mark with it; its answer is there afterwards.
        expect(await tx.processed.markProcessed('projection', randomUUID())).toBe(true);
        return later.answer();
      });
      expect(marked).toEqual(new Set([fresh]));
      // Asked for before anything followed, it is sent alone.
      const again = await storage().transaction(async (tx) =>
        (await tx.processed.markProcessedManyWithNext('projection', [fresh, randomUUID()])).answer(),
      );
      expect(again.size).toBe(1);
      expect(again.has(fresh)).toBe(false);
      expect(
        await (await storage().read.processed.markProcessedManyWithNext('projection', [])).answer(),
      ).toEqual(new Set());
      // Outside a transaction it runs at once.
      const alone = randomUUID();
      expect(
        await (await storage().read.processed.markProcessedManyWithNext('projection', [alone])).answer(),
      ).toEqual(new Set([alone]));
    });

    it('marks a batch at once, answering which of its messages were new to the consumer', async () => {
      const [seen, fresh, other] = [randomUUID(), randomUUID(), randomUUID()];
      await storage().read.processed.markProcessed('projection', seen);
      const marked = await storage().read.processed.markProcessedMany('projection', [
        fresh,
        seen,
        other,
        fresh,
      ]);
      expect([...marked].sort()).toEqual([fresh, other].sort());
      expect(await storage().read.processed.markProcessedMany('projection', [fresh, other])).toEqual(
        new Set(),
      );
      expect(await storage().read.processed.markProcessedMany('projection', [])).toEqual(new Set());
      const upper = randomUUID().toUpperCase();
      expect(await storage().read.processed.markProcessedMany('projection', [upper])).toEqual(
        new Set([upper]),
      );
      expect(await storage().read.processed.markProcessed('projection', upper.toLowerCase())).toBe(false);
      const { won, lost } = await race(storage(), 6, (tx, i) =>
        tx.processed.markProcessedMany('racing', i % 2 === 0 ? [seen, fresh] : [fresh, seen]),
      );
      expect(lost).toEqual([]);
      expect(won.flatMap((set) => [...set]).sort()).toEqual([seen, fresh].sort());
    });

    it('forgets a processed mark whose transaction rolled back, so the message is handled again', async () => {
      const id = randomUUID();
      await expect(
        storage().transaction(async (tx) => {
          expect(await tx.processed.markProcessed('projection', id)).toBe(true);
          throw new Rollback();
        }),
      ).rejects.toBeInstanceOf(Rollback);
      expect(await storage().read.processed.markProcessed('projection', id)).toBe(true);
    });
  });
}
