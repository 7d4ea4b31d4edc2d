import { createHash } from 'node:crypto';
import type { Clock } from '../../../shared/clock.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { IdGenerator } from '../../../shared/ids.ts';
import { NO_STREAM } from '../../../shared/ports/event-store.ts';
import type { UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import { WalletInOtherCurrency, walletCurrency } from '../../billing/index.ts';
import {
  type AvailabilityChecker,
  productUnavailable,
  type RequestedItem,
  reserveStock,
} from '../../catalog/index.ts';
import { type OrderCommand, orderTotal } from '../domain/order.decide.ts';
import type { DeliveryAddress, OrderEvent, OrderLine } from '../domain/order.events.ts';
import { initialOrderState } from '../domain/order.evolve.ts';
import type { OrderStatus } from '../domain/order.transitions.ts';
import type { CommandOptions, OrderCommandHandler } from './order-command-handler.ts';
import { PaymentUnderWay, type PayOrder } from './pay-order.ts';
import {
  type OrderingStores,
  PaymentAlreadyStarted,
  type RequestContext,
  UnpaidCapReached,
  type UnpaidHoldings,
} from './ports.ts';

export interface PlaceOrderInput {
  customer_id: string;
  items: RequestedItem[];
  delivery: DeliveryAddress | null;
  /** Seed 003: pay from the wallet in the same call. */
  payment?: { method: 'wallet' } | undefined;
  idempotency_key?: string | undefined;
}

export interface PlacedOrder {
  order_id: string;
  status: OrderStatus;
  customer_id: string;
  items: OrderLine[];
  total: number;
  currency: string;
  delivery: DeliveryAddress | null;
  created_at: string;
  payment?: { method: 'wallet'; operation_id: string };
}

export interface PlaceOrderResult {
  /** The order as placed (and paid), or as it is now when `replayed`. */
  body: PlacedOrder;
  /** True when this answers an earlier request with the same `Idempotency-Key`. */
  replayed: boolean;
}

export interface PlaceOrderLimits {
  /** How long a paying request waits for another request's payment of the same order. */
  paymentWaitMs?: number;
  /** Open unpaid orders one buyer may hold (`MAX_UNPAID_ORDERS_PER_BUYER`). */
  maxUnpaidPerBuyer?: number;
  /** Units one buyer may hold across open unpaid orders (`MAX_UNPAID_UNITS_PER_BUYER`). */
  maxUnpaidUnitsPerBuyer?: number;
}

class StockShortage extends Error {}
class IdempotencyRace extends Error {}
/** The wallet could not cover the one-transaction payment: roll back, place, then pay in steps. */
class PayInSteps extends Error {}

/**
 * Seed 002's order creation: availability first; then, in one transaction, stock reserved,
 * the order's stream created (OrderCreated, OrderSubscriptionAdded) and `order.created` put in
 * the outbox. With `payment`, seed 003's orchestration follows: debit, then PAID — or 406 and
 * the order CANCELLED. With an `Idempotency-Key`, a retry gets the first answer (with the
 * order's current status) and nothing happens twice.
 */
export class PlaceOrder {
  constructor(
    private readonly storage: UnitOfWork<OrderingStores>,
    private readonly availability: AvailabilityChecker,
    private readonly handler: OrderCommandHandler,
    private readonly payOrder: PayOrder,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly limits: PlaceOrderLimits = {},
    private readonly maxAttempts = 3,
  ) {}

  private get paymentWaitMs(): number {
    return this.limits.paymentWaitMs ?? 3000;
  }

  private get maxUnpaidPerBuyer(): number {
    return this.limits.maxUnpaidPerBuyer ?? 5;
  }

  private get maxUnpaidUnitsPerBuyer(): number {
    return this.limits.maxUnpaidUnitsPerBuyer ?? 20;
  }

  async execute(input: PlaceOrderInput, context: RequestContext): Promise<PlaceOrderResult> {
    const key = input.idempotency_key;
    const scope = `orders:${input.customer_id}`;
    const hash = requestHash(input);
    const replay = key ? await this.#replay(scope, key, hash) : undefined;
    const placed = replay ?? (await this.#create(input, context, key ? { scope, key, hash } : undefined));
    // A retry of a paying request whose first attempt stopped before paying resumes it.
    if (!input.payment || placed.body.status !== 'PENDING') return placed;
    return this.#pay(placed, input.customer_id, context, key !== undefined);
  }

  /**
   * Pays the order just placed (or resumes a retry's payment). When another request with the
   * same key is paying it right now, waits (bounded) for that payment to settle and answers
   * what it left behind, as the first request does.
   */
  async #pay(
    placed: PlaceOrderResult,
    customerId: string,
    context: RequestContext,
    keyed: boolean,
  ): Promise<PlaceOrderResult> {
    const orderId = placed.body.order_id;
    for (let attempt = 1; ; attempt++) {
      try {
        const paid = await this.payOrder.execute(orderId, { userId: customerId }, context);
        return {
          ...placed,
          body: {
            ...placed.body,
            status: 'PAID',
            payment: { method: 'wallet', operation_id: paid.operation_id },
          },
        };
      } catch (error) {
        if (!(error instanceof PaymentUnderWay)) throw error;
        if (!(await this.payOrder.settled(orderId, this.paymentWaitMs))) {
          if (!keyed) throw error;
          throw new DomainError(
            'IDEMPOTENCY_KEY_IN_PROGRESS',
            'the first request with this Idempotency-Key is still paying; retry later',
            { order_id: orderId },
          );
        }
        const settled = await this.#current(placed.body, placed.replayed);
        // A payment that rolled back (short wallet, about to cancel the order) leaves it
        // PENDING: try again, which pays or answers 406 like the first attempt.
        if (settled.body.status !== 'PENDING' || attempt >= 3) return settled;
      }
    }
  }

  async #create(
    input: PlaceOrderInput,
    context: RequestContext,
    idempotency: { scope: string; key: string; hash: string } | undefined,
  ): Promise<PlaceOrderResult> {
    // With payment, first try all of it in one transaction; a wallet that cannot cover it
    // rolls that back, and the order is placed alone, then paid (and cancelled) in steps.
    let payNow = input.payment !== undefined;
    // First from the products as recently read (the reservation re-checks stock and prices
    // under the row lock); anything refused on them is tried again on a fresh read.
    let recent = true;
    for (let attempt = 1; ; attempt++) {
      const report = await this.availability.check(input.items, { recent });
      if (!report.all_available) throw productUnavailable(report);
      const lines = input.items.map((item) => {
        const product = report.products.get(item.product_id)!;
        return { ...item, name: product.name, unit_price: product.price, currency: product.currency };
      });
      try {
        // Paid in this transaction, the order is refused by its debit when the wallet is in
        // another currency (WalletInOtherCurrency, below: nothing is created), so no read first.
        // A free order is not debited, and one paid in steps is placed before its debit: those
        // are checked here; so is a basket the order itself refuses (mixed currencies, a total
        // too large), so that the wallet's refusal still comes first, as it did.
        if (input.payment && (!payNow || !debitedInTransaction(lines)))
          await this.#checkWalletCurrency(input.customer_id, lines[0]!.currency);
        const orderId = this.ids.next();
        const command: OrderCommand & { type: 'CreateOrder' } = {
          type: 'CreateOrder',
          order_id: orderId,
          customer_id: input.customer_id,
          lines,
          delivery: input.delivery,
          now: this.clock.now(),
        };
        const body = await this.storage.transaction(async (tx) => {
          // An order paid in this request leaves PENDING before the answer; only orders left
          // for later count against the buyer's caps (stock they could otherwise hoard).
          const options = payNow
            ? { notIndexed: true }
            : input.payment
              ? {}
              : { unpaidCaps: { orders: this.maxUnpaidPerBuyer, units: this.maxUnpaidUnitsPerBuyer } };
          const created = await this.#handleCreate(tx, orderId, command, context, options);
          const event = created.events[0] as Extract<OrderEvent, { type: 'OrderCreated' }>;
          const placed: PlacedOrder = { ...event.data, status: 'PENDING' };
          // The use case's result is what a retry gets back; the HTTP status is the route's business.
          const record = idempotency && {
            scope: idempotency.scope,
            key: idempotency.key,
            request_hash: idempotency.hash,
            response: placed,
          };
          if (record && !(await tx.idempotency.save(record))) throw new IdempotencyRace();
          let answer = placed;
          if (payNow) {
            const paid = await this.payOrder.payCreatedIn(tx, created.after, created.version, context);
            if (!paid) throw new PayInSteps();
            answer = {
              ...placed,
              status: 'PAID',
              payment: { method: 'wallet', operation_id: paid.operation_id },
            };
          }
          // Stock last: a popular product's row stays locked only from here to the commit, not
          // through the inserts above (measured: +25% orders/s on one hot product); the commit
          // may go with it (nothing follows it here).
          // Only as priced: a product changed since the read is refused like a short one.
          const reserved = await reserveStock(tx, input.items, {
            endsTransaction: true,
            pricedAs: report.products,
          });
          if (!reserved) throw new StockShortage();
          return answer;
        });
        return { body, replayed: false };
      } catch (error) {
        // Refused on kept products — a product changed since (the reservation said so), or a
        // refusal that came from what was kept (the wallet's currency, mixed currencies, the
        // total): the same attempt again, on a fresh read.
        if (report.kept && (error instanceof StockShortage || error instanceof DomainError)) {
          recent = false;
          attempt--;
          continue;
        }
        if (error instanceof WalletInOtherCurrency)
          throw walletCurrencyRefusal(error.walletCurrency, error.currency);
        // (The order was created in this transaction, PENDING: only a bug could have paid it
        // before. Answered as a payment under way, 409, not retried.)
        if (error instanceof PaymentAlreadyStarted)
          throw new PaymentUnderWay({ order_id: error.orderId, status: 'PENDING' });
        if (error instanceof PayInSteps) {
          payNow = false;
          continue;
        }
        // A buyer over an unpaid cap gets 409 TOO_MANY_UNPAID_ORDERS, with what they hold (read
        // after the rollback: what the cap was checked on, unless their orders moved since).
        if (error instanceof UnpaidCapReached)
          throw this.#overCap(
            await this.storage.read.unpaidOrders.heldByBuyer(input.customer_id),
            input.items,
          );
        if (error instanceof IdempotencyRace && idempotency) {
          const replay = await this.#replay(idempotency.scope, idempotency.key, idempotency.hash);
          if (replay) return replay;
        }
        // Someone took the stock (or changed a product) between the check and the reservation:
        // check again, fresh, which answers 400 with the availability unless stock came back.
        if (error instanceof StockShortage && attempt < this.maxAttempts) continue;
        if (error instanceof StockShortage)
          throw productUnavailable(await this.availability.check(input.items));
        throw error;
      }
    }
  }

  /** Creates the order's stream (a buyer over an unpaid cap: `UnpaidCapReached`, maybe from a later statement). */
  async #handleCreate(
    tx: OrderingStores,
    orderId: string,
    command: OrderCommand & { type: 'CreateOrder' },
    context: RequestContext,
    options: CommandOptions,
  ) {
    const created = await this.handler.handleCommand(
      tx,
      orderId,
      () => command,
      context,
      { state: initialOrderState(), version: NO_STREAM },
      options,
    );
    if (!created.after.exists) throw new Error(`order ${orderId} was not created`);
    return { ...created, after: created.after };
  }

  async #replay(scope: string, key: string, hash: string): Promise<PlaceOrderResult | undefined> {
    const stored = await this.storage.read.idempotency.find(scope, key);
    if (!stored) return undefined;
    if (stored.request_hash !== hash) {
      throw new DomainError(
        'IDEMPOTENCY_KEY_REUSED',
        'this Idempotency-Key was used with a different request',
        {
          idempotency_key: key,
        },
      );
    }
    return this.#current(stored.response as PlacedOrder, true);
  }

  /** The first answer, brought up to the order's current status (406 if its payment failed). */
  async #current(first: PlacedOrder, replayed: boolean): Promise<PlaceOrderResult> {
    const { state, events } = await this.handler.load(first.order_id);
    if (!state.exists) return { body: first, replayed };
    if (state.status === 'CANCELLED' && events.some((e) => e.type === 'OrderPaymentFailed')) {
      throw new DomainError('INSUFFICIENT_FUNDS', 'insufficient funds: the order was cancelled', {
        order_id: first.order_id,
        order_status: 'CANCELLED',
      });
    }
    const payment = state.payment
      ? { payment: { method: 'wallet' as const, operation_id: state.payment.operation_id } }
      : {};
    return { body: { ...first, status: state.status, ...payment }, replayed };
  }

  /**
   * A buyer's unpaid orders hold stock nobody else can buy: cap how many (orders) and how much
   * (units across them). The cap itself is taken with the unpaid-orders index row
   * (`UnpaidOrders.add` with caps, exact under concurrency); this builds the answer to a refusal.
   */
  #overCap(held: UnpaidHoldings, items: RequestedItem[]): DomainError {
    if (held.orders >= this.maxUnpaidPerBuyer) {
      return new DomainError(
        'TOO_MANY_UNPAID_ORDERS',
        `you already have ${held.orders} unpaid orders; pay or cancel one first`,
        { unpaid_orders: held.orders, max_unpaid_orders: this.maxUnpaidPerBuyer },
      );
    }
    const requested = items.reduce((sum, item) => sum + item.quantity, 0);
    return new DomainError(
      'TOO_MANY_UNPAID_ORDERS',
      `unpaid orders may hold at most ${this.maxUnpaidUnitsPerBuyer} units; you hold ${held.units} and ask for ${requested}: pay with the order (payment: wallet), or pay or cancel an open one first`,
      {
        unpaid_units: held.units,
        requested_units: requested,
        max_unpaid_units: this.maxUnpaidUnitsPerBuyer,
      },
    );
  }

  /** A wallet in another currency could never pay: refuse before creating anything. */
  async #checkWalletCurrency(customerId: string, currency: string): Promise<void> {
    const walletIn = await walletCurrency(this.storage.read, customerId);
    if (walletIn !== undefined && walletIn !== currency) throw walletCurrencyRefusal(walletIn, currency);
  }
}

/**
 * Whether a payment in the order's transaction debits the wallet before anything is kept: a total
 * above 0 that the order accepts (`orderTotal`), so its debit meets the wallet.
 */
function debitedInTransaction(lines: Parameters<typeof orderTotal>[0]): boolean {
  try {
    return orderTotal(lines).total > 0;
  } catch {
    return false; // the order refuses it (in the transaction): the wallet's refusal comes first
  }
}

/** 400: the buyer's wallet is in another currency than the items, so it could never pay. */
function walletCurrencyRefusal(walletIn: string, currency: string): DomainError {
  return new DomainError(
    'VALIDATION_FAILED',
    `the wallet is in ${walletIn}; these items are priced in ${currency}`,
    {
      wallet_currency: walletIn,
      currency,
    },
  );
}

/** Canonical hash of what the request asks for, to tell a retry from a different request. */
function requestHash(input: PlaceOrderInput): string {
  const canonical = JSON.stringify({
    customer_id: input.customer_id,
    items: input.items.map((i) => [i.product_id, i.quantity]),
    delivery: input.delivery && [
      input.delivery.address,
      input.delivery.lat ?? null,
      input.delivery.lon ?? null,
    ],
    payment: input.payment?.method ?? null,
  });
  return createHash('sha256').update(canonical).digest('hex');
}
