import { DomainError } from '../../../shared/errors.ts';
import { type OrderStatus, statusRank } from '../../ordering/index.ts';
import type { CarrierTarget } from '../domain/carrier.ts';

/** The ordering commands a carrier report turns into, in order. */
export type CarrierStep = 'PickUp' | 'Deliver';

/**
 * Seed 000's "compare, then update": what a report saying `target` does to an order at
 * `current`. By the state machine's order, not arrival: a target at or before the current
 * status changes nothing (`[]`); a DELIVERED report for a READY order is a pickup and a
 * delivery, so shuffled reports end where ordered ones do. A move the shipment cannot explain
 * (a cancelled order, one not yet READY) is `ORDER_INVALID_TRANSITION`.
 */
export function planCarrierUpdate(
  current: OrderStatus,
  target: CarrierTarget,
  orderId: string,
): CarrierStep[] {
  if (current === 'CANCELLED' || statusRank(current) < statusRank('READY')) {
    throw new DomainError('ORDER_INVALID_TRANSITION', `a carrier cannot move an order that is ${current}`, {
      order_id: orderId,
      current_status: current,
      attempted_status: target,
    });
  }
  if (statusRank(target) <= statusRank(current)) return [];
  if (target === 'DELIVERED') return current === 'READY' ? ['PickUp', 'Deliver'] : ['Deliver'];
  return ['PickUp'];
}
