import { assertNever } from '../../../shared/assert-never.ts';
import { DomainError } from '../../../shared/errors.ts';
import { isMinorUnits, MAX_AMOUNT } from '../../../shared/money.ts';
import type { Actor, DeliveryAddress, OrderEvent, OrderLine } from './order.events.ts';
import type { ExistingOrder, OrderState } from './order.evolve.ts';
import {
  cancellationRefusal,
  canTransition,
  expiryRefusal,
  type OrderStatus,
  PAID_STATUSES,
  unpaidOnlyRefusal,
} from './order.transitions.ts';

/** Commands are imperative; the clock's reading and new ids are passed in. */
export type OrderCommand =
  | {
      type: 'CreateOrder';
      order_id: string;
      customer_id: string;
      lines: (OrderLine & { currency: string })[];
      delivery: DeliveryAddress | null;
      now: Date;
    }
  | { type: 'PayOrder'; operation_id: string; amount: number; now: Date }
  | { type: 'FailPayment'; reason: string; now: Date }
  | { type: 'ConfirmOrder'; by: Actor; now: Date }
  | { type: 'AssignFoodPoint'; food_point_id: string; now: Date }
  | { type: 'MarkReady'; now: Date }
  | { type: 'PickUp'; courier_id?: string; tracking_number?: string; carrier?: string; now: Date }
  | { type: 'Deliver'; delivery_location?: string; delivered_at?: Date; now: Date }
  | { type: 'CancelOrder'; by: Actor; reason: string; refund_operation_id: string; now: Date }
  /** The system cancels an order left unpaid for `ttl_seconds` (DESIGN.md: `payment timeout`). */
  | { type: 'ExpireUnpaidOrder'; ttl_seconds: number; now: Date };

export const PAYMENT_TIMEOUT_REASON = 'payment timeout';

export type OrderCommandType = OrderCommand['type'];

export function decide(command: OrderCommand, state: OrderState): OrderEvent[] {
  if (command.type === 'CreateOrder') return createOrder(command, state);
  const order = existing(state);
  const at = command.now.toISOString();
  const id = order.order_id;
  switch (command.type) {
    case 'PayOrder':
      allow(order, 'PAID', command.type);
      if (command.amount !== order.total) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `payment of ${command.amount} does not match total ${order.total}`,
        );
      }
      // Confirmation follows on the bus (the auto-confirm policy), not in the payment.
      return [
        {
          type: 'OrderPaid',
          data: { order_id: id, operation_id: command.operation_id, amount: command.amount, paid_at: at },
        },
      ];
    case 'FailPayment':
      allow(order, 'CANCELLED', command.type, unpaidOnlyRefusal(order.status));
      return [
        { type: 'OrderPaymentFailed', data: { order_id: id, reason: command.reason, failed_at: at } },
        cancelled(order, { id: 'billing', kind: 'system' }, command.reason, at, null),
      ];
    case 'ConfirmOrder':
      allow(order, 'CONFIRMED', command.type);
      return [{ type: 'OrderConfirmed', data: { order_id: id, confirmed_by: command.by, confirmed_at: at } }];
    case 'AssignFoodPoint':
      allow(order, 'ASSIGNED', command.type);
      return [
        {
          type: 'FoodPointAssigned',
          data: { order_id: id, food_point_id: command.food_point_id, assigned_at: at },
        },
      ];
    case 'MarkReady':
      allow(order, 'READY', command.type);
      return [{ type: 'OrderReady', data: { order_id: id, ready_at: at } }];
    case 'PickUp': {
      allow(order, 'IN_DELIVERY', command.type);
      const { type: _t, now: _n, ...details } = command;
      return [{ type: 'OrderPickedUp', data: { order_id: id, picked_up_at: at, ...details } }];
    }
    case 'Deliver': {
      allow(order, 'DELIVERED', command.type);
      const location =
        command.delivery_location === undefined ? {} : { delivery_location: command.delivery_location };
      const deliveredAt = (command.delivered_at ?? command.now).toISOString();
      return [{ type: 'OrderDelivered', data: { order_id: id, delivered_at: deliveredAt, ...location } }];
    }
    case 'CancelOrder': {
      const by = command.by.kind === 'buyer' ? 'buyer' : 'staff';
      allow(order, 'CANCELLED', command.type, cancellationRefusal(by, order.status));
      // A free order (total 0) was paid without a debit, so nothing goes back.
      const refund =
        order.payment && order.payment.amount > 0 && PAID_STATUSES.includes(order.status)
          ? { operation_id: command.refund_operation_id, amount: order.payment.amount }
          : null;
      return [cancelled(order, command.by, command.reason, at, refund)];
    }
    case 'ExpireUnpaidOrder':
      allow(
        order,
        'CANCELLED',
        command.type,
        unpaidOnlyRefusal(order.status) ?? expiryRefusal(order.created_at, command.now, command.ttl_seconds),
      );
      return [cancelled(order, { id: 'system', kind: 'system' }, PAYMENT_TIMEOUT_REASON, at, null)];
    default:
      return assertNever(command);
  }
}

function existing(state: OrderState): ExistingOrder {
  if (!state.exists) throw new DomainError('ORDER_NOT_FOUND', 'order not found');
  return state;
}

/** The table first, then the command's guard: either refusal is `ORDER_INVALID_TRANSITION` with its reason. */
function allow(order: ExistingOrder, to: OrderStatus, command: OrderCommandType, refusal?: string): void {
  if (!canTransition(order.status, to)) throw invalidTransition(order, command, to);
  if (refusal !== undefined) throw invalidTransition(order, command, to, refusal);
}

function invalidTransition(
  order: ExistingOrder,
  command: OrderCommandType,
  to: OrderStatus,
  why?: string,
): DomainError {
  return new DomainError(
    'ORDER_INVALID_TRANSITION',
    why ?? `cannot move order ${order.order_id} from ${order.status} to ${to} (${command})`,
    { order_id: order.order_id, current_status: order.status, attempted_status: to, command },
  );
}

function cancelled(
  order: ExistingOrder,
  by: Actor,
  reason: string,
  at: string,
  refund: { operation_id: string; amount: number } | null,
): OrderEvent {
  return {
    type: 'OrderCancelled',
    data: {
      order_id: order.order_id,
      reason,
      cancelled_by: by,
      cancelled_at: at,
      previous_status: order.status,
      items: order.items,
      refund,
    },
  };
}

function createOrder(
  command: Extract<OrderCommand, { type: 'CreateOrder' }>,
  state: OrderState,
): OrderEvent[] {
  if (state.exists) throw new DomainError('CONCURRENCY_CONFLICT', `order ${command.order_id} already exists`);
  if (command.lines.length === 0)
    throw new DomainError('VALIDATION_FAILED', 'an order needs at least one item');
  for (const line of command.lines) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
      throw new DomainError('VALIDATION_FAILED', `quantity of ${line.product_id} must be a positive integer`);
    }
    if (!isMinorUnits(line.unit_price))
      throw new DomainError('VALIDATION_FAILED', `bad price for ${line.product_id}`);
  }
  const { total, currency } = orderTotal(command.lines);
  const items = command.lines.map(({ currency: _currency, ...line }) => line);
  return [
    {
      type: 'OrderCreated',
      data: {
        order_id: command.order_id,
        customer_id: command.customer_id,
        items,
        total,
        currency,
        delivery: command.delivery,
        created_at: command.now.toISOString(),
      },
    },
    // Seed 004: the buyer is subscribed to the order's updates from the start.
    {
      type: 'OrderSubscriptionAdded',
      data: { order_id: command.order_id, subscriber_id: command.customer_id },
    },
  ];
}

/**
 * An order's total and currency, from its lines: refused (VALIDATION_FAILED) when the lines are
 * priced in more than one currency or the total is above `MAX_AMOUNT`.
 */
export function orderTotal(lines: readonly { unit_price: number; quantity: number; currency: string }[]): {
  total: number;
  currency: string;
} {
  const currencies = new Set(lines.map((l) => l.currency));
  if (currencies.size !== 1) {
    throw new DomainError('VALIDATION_FAILED', 'all items of one order must be priced in one currency', {
      currencies: [...currencies],
    });
  }
  const total = lines.reduce((sum, line) => sum + line.unit_price * line.quantity, 0);
  if (!Number.isSafeInteger(total) || total > MAX_AMOUNT) {
    throw new DomainError('VALIDATION_FAILED', `order total must be at most ${MAX_AMOUNT} minor units`);
  }
  return { total, currency: [...currencies][0]! };
}
