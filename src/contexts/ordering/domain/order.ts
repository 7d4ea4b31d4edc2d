import { DomainError } from '../../../shared/errors.ts';
import { isMinorUnits } from '../../../shared/money.ts';
import { assertNever, type DeliveryAddress, type OrderEvent, type OrderLine } from './order.events.ts';
import type { OrderStatus } from './order-status.ts';

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
      subscribers: string[];
    };

export const initialOrderState = (): OrderState => ({ exists: false });

/** Commands are imperative; the clock's reading is passed in. */
export type OrderCommand = {
  type: 'CreateOrder';
  order_id: string;
  customer_id: string;
  lines: (OrderLine & { currency: string })[];
  delivery: DeliveryAddress | null;
  now: Date;
};

export function decide(command: OrderCommand, state: OrderState): OrderEvent[] {
  switch (command.type) {
    case 'CreateOrder':
      return createOrder(command, state);
    default:
      return assertNever(command.type);
  }
}

export function evolve(state: OrderState, event: OrderEvent): OrderState {
  switch (event.type) {
    case 'OrderCreated':
      return {
        exists: true,
        order_id: event.data.order_id,
        customer_id: event.data.customer_id,
        status: 'PENDING',
        items: event.data.items,
        total: event.data.total,
        currency: event.data.currency,
        subscribers: [],
      };
    case 'OrderSubscriptionAdded':
      if (!state.exists) return state;
      return { ...state, subscribers: [...state.subscribers, event.data.subscriber_id] };
    default:
      return assertNever(event);
  }
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
  if (!Number.isSafeInteger(total)) throw new DomainError('VALIDATION_FAILED', 'order total is too large');
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

export const foldOrder = (events: readonly OrderEvent[]): OrderState =>
  events.reduce(evolve, initialOrderState());
