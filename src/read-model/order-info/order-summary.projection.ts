import { IntegrationEventTypes } from '../../shared/envelope.ts';
import { deduplicated } from '../../shared/messaging/deduplicated-handler.ts';
import type { DeliveredMessage, MessageHandler } from '../../shared/ports/message-bus.ts';
import type { ProcessedMessages } from '../../shared/ports/processed-messages.ts';
import type { UnitOfWork } from '../../shared/ports/unit-of-work.ts';
import type { OrderInfoStores, OrderSummary } from './order-summary.ts';

export const ORDER_INFO_CONSUMER = 'order-info';
export const ORDER_INFO_TOPICS = [
  IntegrationEventTypes.orderCreated,
  IntegrationEventTypes.orderStatusUpdated,
];

/** Seed 001's order-info: keeps `order_summaries` up to date from the bus. */
export function orderSummaryProjection(
  storage: UnitOfWork<OrderInfoStores & { processed: ProcessedMessages }>,
): MessageHandler {
  return deduplicated(storage, ORDER_INFO_CONSUMER, async (message, stores) => {
    if (message.envelope.event_type === IntegrationEventTypes.orderCreated) {
      await stores.orderSummaries.insert(summaryFromCreated(message));
    }
  });
}

function summaryFromCreated({ envelope }: DeliveredMessage): OrderSummary {
  const data = envelope.data as unknown as Omit<OrderSummary, 'history' | 'updated_at'>;
  return {
    order_id: data.order_id,
    customer_id: data.customer_id,
    status: 'PENDING',
    items: data.items,
    total: data.total,
    currency: data.currency,
    delivery: data.delivery ?? null,
    history: [{ status: 'PENDING', at: data.created_at, event_id: envelope.event_id }],
    created_at: data.created_at,
    updated_at: envelope.timestamp,
  };
}
