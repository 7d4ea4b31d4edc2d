import { DomainError } from '../../../shared/errors.ts';
import { readOrderState } from '../../ordering/index.ts';
import { notFound } from './kitchen-orders.ts';
import { releaseHeld } from './kitchen-release.ts';
import type { FulfilmentStores, StaffMember } from './ports.ts';

export interface HandOverInput {
  order_id: string;
  /** The carrier's id. */
  carrier: string;
  by: StaffMember;
}

/**
 * Hands a READY order to an external carrier, in the caller's transaction (the delivery
 * context's shipment endpoint): an admin, or kitchen staff of the order's point, may; the
 * order must be READY and not handed over yet. The point's slot comes free. The order's own
 * status is not changed here: the carrier's webhooks move it on.
 *
 * Throws `ORDER_NOT_FOUND` (no such order in a kitchen, or not the caller's point) and
 * `ORDER_INVALID_TRANSITION` (not READY, or already handed over).
 */
export async function handOverToCarrier(
  tx: FulfilmentStores,
  input: HandOverInput,
): Promise<{ order_id: string; food_point_id: string; carrier: string }> {
  const { order_id: orderId, carrier, by } = input;
  const record = await tx.kitchenOrders.getForUpdate(orderId);
  if (!record || record.food_point_id === null) throw notFound(orderId);
  const isAdmin = by.roles.includes('admin');
  const isStaff =
    by.roles.includes('kitchen') && (await tx.foodPoints.pointOfStaff(by.user_id)) === record.food_point_id;
  if (!isAdmin && !isStaff) throw notFound(orderId);
  const order = await readOrderState(tx.events, orderId);
  const status = order.exists ? order.status : 'CANCELLED';
  if (record.status !== 'READY' || status !== 'READY') {
    throw new DomainError(
      'ORDER_INVALID_TRANSITION',
      record.status === 'HANDED_OVER'
        ? `order ${orderId} was already handed to carrier ${record.carrier}`
        : `order ${orderId} is ${status}, not READY`,
      {
        order_id: orderId,
        current_status: status,
        attempted_status: 'IN_DELIVERY',
        command: 'HandOverToCarrier',
      },
    );
  }
  const released = await releaseHeld(tx, record, { ingredients: false });
  await tx.kitchenOrders.save({ ...released, status: 'HANDED_OVER', carrier });
  return { order_id: orderId, food_point_id: record.food_point_id, carrier };
}
