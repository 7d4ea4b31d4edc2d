import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { OutboxMessage, PendingOutboxMessage } from '../../../src/shared/ports/outbox.ts';
import type { UnitOfWork } from '../../../src/shared/ports/unit-of-work.ts';
import { type ContractStores, type CurrentFixture, sleep } from './storage-fixture.ts';

export const outboxMessage = (key: string, seq = 0): OutboxMessage => ({
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

/** Marks everything pending as published, so a test starts from an empty outbox. */
async function drain(storage: UnitOfWork<ContractStores>): Promise<void> {
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

/** `Outbox` and `OutboxRelayStore`: committed messages, per-key order, one relay per message. */
export function outboxContract(current: CurrentFixture): void {
  describe('outbox', () => {
    const storage = () => current().storage;

    it('hands out committed messages oldest first, and not again once published', async () => {
      await drain(storage());
      const key = randomUUID();
      const messages = [outboxMessage(key, 0), outboxMessage(key, 1), outboxMessage(randomUUID(), 2)];
      await storage().transaction((tx) => tx.outbox.enqueue(messages));
      const claimed = await storage().transaction(async (tx) => {
        const batch = await tx.outbox.claim(10);
        await tx.outbox.markPublished(
          batch.map((m) => m.id),
          new Date(),
        );
        return batch;
      });
      expect(claimed.map((m) => m.envelope)).toEqual(messages.map((m) => m.envelope));
      expect(claimed.map((m) => [m.topic, m.key])).toEqual(messages.map((m) => [m.topic, m.key]));
      expect(claimed[0]!.headers).toEqual(messages[0]!.headers);
      expect(claimed[0]!.created_at).toBeInstanceOf(Date);
      expect(await storage().transaction((tx) => tx.outbox.claim(10))).toEqual([]);
    });

    it('holds back a message while an earlier one with the same key is unpublished', async () => {
      await drain(storage());
      const key = randomUUID();
      await storage().transaction((tx) => tx.outbox.enqueue([outboxMessage(key, 0), outboxMessage(key, 1)]));
      let otherRelay: Promise<PendingOutboxMessage[]> | undefined;
      await storage().transaction(async (tx) => {
        const batch = await tx.outbox.claim(1);
        expect(batch.map((m) => m.envelope.data.seq)).toEqual([0]);
        // A second relay looks while this one holds message 0 (on a single-session store it
        // waits for this transaction instead): it must not take message 1 meanwhile.
        otherRelay = storage().transaction((tx2) => tx2.outbox.claim(10));
        const early = await Promise.race([otherRelay, sleep(300).then(() => 'waiting' as const)]);
        if (early !== 'waiting') expect(early).toEqual([]);
        await tx.outbox.markPublished(
          batch.map((m) => m.id),
          new Date(),
        );
      });
      await otherRelay;
      const next = await storage().transaction((tx) => tx.outbox.claim(10));
      expect(next.map((m) => m.envelope.data.seq)).toEqual([1]);
      await drain(storage());
    });

    it('keeps an unpublished message when the relay fails before marking it', async () => {
      await drain(storage());
      const message = outboxMessage(randomUUID());
      await storage().transaction((tx) => tx.outbox.enqueue([message]));
      await expect(
        storage().transaction(async (tx) => {
          expect(await tx.outbox.claim(10)).toHaveLength(1);
          throw new Error('crashed after publish, before mark');
        }),
      ).rejects.toThrow();
      const again = await storage().transaction((tx) => tx.outbox.claim(10));
      expect(again.map((m) => m.envelope.event_id)).toEqual([message.envelope.event_id]);
      await drain(storage());
    });

    it('never gives the same message to two concurrent relays, and keeps per-key order', async () => {
      await drain(storage());
      const keys = Array.from({ length: 5 }, () => randomUUID());
      const all = keys.flatMap((key) => Array.from({ length: 6 }, (_, seq) => outboxMessage(key, seq)));
      for (const m of all) await storage().transaction((tx) => tx.outbox.enqueue([m]));
      const published: { key: string; seq: number; relay: number }[] = [];
      const relay = async (n: number) => {
        for (let round = 0; round < 100; round++) {
          const got = await storage().transaction(async (tx) => {
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
      await drain(storage());
      expect(await storage().read.outbox.lag(new Date())).toEqual({ pending: 0, oldestAgeSeconds: 0 });
      await storage().transaction((tx) => tx.outbox.enqueue([outboxMessage(randomUUID())]));
      await storage().transaction((tx) => tx.outbox.enqueue([outboxMessage(randomUUID())]));
      const lag = await storage().read.outbox.lag(new Date(Date.now() + 5000));
      expect(lag.pending).toBe(2);
      expect(lag.oldestAgeSeconds).toBeGreaterThan(3);
      await drain(storage());
      expect((await storage().read.outbox.lag(new Date())).pending).toBe(0);
    });

    it('tells listeners when a transaction that wrote to the outbox commits, and only then', async () => {
      let heard = 0;
      const stop = current().onOutboxCommitted(() => heard++);
      await storage().transaction((tx) => tx.outbox.enqueue([outboxMessage(randomUUID())]));
      await storage().transaction(async () => {});
      await expect(
        storage().transaction(async (tx) => {
          await tx.outbox.enqueue([outboxMessage(randomUUID())]);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      stop();
      await storage().transaction((tx) => tx.outbox.enqueue([outboxMessage(randomUUID())]));
      expect(heard).toBe(1);
      await drain(storage());
    });
  });
}
