import type { OrderStatus } from './order.transitions.ts';

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

/** Who made a change: the order's buyer, an admin, staff, a carrier or the system itself. */
export interface Actor {
  id: string;
  kind: 'buyer' | 'admin' | 'kitchen' | 'courier' | 'carrier' | 'system';
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
  | { type: 'OrderSubscriptionAdded'; data: { order_id: string; subscriber_id: string } }
  | { type: 'OrderPaid'; data: { order_id: string; operation_id: string; amount: number; paid_at: string } }
  | { type: 'OrderPaymentFailed'; data: { order_id: string; reason: string; failed_at: string } }
  | { type: 'OrderConfirmed'; data: { order_id: string; confirmed_by: Actor; confirmed_at: string } }
  | { type: 'FoodPointAssigned'; data: { order_id: string; food_point_id: string; assigned_at: string } }
  | { type: 'OrderReady'; data: { order_id: string; ready_at: string } }
  | {
      type: 'OrderPickedUp';
      data: {
        order_id: string;
        picked_up_at: string;
        courier_id?: string;
        tracking_number?: string;
        carrier?: string;
      };
    }
  | { type: 'OrderDelivered'; data: { order_id: string; delivered_at: string; delivery_location?: string } }
  | {
      type: 'OrderCancelled';
      data: {
        order_id: string;
        reason: string;
        cancelled_by: Actor;
        cancelled_at: string;
        /** Status the order had; a PAID-or-later order is refunded. */
        previous_status: OrderStatus;
        /** Stock to release. */
        items: OrderLine[];
        refund: { operation_id: string; amount: number } | null;
      };
    };

export type OrderEventType = OrderEvent['type'];
