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
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING: ['PAID', 'CANCELLED'],
  PAID: ['CONFIRMED', 'CANCELLED'],
  CONFIRMED: ['ASSIGNED', 'CANCELLED'],
  ASSIGNED: ['READY', 'CANCELLED'],
  READY: ['IN_DELIVERY'],
  IN_DELIVERY: ['DELIVERED'],
  DELIVERED: [],
  CANCELLED: [],
};

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean =>
  ORDER_TRANSITIONS[from].includes(to);

export const isOrderStatus = (value: string): value is OrderStatus =>
  (ORDER_STATUSES as readonly string[]).includes(value);
