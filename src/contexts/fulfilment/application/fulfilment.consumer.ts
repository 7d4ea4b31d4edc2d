import { IntegrationEventTypes } from '../../../shared/envelope.ts';
import { GroupCommit } from '../../../shared/group-commit.ts';
import { limitConcurrency } from '../../../shared/messaging/concurrency-limit.ts';
import { deduplicated } from '../../../shared/messaging/deduplicated-handler.ts';
import type { MessageHandler } from '../../../shared/ports/message-bus.ts';
import type { UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import { type OrderStatus, parseOrderMessage } from '../../ordering/index.ts';
import { type FoodPointAssigner, isAssignmentRace } from './food-point-assigner.ts';
import { followOrderStatus, isFollowedStatus } from './kitchen-release.ts';
import type { FulfilmentStores } from './ports.ts';

export const FULFILMENT_CONSUMER = 'fulfilment';
export const FULFILMENT_TOPICS = [IntegrationEventTypes.orderStatusUpdated];

/**
 * Fulfilment on the bus: a CONFIRMED order is assigned (or joins the waiting list); a
 * cancelled one gives back its slot and reserved ingredients; one in delivery its slot. Each
 * message takes effect once (its id is recorded in the same transaction); when another
 * assigner took the chosen slot first, the transaction rolls back and runs again on fresh data.
 * The other statuses that arrive together are one transaction (`GroupCommit`; a failed batch is
 * run again message by message): those followed take effect, the rest are only marked processed.
 */
export function fulfilmentConsumer(
  storage: UnitOfWork<FulfilmentStores>,
  assigner: FoodPointAssigner,
  { maxAttempts = 20, assignmentsAtOnce = 16 }: FulfilmentConsumerOptions = {},
): MessageHandler {
  const assignments = limitConcurrency(assignmentsAtOnce);
  /** Assigns one CONFIRMED order. */
  const assign = deduplicated(storage, FULFILMENT_CONSUMER, async (delivered, stores) => {
    await assigner.assignIn(stores, (delivered.envelope.data as { order_id: string }).order_id);
  });
  const follow = new GroupCommit<Followed, boolean>((items) => followAll(items), { isolateFailures: true });

  /** Whether each may have freed a kitchen slot. */
  async function followAll(items: readonly Followed[]): Promise<boolean[]> {
    const freed = items.map(() => false);
    await storage.transaction(async (tx) => {
      // The mark leaves with the records' locks (one round trip): the records of every followed
      // status are locked, a redelivery's too. Without any, it leaves with the COMMIT.
      const marked = await tx.processed.markProcessedManyWithNext(
        FULFILMENT_CONSUMER,
        items.map((item) => item.event_id),
      );
      // Only the statuses followed have an effect; the others are marked processed and no more
      // (so that every message of the topic is on record as handled, as the fault audit checks).
      const candidates = items.filter((item) => isFollowedStatus(item.status));
      if (candidates.length === 0) return;
      const records = await tx.kitchenOrders.getManyForUpdate(candidates.map((item) => item.order_id));
      // A redelivered message, or a second copy of one in this batch, has no effect.
      const fresh = await marked.answer();
      const effective = [...items.keys()].filter(
        (i) => fresh.delete(items[i]!.event_id) && isFollowedStatus(items[i]!.status),
      );
      // Points' rows in point order, an order's messages in their order: batches cannot deadlock.
      const pointOf = (i: number) => records.get(items[i]!.order_id)?.food_point_id ?? '';
      effective.sort((a, b) => pointOf(a).localeCompare(pointOf(b)) || a - b);
      for (const i of effective) {
        const { order_id, status } = items[i]!;
        if (!isFollowedStatus(status)) continue;
        // A slot may have come free in another process (pickup, handover): retry waiting orders here too.
        freed[i] = status === 'CANCELLED' || status === 'IN_DELIVERY';
        const record = records.get(order_id);
        if (!record) continue;
        const followed = await followOrderStatus(tx, record, status);
        records.set(order_id, followed.record);
        freed[i] ||= followed.released;
      }
    });
    return freed;
  }

  const assignWithRetries = async (
    message: Parameters<MessageHandler>[0],
    orderId: string,
  ): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      try {
        await assign(message);
        return;
      } catch (error) {
        if (!isAssignmentRace(error)) throw error;
        // Lost every race: the order waits, and the waiting list's next pass assigns it.
        if (attempt >= maxAttempts) return void (await assigner.assign(orderId));
      }
    }
  };

  return async (message) => {
    const parsed = parseOrderMessage(message.envelope);
    if (parsed?.event_type !== IntegrationEventTypes.orderStatusUpdated) return;
    const { event_id, data } = parsed.envelope;
    if (data.current_status === 'CONFIRMED')
      return assignments(() => assignWithRetries(message, data.order_id));
    const freed = await follow.submit({ event_id, order_id: data.order_id, status: data.current_status });
    if (freed) assigner.capacityFreed();
  };
}

export interface FulfilmentConsumerOptions {
  /** Tries of an assignment that lost the race for a slot before the order is left waiting. */
  maxAttempts?: number;
  /**
   * Assignments (a transaction each) running at once: the group may hold more messages than
   * that for the statuses it follows in batches.
   */
  assignmentsAtOnce?: number;
}

interface Followed {
  event_id: string;
  order_id: string;
  status: OrderStatus;
}
