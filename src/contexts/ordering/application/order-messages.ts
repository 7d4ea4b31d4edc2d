import { type EventEnvelope, IntegrationEventTypes, type MessageHeaders } from '../../../shared/envelope.ts';
import type { OutboxMessage } from '../../../shared/ports/outbox.ts';
import type { OrderEvent } from '../domain/order.events.ts';
import type { RequestContext } from './ports.ts';

export const ORDERING_SOURCE = 'orderflow.ordering';

const headersOf = (context: RequestContext): MessageHeaders =>
  context.traceparent
    ? { correlation_id: context.correlation_id, traceparent: context.traceparent }
    : { correlation_id: context.correlation_id };

/**
 * `order.created` in seed 002's envelope. Its `event_id` is the OrderCreated event's id, so a
 * consumer's dedupe holds across re-publishing and rebuilding from the event store.
 */
export function orderCreatedMessage(
  eventId: string,
  created: Extract<OrderEvent, { type: 'OrderCreated' }>,
  context: RequestContext,
): OutboxMessage {
  const envelope: EventEnvelope = {
    event_id: eventId,
    event_type: IntegrationEventTypes.orderCreated,
    timestamp: created.data.created_at,
    source: ORDERING_SOURCE,
    data: { ...created.data, status: 'PENDING' },
  };
  return { topic: envelope.event_type, key: created.data.order_id, envelope, headers: headersOf(context) };
}
