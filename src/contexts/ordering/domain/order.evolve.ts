import { assertNever } from '../../../shared/assert-never.ts';
import type { OrderEvent, OrderLine } from './order.events.ts';
import type { OrderStatus } from './order.transitions.ts';

/** What the decider needs to know about an order, folded from its events. */
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

/** The one mapping from events to statuses: what each event moves the order to (undefined: no move). */
export function statusAfter(event: OrderEvent): OrderStatus | undefined {
  switch (event.type) {
    case 'OrderCreated':
      return 'PENDING';
    case 'OrderPaid':
      return 'PAID';
    case 'OrderConfirmed':
      return 'CONFIRMED';
    case 'FoodPointAssigned':
      return 'ASSIGNED';
    case 'OrderReady':
      return 'READY';
    case 'OrderPickedUp':
      return 'IN_DELIVERY';
    case 'OrderDelivered':
      return 'DELIVERED';
    case 'OrderCancelled':
      return 'CANCELLED';
    case 'OrderSubscriptionAdded':
    case 'OrderPaymentFailed':
      return undefined;
    default:
      return assertNever(event);
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
  const status = statusAfter(event) ?? state.status;
  switch (event.type) {
    case 'OrderSubscriptionAdded':
      return { ...state, subscribers: [...state.subscribers, event.data.subscriber_id] };
    case 'OrderPaid':
      return {
        ...state,
        status,
        payment: { operation_id: event.data.operation_id, amount: event.data.amount },
      };
    case 'FoodPointAssigned':
      return { ...state, status, food_point_id: event.data.food_point_id };
    case 'OrderPaymentFailed':
    case 'OrderConfirmed':
    case 'OrderReady':
    case 'OrderPickedUp':
    case 'OrderDelivered':
    case 'OrderCancelled':
      return { ...state, status };
    default:
      return assertNever(event);
  }
}

export const foldOrder = (events: readonly OrderEvent[]): OrderState =>
  events.reduce(evolve, initialOrderState());
