import { IntegrationEventTypes } from '../../../shared/envelope.ts';
import { deduplicated } from '../../../shared/messaging/deduplicated-handler.ts';
import type { MessageHandler } from '../../../shared/ports/message-bus.ts';
import type { UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import { parseOrderMessage } from '../../ordering/index.ts';
import { type FoodPointAssigner, isAssignmentRace } from './food-point-assigner.ts';
import { followOrderStatus } from './kitchen-release.ts';
import type { FulfilmentStores } from './ports.ts';

export const FULFILMENT_CONSUMER = 'fulfilment';
export const FULFILMENT_TOPICS = [IntegrationEventTypes.orderStatusUpdated];

/**
 * Fulfilment on the bus: a CONFIRMED order is assigned (or joins the waiting list); a
 * cancelled one gives back its slot and reserved ingredients; one in delivery its slot. Each
 * message takes effect once (its id is recorded in the same transaction); when another
 * assigner took the chosen slot first, the transaction rolls back and runs again on fresh data.
 */
export function fulfilmentConsumer(
  storage: UnitOfWork<FulfilmentStores>,
  assigner: FoodPointAssigner,
  maxAttempts = 20,
): MessageHandler {
  /** Handles one message; true when it may have freed a kitchen slot. */
  const apply = async (message: Parameters<MessageHandler>[0]): Promise<boolean> => {
    // Per message: concurrent messages (the consumer's prefetch) must not reset each other's.
    let freed = false;
    await deduplicated(storage, FULFILMENT_CONSUMER, async (delivered, stores) => {
      const parsed = parseOrderMessage(delivered.envelope);
      if (parsed?.event_type !== IntegrationEventTypes.orderStatusUpdated) return;
      const { order_id, current_status } = parsed.envelope.data;
      if (current_status === 'CONFIRMED') {
        await assigner.assignIn(stores, order_id);
        return;
      }
      // A slot may have come free in another process (pickup, handover): retry waiting orders here too.
      const released = await followOrderStatus(stores, order_id, current_status);
      freed = released || current_status === 'CANCELLED' || current_status === 'IN_DELIVERY';
    })(message);
    return freed;
  };
  return async (message) => {
    let freed = false;
    for (let attempt = 1; ; attempt++) {
      try {
        freed = await apply(message);
        break;
      } catch (error) {
        if (!isAssignmentRace(error) || attempt >= maxAttempts) {
          if (isAssignmentRace(error)) {
            // Lost every race: the order waits, and the waiting list's next pass assigns it.
            const data = message.envelope.data as { order_id?: unknown };
            if (typeof data.order_id === 'string') await assigner.assign(data.order_id);
            return;
          }
          throw error;
        }
      }
    }
    if (freed) assigner.capacityFreed();
  };
}
