import type { EventStore } from '../../../shared/ports/event-store.ts';
import type { IdempotencyStore } from '../../../shared/ports/idempotency.ts';
import type { BillingStores } from '../../billing/index.ts';
import type { CatalogStores } from '../../catalog/index.ts';

/** Saga state of one wallet payment (see `PayOrder`). */
export interface PaymentRecord {
  order_id: string;
  customer_id: string;
  amount: number;
  currency: string;
  operation_id: string;
  status: 'DEBITED' | 'COMPLETED' | 'REFUNDED';
}

export interface PaymentRecords {
  /**
   * Records a debit about to happen (DEBITED), or one done with the order's PAID in the same
   * transaction (COMPLETED). When this order already has a payment it is refused with
   * `PaymentAlreadyStarted`, which in a unit of work may be thrown by its next statement or its
   * commit instead (the store may send the record with that); nothing after it is then written.
   */
  start(payment: Omit<PaymentRecord, 'status'>, status?: 'DEBITED' | 'COMPLETED'): Promise<void>;
  find(orderId: string): Promise<PaymentRecord | undefined>;
  /** DEBITED → COMPLETED; false when it was not DEBITED (someone else moved it on). */
  complete(orderId: string): Promise<boolean>;
  /** DEBITED or COMPLETED → REFUNDED; false when there was nothing to refund. */
  refunded(orderId: string): Promise<boolean>;
  /** Payments left DEBITED for longer than `olderThanMs` (a crash between debit and "paid"). */
  stuck(olderThanMs: number, limit: number): Promise<PaymentRecord[]>;
}

/** An order still waiting for its payment (PENDING). */
export interface UnpaidOrder {
  order_id: string;
  customer_id: string;
  created_at: string;
  /** The order's units (sum of its lines' quantities): the stock it holds. */
  units: number;
}

/** What one buyer holds unpaid: open orders, and units across them. */
export interface UnpaidHoldings {
  orders: number;
  units: number;
}

/** The most one buyer may hold unpaid: open orders, and units across them. */
export interface UnpaidCaps {
  orders: number;
  units: number;
}

/** The order already has a payment record: another payment of it is under way or done (roll back). */
export class PaymentAlreadyStarted extends Error {
  constructor(readonly orderId: string) {
    super(`order ${orderId} already has a payment`);
  }
}

/** A created order's buyer already holds as much unpaid as the caps allow (the transaction must roll back). */
export class UnpaidCapReached extends Error {
  constructor(readonly customerId: string) {
    super('unpaid-orders cap reached');
  }
}

/**
 * Ordering's index of open unpaid orders, kept in the transactions that create an order and
 * move it out of PENDING: what the expiry job scans and the per-buyer caps count.
 */
export interface UnpaidOrders {
  /**
   * Indexes the order (once: adding it again changes nothing). With `caps`, only if its buyer
   * then holds no more than them — exact under concurrency: the check takes a per-buyer lock
   * held until the unit of work ends. A cap's refusal is `UnpaidCapReached`, which in a unit of
   * work may be thrown by its next statement or its commit instead (the store may send the add
   * with that, and resolve before it is answered); the unit of work then writes nothing.
   */
  add(order: UnpaidOrder, caps?: UnpaidCaps): Promise<void>;
  remove(orderId: string): Promise<void>;
  /** The buyer's open unpaid orders and their units. */
  heldByBuyer(customerId: string): Promise<UnpaidHoldings>;
  /** Unpaid orders created at or before `cutoff`, oldest first. */
  createdBefore(cutoff: Date, limit: number): Promise<UnpaidOrder[]>;
}

/** What the ordering use cases write in one unit of work. */
export interface OrderingStores extends CatalogStores, BillingStores {
  /** Appends with the outbox messages that announce the events (`append`'s `announce`). */
  events: EventStore;
  idempotency: IdempotencyStore;
  payments: PaymentRecords;
  unpaidOrders: UnpaidOrders;
}

/** Who asked, for event metadata and message headers. */
export interface RequestContext {
  correlation_id: string;
  traceparent?: string | undefined;
  actor_id: string;
}

export const orderStreamId = (orderId: string) => `order-${orderId}`;
export const ORDER_STREAM_TYPE = 'order';
