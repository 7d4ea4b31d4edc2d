import { parseOrderMessage, statusRank } from '../../contexts/ordering/index.ts';
import { IntegrationEventTypes } from '../../shared/envelope.ts';
import type { BusMessage, MessageHandler } from '../../shared/ports/message-bus.ts';
import type { UnitOfWork } from '../../shared/ports/unit-of-work.ts';
import type { OrderInfoStores, OrderSummary, StatusUpdate } from './order-summary.ts';

export const ORDER_INFO_CONSUMER = 'order-info';
export const ORDER_INFO_TOPICS = [
  IntegrationEventTypes.orderCreated,
  IntegrationEventTypes.orderStatusUpdated,
];

/** A status update for an order whose creation another consumer is still applying. */
class OrderNotInViewYet extends Error {}

/**
 * Seed 001's order-info: keeps `order_summaries` up to date from the bus, each event once.
 * The view needs no processed-message record for that: a creation is one insert that does
 * nothing when the order is already there (so it runs alone, without a transaction: the
 * customer lookup, then that statement), and a status update locks the order's row and is
 * skipped when the row's history already holds its event id (`applyStatusUpdate`). A
 * redelivered or re-published message therefore changes nothing, as the `deduplicated`
 * record would have ensured, at two statements per creation instead of five.
 * With several projection processes, an order's status update can overtake its creation; the
 * handler then waits a little (outside any transaction) rather than burn the bus's bounded
 * redeliveries in a tight loop.
 */
export function orderSummaryProjection(
  storage: UnitOfWork<OrderInfoStores>,
  retries = 10,
  backoffMs = 50,
): MessageHandler {
  const handle = (message: BusMessage) =>
    message.envelope.event_type === IntegrationEventTypes.orderCreated
      ? projectMessage(message, storage.read)
      : storage.transaction((stores) => projectMessage(message, stores));
  return async (message) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await handle(message);
      } catch (error) {
        if (!(error instanceof OrderNotInViewYet) || attempt >= retries) throw error;
        await new Promise((resolve) => setTimeout(resolve, backoffMs * attempt));
      }
    }
  };
}

/** Applies one message to the view; also used to rebuild the view from the event store. */
export async function projectMessage(message: BusMessage, stores: OrderInfoStores): Promise<void> {
  const parsed = parseOrderMessage(message.envelope);
  if (parsed?.event_type === IntegrationEventTypes.orderCreated) {
    const { envelope } = parsed;
    const data = envelope.data;
    const customer = await stores.users.findById(data.customer_id);
    const summary: OrderSummary = {
      order_id: data.order_id,
      customer_id: data.customer_id,
      customer_name: customer?.full_name ?? null,
      customer_email: customer?.email ?? null,
      status: 'PENDING',
      items: data.items,
      total: data.total,
      currency: data.currency,
      delivery: data.delivery,
      history: [{ status: 'PENDING', at: data.created_at, event_id: envelope.event_id }],
      details: {},
      version: data.version,
      created_at: data.created_at,
      updated_at: envelope.timestamp,
    };
    const text = [summary.customer_name, summary.customer_email, ...summary.items.map((i) => i.name)].join(
      ' ',
    );
    await stores.orderSummaries.insert(summary, text);
    return;
  }
  if (parsed?.event_type === IntegrationEventTypes.orderStatusUpdated) {
    const { envelope } = parsed;
    const {
      order_id,
      current_status,
      version,
      previous_status: _p,
      customer_id: _c,
      ...details
    } = envelope.data;
    const summary = await stores.orderSummaries.getForUpdate(order_id);
    if (!summary) throw new OrderNotInViewYet(`order ${order_id} is not in the view yet`);
    const update: StatusUpdate = {
      status: current_status,
      at: envelope.timestamp,
      event_id: envelope.event_id,
      version,
      details,
    };
    const updated = applyStatusUpdate(summary, update);
    if (updated !== summary) await stores.orderSummaries.update(updated);
  }
}

/**
 * A status update moves the view forward only: an older status arriving late is kept in the
 * history but does not move the order back.
 */
export function applyStatusUpdate(summary: OrderSummary, update: StatusUpdate): OrderSummary {
  if (summary.history.some((h) => h.event_id === update.event_id)) return summary;
  const forward = statusRank(update.status) > statusRank(summary.status);
  const history = [
    ...summary.history,
    { status: update.status, at: update.at, event_id: update.event_id },
  ].sort((a, b) => statusRank(a.status) - statusRank(b.status) || a.at.localeCompare(b.at));
  return {
    ...summary,
    status: forward ? update.status : summary.status,
    history,
    details: { ...summary.details, ...update.details },
    version: Math.max(summary.version, update.version),
    updated_at: [summary.updated_at, update.at].sort().at(-1)!,
  };
}
