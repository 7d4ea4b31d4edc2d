import type { OrderStatus } from '../../ordering/index.ts';
import type { FulfilmentStores, KitchenOrder } from './ports.ts';

/**
 * Gives back what an order holds at its point: its slot, and (`ingredients`) reserved
 * ingredients not yet consumed. Row locks in the one order every path takes: the order's
 * record (held by the caller), then the point, then its stock rows.
 */
export async function releaseHeld(
  tx: FulfilmentStores,
  record: KitchenOrder,
  { ingredients }: { ingredients: boolean },
): Promise<KitchenOrder> {
  const pointId = record.food_point_id;
  if (pointId === null) return record;
  let next = record;
  if (next.holds_slot) {
    await tx.foodPoints.releaseSlot(pointId);
    next = { ...next, holds_slot: false };
  }
  if (ingredients && next.ingredients_reserved) {
    await tx.foodPoints.returnIngredients(pointId, next.ingredients);
    next = { ...next, ingredients_reserved: false };
  }
  return next;
}

/** The statuses of an order on the bus that fulfilment follows (besides CONFIRMED, which assigns). */
export type FollowedStatus = Extract<OrderStatus, 'CANCELLED' | 'IN_DELIVERY' | 'DELIVERED'>;

export function isFollowedStatus(status: string): status is FollowedStatus {
  return status === 'CANCELLED' || status === 'IN_DELIVERY' || status === 'DELIVERED';
}

/**
 * Follows an order's status on the bus: a cancelled order gives back its slot and, before
 * READY, its ingredients; an order in delivery gives back its slot (a safety net: pickup and
 * handover already did in their own transaction). Idempotent: what is given back is recorded
 * on the order's record in the same transaction. `record` is the order's, locked by the caller;
 * the answer is the record as it is now, and whether something came free.
 */
export async function followOrderStatus(
  tx: FulfilmentStores,
  record: KitchenOrder,
  status: FollowedStatus,
): Promise<{ record: KitchenOrder; released: boolean }> {
  const released = await releaseHeld(tx, record, { ingredients: status === 'CANCELLED' });
  const next: KitchenOrder = {
    ...released,
    status: status === 'IN_DELIVERY' && record.status === 'HANDED_OVER' ? 'HANDED_OVER' : status,
  };
  if (next.status === record.status && released === record) return { record, released: false };
  await tx.kitchenOrders.save(next);
  return { record: next, released: released !== record };
}
