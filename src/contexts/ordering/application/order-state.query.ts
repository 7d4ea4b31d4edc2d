import type { EventStore } from '../../../shared/ports/event-store.ts';
import { foldOrder, type OrderState } from '../domain/order.evolve.ts';
import { toOrderEvent } from './order-command-handler.ts';
import { orderStreamId } from './ports.ts';

/**
 * An order's current state, folded from its stream: how other contexts read an order's status
 * or buyer (in their own transaction, through the event store they were given), without
 * knowing the stream's name or the events' stored form.
 */
export async function readOrderState(
  events: Pick<EventStore, 'readStream'>,
  orderId: string,
): Promise<OrderState> {
  return foldOrder((await events.readStream(orderStreamId(orderId))).map(toOrderEvent));
}
