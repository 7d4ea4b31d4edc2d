/** The one order state machine of DESIGN.md. */
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
 * (`cancellationGuard`): the buyer before ASSIGNED, an admin until delivery (issue 4).
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
