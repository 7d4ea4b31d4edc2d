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
  it('wakes the waiting list for a message that freed a slot, even while another message runs beside it', async () => {
    // Each transaction's commit waits for the test, so the second message starts while the first,
    // which freed a slot (IN_DELIVERY), is still committing.
    const commits: (() => void)[] = [];
    const stores = {
      processed: { markProcessed: async () => true },
      kitchenOrders: { getForUpdate: async () => undefined },
    } as unknown as FulfilmentStores;
    const storage: UnitOfWork<FulfilmentStores> = {
      read: stores,
      transaction: async (work) => {
        const result = await work(stores);
        await new Promise<void>((commit) => commits.push(commit));
        return result;
      },
    };
    let wakeUps = 0;
    const assigner = { capacityFreed: () => void wakeUps++ } as unknown as FoodPointAssigner;
    const handle = fulfilmentConsumer(storage, assigner);

    const delivered = handle(statusUpdated('o-1', 'READY', 'IN_DELIVERY'));
    await until(() => commits.length === 1);
    const paid = handle(statusUpdated('o-2', 'PENDING', 'PAID'));
    await until(() => commits.length === 2);
    for (const commit of commits) commit();
    await Promise.all([delivered, paid]);

    expect(wakeUps).toBe(1);
  });
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
