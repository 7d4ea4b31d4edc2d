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
  customer_name: string | null;
  customer_email: string | null;
  status: OrderStatus;
  items: OrderLine[];
  total: number;
  currency: string;
  delivery: DeliveryAddress | null;
  history: StatusChange[];
  /** What later events told: tracking_number, carrier, delivered_at, delivery_location, operation_id … */
  details: Record<string, unknown>;
  /** Stream version this view reflects (for read-your-writes). */
  version: number;
  created_at: string;
  updated_at: string;
}

export interface OrderSummaryPage {
  orders: OrderSummary[];
  /** Opaque cursor for the next page, or null at the end. */
  next_cursor: string | null;
}

/** Admin search (seed 004) and a buyer's own list, over the view. */
export interface OrderSearch {
  customer_id?: string | undefined;
  statuses?: OrderStatus[] | undefined;
  created_from?: Date | undefined;
  created_to?: Date | undefined;
  /** Full text over customer name and e-mail and product names. */
  q?: string | undefined;
  limit: number;
  after?: string | undefined;
}

export interface StatusUpdate extends StatusChange {
  version: number;
  details: Record<string, unknown>;
}

export interface OrderSummaryStore {
  /** Inserts the summaries (in one statement) whose orders are not there yet. */
  insert(entries: readonly { summary: OrderSummary; searchText: string }[]): Promise<void>;
  get(orderId: string): Promise<OrderSummary | undefined>;
  /** The summaries of these orders that exist, locked for update in the current transaction (one read). */
  getForUpdate(orderIds: readonly string[]): Promise<Map<string, OrderSummary>>;
  /** Writes these summaries back (one statement; in a unit of work it may leave with the next, which then throws its failure). */
  update(summaries: readonly OrderSummary[]): Promise<void>;
  search(filter: OrderSearch): Promise<OrderSummaryPage>;
  /** How many of this customer's orders the view shows older than their event streams. */
  behindFor(customerId: string): Promise<number>;
  /** Empties the view (rebuild). */
  clear(): Promise<void>;
}

/** Who a customer is, for the view's search fields. */
export interface CustomerDirectory {
  /** The known ones of these customers, by id (one lookup). */
  findMany(
    customerIds: readonly string[],
  ): Promise<Map<string, { full_name: string | null; email: string | null }>>;
}

export interface OrderInfoStores {
  orderSummaries: OrderSummaryStore;
  users: CustomerDirectory;
}
