import { type EventEnvelope, IntegrationEventTypes, type MessageHeaders } from '../../../shared/envelope.ts';
import type { OutboxMessage } from '../../../shared/ports/outbox.ts';
import type { OrderEvent } from '../domain/order.events.ts';
import { statusAfter } from '../domain/order.evolve.ts';
import type { OrderStatus } from '../domain/order.transitions.ts';
import type { OrderCreatedData, OrderStatusUpdatedData } from './order-message.parser.ts';

export const ORDERING_SOURCE = 'orderflow.ordering';

/** An order event as stored: its id and the stream version its append left behind. */
export interface StoredOrderEvent {
  event_id: string;
  event: OrderEvent;
  /** Stream version after the append this event was part of (what a reader waits for). */
  commit_version: number;
  customer_id: string;
}

export interface MessageContext {
  correlation_id?: string | undefined;
  traceparent?: string | undefined;
  /** Who caused the change (a user id, `auto-confirm`, `system`): logged with the business event. */
  actor_id?: string | undefined;
}

/**
 * The integration messages an order event announces, in seed 002's envelope: `order.created`
 * for OrderCreated, `order.status_updated` for each status change. The message's `event_id`
 * is the event's id, so a message rebuilt from the event store equals the one published live.
 * `previous` is the order's status before the event (undefined before creation).
 */
export function messagesFor(
  stored: StoredOrderEvent,
  previous: OrderStatus | undefined,
  context: MessageContext,
): OutboxMessage[] {
  const { event } = stored;
  const current = statusAfter(event);
  if (event.type === 'OrderCreated') {
    const created: OrderCreatedData = { ...event.data, status: 'PENDING', version: stored.commit_version };
    return [
      message(stored, IntegrationEventTypes.orderCreated, event.data.created_at, { ...created }, context),
    ];
  }
  if (!current || current === previous) return [];
  const updated: OrderStatusUpdatedData = {
    order_id: event.data.order_id,
    customer_id: stored.customer_id,
    previous_status: previous ?? null,
    current_status: current,
    version: stored.commit_version,
    ...detailsOf(event),
  };
  return [
    message(stored, IntegrationEventTypes.orderStatusUpdated, changedAt(event), { ...updated }, context),
  ];
}

function message(
  stored: StoredOrderEvent,
  eventType: string,
  timestamp: string,
  data: Record<string, unknown> & { order_id: string },
  context: MessageContext,
): OutboxMessage {
  const envelope: EventEnvelope = {
    event_id: stored.event_id,
    event_type: eventType,
    timestamp,
    source: ORDERING_SOURCE,
    data: { ...data, version: stored.commit_version },
  };
  const headers: MessageHeaders = {};
  if (context.correlation_id) headers.correlation_id = context.correlation_id;
  if (context.traceparent) headers.traceparent = context.traceparent;
  if (context.actor_id) headers.actor_id = context.actor_id;
  return { topic: eventType, key: data.order_id, envelope, headers };
}

function changedAt(event: OrderEvent): string {
  switch (event.type) {
    case 'OrderPaid':
      return event.data.paid_at;
    case 'OrderConfirmed':
      return event.data.confirmed_at;
    case 'FoodPointAssigned':
      return event.data.assigned_at;
    case 'OrderReady':
      return event.data.ready_at;
    case 'OrderPickedUp':
      return event.data.picked_up_at;
    case 'OrderDelivered':
      return event.data.delivered_at;
    case 'OrderCancelled':
      return event.data.cancelled_at;
    case 'OrderCreated':
      return event.data.created_at;
    case 'OrderPaymentFailed':
      return event.data.failed_at;
    case 'OrderSubscriptionAdded':
      return new Date(0).toISOString();
  }
}

/** What seed 002 and the buyer want to know beside the status (tracking, delivery, payment). */
function detailsOf(event: OrderEvent): Partial<OrderStatusUpdatedData> {
  switch (event.type) {
    case 'OrderPaid':
      return { operation_id: event.data.operation_id, amount: event.data.amount };
    case 'FoodPointAssigned':
      return { food_point_id: event.data.food_point_id };
    case 'OrderPickedUp': {
      const { order_id: _o, picked_up_at: _p, ...rest } = event.data;
      return rest;
    }
    case 'OrderDelivered': {
      const { order_id: _o, ...rest } = event.data;
      return rest;
    }
    case 'OrderCancelled':
      return {
        reason: event.data.reason,
        refunded: event.data.refund !== null,
        cancelled_by: event.data.cancelled_by.kind,
      };
    default:
      return {};
  }
}
