import type { DeliveryAddress, OrderLine, OrderStatus } from '../../contexts/ordering/index.ts';

export interface StatusChange {
  status: OrderStatus;
  at: string;
  event_id: string;
}

/** Seed 001's order-info view of one order: what buyers and admins read. */
export interface OrderSummary {
  order_id: string;
  customer_id: string;
  status: OrderStatus;
  items: OrderLine[];
  total: number;
  currency: string;
  delivery: DeliveryAddress | null;
  history: StatusChange[];
  created_at: string;
  updated_at: string;
}

export interface OrderSummaryPage {
  orders: OrderSummary[];
  /** Opaque cursor for the next page, or null at the end. */
  next_cursor: string | null;
}

export interface OrderSummaryStore {
  /** Inserts the summary unless the order is already there. */
  insert(summary: OrderSummary): Promise<void>;
  get(orderId: string): Promise<OrderSummary | undefined>;
  /** Newest first; `after` is a cursor from a previous page. */
  listByCustomer(
    customerId: string,
    page: { limit: number; after?: string | undefined },
  ): Promise<OrderSummaryPage>;
}

export interface OrderInfoStores {
  orderSummaries: OrderSummaryStore;
}
