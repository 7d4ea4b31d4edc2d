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

/**
 * Follows an order's status on the bus: a cancelled order gives back its slot and, before
 * READY, its ingredients; an order in delivery gives back its slot (a safety net: pickup and
 * handover already did in their own transaction). Idempotent: what is given back is recorded
 * on the order's record in the same transaction. True when something came free.
 */
export async function followOrderStatus(
  tx: FulfilmentStores,
  orderId: string,
  status: OrderStatus,
): Promise<boolean> {
  if (status !== 'CANCELLED' && status !== 'IN_DELIVERY' && status !== 'DELIVERED') return false;
  const record = await tx.kitchenOrders.getForUpdate(orderId);
  if (!record) return false;
  const released = await releaseHeld(tx, record, { ingredients: status === 'CANCELLED' });
  const next: KitchenOrder = {
    ...released,
    status: status === 'IN_DELIVERY' && record.status === 'HANDED_OVER' ? 'HANDED_OVER' : status,
  };
  if (next.status === record.status && released === record) return false;
  await tx.kitchenOrders.save(next);
  return released !== record;
}
