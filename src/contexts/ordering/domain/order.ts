import { DomainError } from '../../../shared/errors.ts';
import { isMinorUnits, MAX_AMOUNT } from '../../../shared/money.ts';
import {
  type Actor,
  assertNever,
  type DeliveryAddress,
  type OrderEvent,
  type OrderLine,
} from './order.events.ts';
import { BUYER_CANCELLABLE, canTransition, type OrderStatus, PAID_STATUSES } from './order-status.ts';

export type OrderState =
  | { exists: false }
  | {
      exists: true;
      order_id: string;
      customer_id: string;
      status: OrderStatus;
      items: OrderLine[];
      total: number;
      currency: string;
      created_at: string;
      subscribers: string[];
      payment: { operation_id: string; amount: number } | null;
      food_point_id: string | null;
    };

export type ExistingOrder = Extract<OrderState, { exists: true }>;

export const initialOrderState = (): OrderState => ({ exists: false });

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
  | { type: 'PayOrder'; operation_id: string; amount: number; auto_confirm: boolean; now: Date }
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
    case 'PayOrder': {
      allow(order, 'PAID', command.type);
      if (command.amount !== order.total) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `payment of ${command.amount} does not match total ${order.total}`,
        );
      }
      const paid: OrderEvent = {
        type: 'OrderPaid',
        data: { order_id: id, operation_id: command.operation_id, amount: command.amount, paid_at: at },
      };
      if (!command.auto_confirm) return [paid];
      const confirmedBy: Actor = { id: 'auto-confirm', kind: 'system' };
      return [
        paid,
        { type: 'OrderConfirmed', data: { order_id: id, confirmed_by: confirmedBy, confirmed_at: at } },
      ];
    }
    case 'FailPayment':
      allow(order, 'CANCELLED', command.type);
      if (order.status !== 'PENDING') throw invalidTransition(order, command.type, 'CANCELLED');
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
      allow(order, 'CANCELLED', command.type);
      if (command.by.kind === 'buyer' && !BUYER_CANCELLABLE.includes(order.status)) {
        throw invalidTransition(
          order,
          command.type,
          'CANCELLED',
          'a buyer can cancel only before a food point is assigned',
        );
      }
      // A free order (total 0) was paid without a debit, so nothing goes back.
      const refund =
        order.payment && order.payment.amount > 0 && PAID_STATUSES.includes(order.status)
          ? { operation_id: command.refund_operation_id, amount: order.payment.amount }
          : null;
      return [cancelled(order, command.by, command.reason, at, refund)];
    }
    case 'ExpireUnpaidOrder': {
      allow(order, 'CANCELLED', command.type);
      if (order.status !== 'PENDING') throw invalidTransition(order, command.type, 'CANCELLED');
      const age = command.now.getTime() - Date.parse(order.created_at);
      if (age < command.ttl_seconds * 1000) {
        throw invalidTransition(order, command.type, 'CANCELLED', `order ${id} has not expired yet`);
      }
      return [cancelled(order, { id: 'system', kind: 'system' }, PAYMENT_TIMEOUT_REASON, at, null)];
    }
    default:
      return assertNever(command);
  }
}

export function evolve(state: OrderState, event: OrderEvent): OrderState {
  if (event.type === 'OrderCreated') {
    return {
      exists: true,
      order_id: event.data.order_id,
      customer_id: event.data.customer_id,
      status: 'PENDING',
      items: event.data.items,
      total: event.data.total,
      currency: event.data.currency,
      created_at: event.data.created_at,
      subscribers: [],
      payment: null,
      food_point_id: null,
    };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'OrderSubscriptionAdded':
      return { ...state, subscribers: [...state.subscribers, event.data.subscriber_id] };
    case 'OrderPaid':
      return {
        ...state,
        status: 'PAID',
        payment: { operation_id: event.data.operation_id, amount: event.data.amount },
      };
    case 'OrderPaymentFailed':
      return state;
    case 'OrderConfirmed':
      return { ...state, status: 'CONFIRMED' };
    case 'FoodPointAssigned':
      return { ...state, status: 'ASSIGNED', food_point_id: event.data.food_point_id };
    case 'OrderReady':
      return { ...state, status: 'READY' };
    case 'OrderPickedUp':
      return { ...state, status: 'IN_DELIVERY' };
    case 'OrderDelivered':
      return { ...state, status: 'DELIVERED' };
    case 'OrderCancelled':
      return { ...state, status: 'CANCELLED' };
    default:
      return assertNever(event);
  }
}

export const foldOrder = (events: readonly OrderEvent[]): OrderState =>
  events.reduce(evolve, initialOrderState());

function existing(state: OrderState): ExistingOrder {
  if (!state.exists) throw new DomainError('ORDER_NOT_FOUND', 'order not found');
  return state;
}

function allow(order: ExistingOrder, to: OrderStatus, command: OrderCommandType): void {
  if (!canTransition(order.status, to)) throw invalidTransition(order, command, to);
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
  const currencies = new Set(command.lines.map((l) => l.currency));
  if (currencies.size !== 1) {
    throw new DomainError('VALIDATION_FAILED', 'all items of one order must be priced in one currency', {
      currencies: [...currencies],
    });
  }
  const items = command.lines.map(({ currency: _currency, ...line }) => line);
  const total = items.reduce((sum, line) => sum + line.unit_price * line.quantity, 0);
  if (!Number.isSafeInteger(total) || total > MAX_AMOUNT) {
    throw new DomainError('VALIDATION_FAILED', `order total must be at most ${MAX_AMOUNT} minor units`);
  }
  return [
    {
      type: 'OrderCreated',
      data: {
        order_id: command.order_id,
        customer_id: command.customer_id,
        items,
        total,
        currency: [...currencies][0]!,
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
