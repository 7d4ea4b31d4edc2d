import { describe, expect, it } from 'vitest';
import type { DeliveredMessage } from '../../../shared/ports/message-bus.ts';
import type { UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import type { FoodPointAssigner } from './food-point-assigner.ts';
import { fulfilmentConsumer } from './fulfilment.consumer.ts';
import type { FulfilmentStores } from './ports.ts';

const statusUpdated = (orderId: string, previous: string, current: string): DeliveredMessage => ({
  topic: 'order.status_updated',
  key: orderId,
  headers: {},
  redeliveries: 0,
  envelope: {
    event_id: `e-${orderId}-${current}`,
    event_type: 'order.status_updated',
    timestamp: '2030-01-01T00:00:00.000Z',
    source: 'orderflow.ordering',
    data: {
      order_id: orderId,
      customer_id: 'alice',
      previous_status: previous,
      current_status: current,
      version: 3,
    },
  },
});

describe('fulfilmentConsumer', () => {
  it('wakes the waiting list for each message that freed a slot, also among messages written together', async () => {
    // The first transaction's commit waits for the test, so the next messages queue behind it and
    // go together in the second.
    const commits: (() => void)[] = [];
    let transactions = 0;
    const stores = {
      processed: {
        markProcessedManyWithNext: async (_c: string, ids: readonly string[]) => ({
          answer: async () => new Set(ids),
        }),
      },
      kitchenOrders: { getManyForUpdate: async () => new Map() },
    } as unknown as FulfilmentStores;
    const storage: UnitOfWork<FulfilmentStores> = {
      read: stores,
      transaction: async (work) => {
        transactions++;
        const result = await work(stores);
        await new Promise<void>((commit) => commits.push(commit));
        return result;
      },
    };
    let wakeUps = 0;
    const assigner = { capacityFreed: () => void wakeUps++ } as unknown as FoodPointAssigner;
    const handle = fulfilmentConsumer(storage, assigner);

    const first = handle(statusUpdated('o-1', 'READY', 'IN_DELIVERY'));
    await until(() => commits.length === 1);
    const together = [
      handle(statusUpdated('o-2', 'IN_DELIVERY', 'DELIVERED')),
      handle(statusUpdated('o-3', 'PAID', 'CANCELLED')),
      handle(statusUpdated('o-4', 'PENDING', 'PAID')), // no effect: marked processed only
    ];
    commits[0]!();
    await until(() => commits.length === 2);
    commits[1]!();
    await Promise.all([first, ...together]);

    expect(transactions).toBe(2);
    expect(wakeUps).toBe(2); // IN_DELIVERY and CANCELLED; DELIVERED freed nothing
  });

  it('gives nothing back for a redelivered status, though its record is locked with the others', async () => {
    const processed = new Set<string>();
    const locked: string[][] = [];
    const released: string[] = [];
    const saved: string[] = [];
    const record = {
      order_id: 'o-1',
      status: 'READY',
      food_point_id: 'p-1',
      holds_slot: true,
      ingredients_reserved: false,
      ingredients: {},
    };
    const stores = {
      processed: {
        markProcessedManyWithNext: async (_c: string, ids: readonly string[]) => {
          const fresh = new Set(ids.filter((id) => !processed.has(id)));
          for (const id of ids) processed.add(id);
          return { answer: async () => fresh };
        },
      },
      kitchenOrders: {
        getManyForUpdate: async (ids: readonly string[]) => {
          locked.push([...ids]);
          return new Map([['o-1', { ...record }]]);
        },
        save: async (order: { order_id: string; status: string }) => void saved.push(order.status),
      },
      foodPoints: { releaseSlot: async (pointId: string) => void released.push(pointId) },
    } as unknown as FulfilmentStores;
    const storage: UnitOfWork<FulfilmentStores> = { read: stores, transaction: (work) => work(stores) };
    let wakeUps = 0;
    const assigner = { capacityFreed: () => void wakeUps++ } as unknown as FoodPointAssigner;
    const handle = fulfilmentConsumer(storage, assigner);

    await handle(statusUpdated('o-1', 'READY', 'CANCELLED'));
    await handle({ ...statusUpdated('o-1', 'READY', 'CANCELLED'), redeliveries: 1 });
    expect(locked).toEqual([['o-1'], ['o-1']]);
    expect(released).toEqual(['p-1']);
    expect(saved).toEqual(['CANCELLED']);
    expect(wakeUps).toBe(1);
  });
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
