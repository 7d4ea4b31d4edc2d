/** The one order state machine of DESIGN.md, with the guards that say why a move is refused. */
export const ORDER_STATUSES = [
  'PENDING',
  'PAID',
  'CONFIRMED',
  'ASSIGNED',
  'READY',
  'IN_DELIVERY',
  'DELIVERED',
  'CANCELLED',
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * The transition table: the only place that says which status may follow which. Commands
 * that would make any other move are refused with `ORDER_INVALID_TRANSITION`.
 *
 * Cancelling is allowed from every status before DELIVERED; who may cancel when is a guard
 * (`cancellationRefusal`): the buyer before ASSIGNED, an admin until delivery.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING: ['PAID', 'CANCELLED'],
  PAID: ['CONFIRMED', 'CANCELLED'],
  CONFIRMED: ['ASSIGNED', 'CANCELLED'],
  ASSIGNED: ['READY', 'CANCELLED'],
  READY: ['IN_DELIVERY', 'CANCELLED'],
  IN_DELIVERY: ['DELIVERED', 'CANCELLED'],
  DELIVERED: [],
  CANCELLED: [],
};

/** Statuses from which the buyer may still cancel (before a food point was assigned). */
export const BUYER_CANCELLABLE: readonly OrderStatus[] = ['PENDING', 'PAID', 'CONFIRMED'];

/** Statuses at which money has been taken, so cancelling refunds it. */
export const PAID_STATUSES: readonly OrderStatus[] = [
  'PAID',
  'CONFIRMED',
  'ASSIGNED',
  'READY',
  'IN_DELIVERY',
];

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean =>
  ORDER_TRANSITIONS[from].includes(to);

export const isOrderStatus = (value: string): value is OrderStatus =>
  (ORDER_STATUSES as readonly string[]).includes(value);

/** Position in the happy path, to tell an older status from a newer one. */
export const statusRank = (status: OrderStatus): number => ORDER_STATUSES.indexOf(status);

// Guards: beside the table, each answering why a move the table allows is refused here
// (undefined = allowed).

/** Who may cancel when: a buyer only before a food point is assigned; staff and the system until delivery. */
export function cancellationRefusal(by: 'buyer' | 'staff', status: OrderStatus): string | undefined {
  if (by === 'buyer' && !BUYER_CANCELLABLE.includes(status)) {
    return 'a buyer can cancel only before a food point is assigned';
  }
  return undefined;
}

/** A payment can fail, and an order expire unpaid, only while it is still PENDING. */
export function unpaidOnlyRefusal(status: OrderStatus): string | undefined {
  return status === 'PENDING' ? undefined : `only a PENDING order can do this; it is ${status}`;
}

/** An unpaid order expires only once `ttlSeconds` have passed since it was placed. */
export function expiryRefusal(createdAt: string, now: Date, ttlSeconds: number): string | undefined {
  return now.getTime() - Date.parse(createdAt) >= ttlSeconds * 1000 ? undefined : 'it has not expired yet';
}
