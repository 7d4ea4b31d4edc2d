import {
  type OrderCreatedData,
  type OrderStatusUpdatedData,
  parseOrderMessage,
  statusRank,
} from '../../contexts/ordering/index.ts';
import { type EventEnvelope, IntegrationEventTypes } from '../../shared/envelope.ts';
import { GroupCommit, ItemFailed } from '../../shared/group-commit.ts';
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
 * The view needs no processed-message record for that: a creation is an insert that does
 * nothing when the order is already there (so it runs alone, without a transaction), and a
 * status update locks the order's row and is skipped when the row's history already holds its
 * event id (`applyStatusUpdate`). A redelivered or re-published message therefore changes
 * nothing, as the `deduplicated` record would have ensured.
 *
 * Messages that arrive while others are being written are written next, together (group
 * commit): creations with one customer lookup and one multi-row insert; status updates in one
 * transaction that locks their rows with one read and writes them back with one statement. So
 * under load (the group holds `BATCHING_PREFETCH` messages) a message costs a fraction of a
 * statement, and a lone one waits for nothing. When such a write fails, its messages are
 * written again one by one: only one that cannot be written fails (and the bus redelivers it).
 *
 * With several projection processes, an order's status update can overtake its creation; the
 * handler then waits a little (outside any transaction) rather than burn the bus's bounded
 * redeliveries in a tight loop.
 */
export function orderSummaryProjection(
  storage: UnitOfWork<OrderInfoStores>,
  { retries = 10, backoffMs = 50 } = {},
): MessageHandler {
  // A message the statement refuses fails alone, not with the batch it came in.
  const isolateFailures = true;
  const creations = new GroupCommit<EventEnvelope<OrderCreatedData>, void>(
    async (created) => {
      await projectCreations(created, storage.read);
      return created.map(() => undefined);
    },
    { isolateFailures },
  );
  const statusUpdates = new GroupCommit<EventEnvelope<OrderStatusUpdatedData>, void>(
    (updates) => storage.transaction((stores) => projectStatusUpdates(updates, stores)),
    { isolateFailures },
  );
  const handle = async (message: BusMessage) => {
    const parsed = parseOrderMessage(message.envelope);
    if (parsed?.event_type === IntegrationEventTypes.orderCreated) return creations.submit(parsed.envelope);
    if (parsed?.event_type === IntegrationEventTypes.orderStatusUpdated)
      return statusUpdates.submit(parsed.envelope);
  };
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
    await projectCreations([parsed.envelope], stores);
    return;
  }
  if (parsed?.event_type === IntegrationEventTypes.orderStatusUpdated) {
    const [outcome] = await projectStatusUpdates([parsed.envelope], stores);
    if (outcome instanceof ItemFailed) throw outcome.error;
  }
}

/**
 * Status updates into the view, in the caller's transaction: the orders' rows locked with one
 * read, each update applied in the order given, the changed rows written with one statement.
 * An update of an order not in the view yet is answered `ItemFailed(OrderNotInViewYet)`.
 */
async function projectStatusUpdates(
  updates: readonly EventEnvelope<OrderStatusUpdatedData>[],
  stores: OrderInfoStores,
): Promise<(undefined | ItemFailed)[]> {
  const summaries = await stores.orderSummaries.getForUpdate(updates.map((u) => u.data.order_id));
  const changed = new Set<string>();
  const outcomes = updates.map((envelope) => {
    const {
      order_id,
      current_status,
      version,
      previous_status: _p,
      customer_id: _c,
      ...details
    } = envelope.data;
    const summary = summaries.get(order_id);
    if (!summary) return new ItemFailed(new OrderNotInViewYet(`order ${order_id} is not in the view yet`));
    const update: StatusUpdate = {
      status: current_status,
      at: envelope.timestamp,
      event_id: envelope.event_id,
      version,
      details,
    };
    const updated = applyStatusUpdate(summary, update);
    if (updated !== summary) {
      summaries.set(order_id, updated);
      changed.add(order_id);
    }
    return undefined;
  });
  await stores.orderSummaries.update([...changed].map((id) => summaries.get(id)!));
  return outcomes;
}

/** New orders into the view: their customers looked up together, then one insert. */
async function projectCreations(
  created: readonly EventEnvelope<OrderCreatedData>[],
  stores: OrderInfoStores,
): Promise<void> {
  const customers = await stores.users.findMany([...new Set(created.map((e) => e.data.customer_id))]);
  const entries = created.map((envelope) => {
    const data = envelope.data;
    const customer = customers.get(data.customer_id);
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
    const searchText = [
      summary.customer_name,
      summary.customer_email,
      ...summary.items.map((i) => i.name),
    ].join(' ');
    return { summary, searchText };
  });
  await stores.orderSummaries.insert(entries);
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
