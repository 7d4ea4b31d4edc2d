import {
  evolve,
  initialOrderState,
  messagesFor,
  type OrderState,
  toOrderEvent,
} from '../../contexts/ordering/index.ts';
import type { EventStore } from '../../shared/ports/event-store.ts';
import type { ProcessedMessages } from '../../shared/ports/processed-messages.ts';
import type { UnitOfWork } from '../../shared/ports/unit-of-work.ts';
import { ORDER_INFO_CONSUMER, projectMessage } from './order-summary.projection.ts';
import type { OrderInfoStores } from './order-summary.ts';

type Stores = OrderInfoStores & {
  events: EventStore;
  processed: ProcessedMessages & { forget(consumer: string): Promise<void> };
};

/**
 * Rebuilds the order-info view from the event store: empties it, then replays every order
 * event, stream by stream in order, as the integration messages the outbox published for it (same
 * ids, same content) through the live projection's code. One transaction, so readers see the
 * old view or the new one. Stop the `projections` role while it runs.
 */
export async function rebuildOrderInfo(
  storage: UnitOfWork<Stores>,
  batchSize = 1000,
  /** Called after each batch with the order events replayed so far (for a progress display). */
  onProgress: (events: number) => void = () => {},
): Promise<{ orders: number; events: number }> {
  return storage.transaction(async (tx) => {
    await tx.orderSummaries.clear();
    await tx.processed.forget(ORDER_INFO_CONSUMER);
    const streams = new Map<string, OrderState>();
    let events = 0;
    for (let after = 0; ; ) {
      const batch = await tx.events.scanCommitted(after, batchSize);
      if (batch.length === 0) break;
      for (const event of batch) {
        after = event.position;
        if (!event.stream_id.startsWith('order-')) continue;
        events++;
        const orderEvent = toOrderEvent(event);
        const before = streams.get(event.stream_id) ?? initialOrderState();
        streams.set(event.stream_id, evolve(before, orderEvent));
        const customerId = before.exists ? before.customer_id : String(event.data.customer_id);
        const messages = messagesFor(
          {
            event_id: event.event_id,
            event: orderEvent,
            commit_version: Number(event.metadata.commit_version ?? event.version),
            customer_id: customerId,
          },
          before.exists ? before.status : undefined,
          {},
        );
        for (const message of messages) {
          await tx.processed.markProcessed(ORDER_INFO_CONSUMER, message.envelope.event_id);
          await projectMessage(message, tx);
        }
      }
      onProgress(events);
    }
    return { orders: streams.size, events };
  });
}
