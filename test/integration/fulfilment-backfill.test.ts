import { randomUUID } from 'node:crypto';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrationProvider } from '../../src/adapters/storage/migrations/index.ts';
import { PostgresStorage } from '../../src/adapters/storage/postgres-storage.ts';
import { NO_STREAM } from '../../src/shared/ports/event-store.ts';
import { STORAGE_MODES } from '../support/services-fixture.ts';

const event = (type: string, data: Record<string, unknown>) => ({
  event_id: randomUUID(),
  type,
  data,
  metadata: {},
});

// Migration 0007 puts orders confirmed before fulfilment existed on the waiting list.
describe('fulfilment migration back-fills confirmed orders', () => {
  for (const [name, mode] of STORAGE_MODES) {
    it(`on ${name}`, async () => {
      const opened = await mode();
      const storage = PostgresStorage.connect(opened.target);
      try {
        const migrator = new Migrator({ db: storage.db, provider: migrationProvider });
        expect((await migrator.migrateTo('0006-unpaid-order-units')).error).toBeUndefined();
        const order = async (delivery: unknown, ...later: string[]) => {
          const id = randomUUID();
          const items = [{ product_id: 'p', name: 'P', quantity: 2, unit_price: 100 }];
          await storage.read.events.append(`order-${id}`, 'order', NO_STREAM, [
            event('OrderCreated', {
              order_id: id,
              customer_id: 'c',
              items,
              total: 200,
              currency: 'EUR',
              delivery,
            }),
            ...later.map((type) => event(type, { order_id: id })),
          ]);
          return id;
        };
        const located = await order({ address: 'x', lat: 52.5, lon: 13.4 }, 'OrderPaid', 'OrderConfirmed');
        const unlocated = await order(null, 'OrderPaid', 'OrderConfirmed', 'OrderSubscriptionAdded');
        const assigned = await order(null, 'OrderPaid', 'OrderConfirmed', 'FoodPointAssigned');
        const paid = await order(null, 'OrderPaid');
        expect((await migrator.migrateToLatest()).error).toBeUndefined();
        const waiting = await storage.read.kitchenOrders.waiting(100);
        expect(waiting.map((o) => o.order_id).sort()).toEqual([located, unlocated].sort());
        expect(await storage.read.kitchenOrders.get(located)).toMatchObject({
          status: 'WAITING',
          destination: { lat: 52.5, lon: 13.4 },
          items: [{ product_id: 'p', quantity: 2 }],
        });
        expect(await storage.read.kitchenOrders.get(unlocated)).toMatchObject({ destination: null });
        for (const id of [assigned, paid]) expect(await storage.read.kitchenOrders.get(id)).toBeUndefined();
      } finally {
        await storage.close();
        await opened.cleanup();
      }
    });
  }
});
