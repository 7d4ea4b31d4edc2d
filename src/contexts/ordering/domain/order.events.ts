import type { OrderStatus } from './order-status.ts';

export interface OrderLine {
  product_id: string;
  name: string;
  quantity: number;
  /** Minor units, the price when the order was placed. */
  unit_price: number;
}

export interface DeliveryAddress {
  address: string;
  lat?: number;
  lon?: number;
}

/** Events of the order stream, past tense, a tagged union on `type`. */
export type OrderEvent =
  | {
      type: 'OrderCreated';
      data: {
        order_id: string;
        customer_id: string;
        items: OrderLine[];
        total: number;
        currency: string;
        delivery: DeliveryAddress | null;
        created_at: string;
      };
    }
  | { type: 'OrderSubscriptionAdded'; data: { order_id: string; subscriber_id: string } };

export type OrderEventType = OrderEvent['type'];

/** Status each event moves the order to, if it moves it at all. */
export const statusAfter = (event: OrderEvent): OrderStatus | undefined => {
  switch (event.type) {
    case 'OrderCreated':
      return 'PENDING';
    case 'OrderSubscriptionAdded':
      return undefined;
    default:
      return assertNever(event);
  }
};

export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
