import { ConcurrencyError, DomainError } from '../../../shared/errors.ts';
import type { IdGenerator } from '../../../shared/ids.ts';
import type { UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import { returnMoneyForOrder, takeMoneyForOrder } from '../../billing/index.ts';
import type { ExistingOrder } from '../domain/order.evolve.ts';
import type { OrderCommandHandler } from './order-command-handler.ts';
import {
  type OrderingStores,
  PaymentAlreadyStarted,
  type PaymentRecord,
  type RequestContext,
} from './ports.ts';

export interface Payer {
  userId: string;
}

export interface PaymentResult {
  order_id: string;
  status: 'PAID';
  operation_id: string;
  amount: number;
  currency: string;
}

/** Test seam: runs between the debit's commit and the order's "paid" (a crash there). */
export interface PaymentFaults {
  beforeDebit?: (orderId: string) => Promise<void>;
  afterDebit?: (orderId: string) => Promise<void>;
}

/** Another request is paying this order right now (its payment row exists, still DEBITED). */
export class PaymentUnderWay extends DomainError {
  constructor(order: Pick<ExistingOrder, 'order_id' | 'status'>) {
    super('ORDER_INVALID_TRANSITION', 'a payment for this order is under way', {
      order_id: order.order_id,
      current_status: order.status,
      attempted_status: 'PAID',
      command: 'PayOrder',
    });
  }
}

class InsufficientFunds extends Error {
  constructor(readonly balance: number) {
    super('insufficient funds');
  }
}

/**
 * Seed 003's payment, as a saga with durable state. Step 1 (one transaction): record the
 * payment as DEBITED and debit the wallet — at most one per order, enforced by the database.
 * Step 2 (another transaction): mark the order PAID and the payment COMPLETED; if the order is
 * no longer payable by then, refund instead. A crash between the steps leaves a DEBITED row
 * that `PaymentRecovery` finishes the same way, so money is never lost or taken twice.
 */
export class PayOrder {
  constructor(
    private readonly storage: UnitOfWork<OrderingStores>,
    private readonly commands: OrderCommandHandler,
    private readonly ids: IdGenerator,
    private readonly faults: PaymentFaults = {},
  ) {}

  async execute(orderId: string, payer: Payer, context: RequestContext): Promise<PaymentResult> {
    const { state } = await this.commands.load(orderId);
    if (!state.exists || state.customer_id !== payer.userId) {
      throw new DomainError('ORDER_NOT_FOUND', `order ${orderId} not found`, { order_id: orderId });
    }
    if (state.status !== 'PENDING') throw notPayable(state);
    const payment: Omit<PaymentRecord, 'status'> = {
      order_id: orderId,
      customer_id: state.customer_id,
      amount: state.total,
      currency: state.currency,
      operation_id: this.ids.next(),
    };
    await this.faults.beforeDebit?.(orderId);
    try {
      await this.storage.transaction(async (tx) => {
        // The payment row first: a concurrent attempt blocks on it and then finds it taken,
        // before it could touch the wallet (the row may leave with the debit, in one write:
        // taken, it refuses the debit, which then throws PaymentAlreadyStarted).
        await tx.payments.start(payment);
        // A free order (an admin priced it at 0) is paid without a debit: the ledger holds
        // only real money movements (its amounts are never 0).
        if (payment.amount === 0) return;
        const debit = await takeMoneyForOrder(tx, payment);
        if (debit.outcome === 'insufficient') throw new InsufficientFunds(debit.balance);
        if (debit.outcome === 'duplicate') throw notPayable(state, 'this order was already debited');
      });
    } catch (error) {
      if (error instanceof InsufficientFunds) return this.#fail(orderId, payment, error.balance, context);
      if (error instanceof PaymentAlreadyStarted) throw new PaymentUnderWay(state);
      throw error;
    }
    await this.faults.afterDebit?.(orderId);
    const outcome = await completePayment(this.storage, this.commands, this.ids, payment, context);
    if (outcome === 'refunded') {
      const { state: now } = await this.commands.load(orderId);
      throw notPayable(now.exists ? now : state, 'the order stopped being payable; the debit was refunded');
    }
    return {
      order_id: orderId,
      status: 'PAID',
      operation_id: payment.operation_id,
      amount: payment.amount,
      currency: payment.currency,
    };
  }

  /**
   * Pays an order created in the caller's transaction `tx`, in that transaction: debit, payment
   * record (COMPLETED at once) and PAID commit together or not at all, so no payment is ever
   * left half-way and nothing else can see (or cancel) the order before it is paid. `order` is
   * the order as created, `version` its stream's version. Returns `undefined` when the wallet
   * cannot cover it: nothing was written, and the caller rolls back and takes the two-step path
   * (which cancels the order and answers 406). An order that has a payment already is refused
   * with `PaymentAlreadyStarted`, thrown by the caller's next statement or its commit.
   */
  async payCreatedIn(
    tx: OrderingStores,
    order: ExistingOrder,
    version: number,
    context: RequestContext,
  ): Promise<{ operation_id: string } | undefined> {
    const payment: Omit<PaymentRecord, 'status'> = {
      order_id: order.order_id,
      customer_id: order.customer_id,
      amount: order.total,
      currency: order.currency,
      operation_id: this.ids.next(),
    };
    await this.faults.beforeDebit?.(order.order_id);
    if (payment.amount > 0) {
      const debit = await takeMoneyForOrder(tx, payment);
      if (debit.outcome === 'insufficient') return undefined;
      if (debit.outcome === 'duplicate') throw notPayable(order, 'this order was already debited');
    }
    await this.faults.afterDebit?.(order.order_id);
    // Sent with the PAID append and the caller's next statement; a payment already recorded
    // refuses them all (PaymentAlreadyStarted, from that statement or the commit).
    await tx.payments.start(payment, 'COMPLETED');
    await this.commands.executeIn(
      tx,
      order.order_id,
      (_order, now) => ({
        type: 'PayOrder',
        operation_id: payment.operation_id,
        amount: payment.amount,
        now,
      }),
      context,
      { state: order, version },
      { notIndexed: true },
    );
    return { operation_id: payment.operation_id };
  }

  /**
   * Waits (bounded) until no payment of this order is half-way (DEBITED) any more: the
   * request that started it has answered or will answer from what it left behind.
   * False when the bound ran out first.
   */
  async settled(orderId: string, timeoutMs: number, pollMs = 20): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const record = await this.storage.read.payments.find(orderId);
      if (record?.status !== 'DEBITED') return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  async #fail(
    orderId: string,
    payment: Omit<PaymentRecord, 'status'>,
    balance: number,
    context: RequestContext,
  ): Promise<never> {
    let status = 'CANCELLED';
    try {
      await this.commands.execute(
        orderId,
        (_order, now) => ({ type: 'FailPayment', reason: 'INSUFFICIENT_FUNDS', now }),
        context,
      );
    } catch (error) {
      // Cancelled meanwhile (by the buyer, or by a concurrent attempt that also found the
      // wallet short): the funds were still insufficient; say so with the order's real state.
      if (!(error instanceof DomainError) || error.code !== 'ORDER_INVALID_TRANSITION') throw error;
      const { state } = await this.commands.load(orderId);
      if (!state.exists || state.status !== 'CANCELLED') throw error;
      status = state.status;
    }
    throw new DomainError('INSUFFICIENT_FUNDS', 'insufficient funds: the order was cancelled', {
      order_id: orderId,
      order_status: status,
      balance,
      required: payment.amount,
      currency: payment.currency,
    });
  }
}

/**
 * Step 2 of the payment saga, shared by `PayOrder` and `PaymentRecovery`: record the payment
 * on a still-PENDING order, or refund a debit the order can no longer take. Idempotent.
 */
export async function completePayment(
  storage: UnitOfWork<OrderingStores>,
  commands: OrderCommandHandler,
  ids: IdGenerator,
  payment: Omit<PaymentRecord, 'status'>,
  context: RequestContext,
  attempts = 5,
): Promise<'completed' | 'refunded'> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await completeOnce(storage, commands, ids, payment, context);
    } catch (error) {
      // The order changed under us (e.g. cancelled): look again, which completes or refunds.
      if (!(error instanceof ConcurrencyError) || attempt >= attempts) throw error;
    }
  }
}

function completeOnce(
  storage: UnitOfWork<OrderingStores>,
  commands: OrderCommandHandler,
  ids: IdGenerator,
  payment: Omit<PaymentRecord, 'status'>,
  context: RequestContext,
): Promise<'completed' | 'refunded'> {
  return storage.transaction(async (tx) => {
    const record = await tx.payments.find(payment.order_id);
    if (record && record.status !== 'DEBITED')
      return record.status === 'COMPLETED' ? 'completed' : 'refunded';
    // One read decides between "paid" and "refund": a cancel committed after it makes the
    // append below fail (the stream moved on), and the retry then takes the refund branch.
    const loaded = await commands.load(payment.order_id, tx);
    if (loaded.state.exists && loaded.state.status === 'PENDING') {
      await commands.executeIn(
        tx,
        payment.order_id,
        (_order, now) => ({
          type: 'PayOrder',
          operation_id: payment.operation_id,
          amount: payment.amount,
          now,
        }),
        context,
        loaded,
      );
      await tx.payments.complete(payment.order_id);
      return 'completed';
    }
    if (payment.amount > 0) {
      await returnMoneyForOrder(tx, { ...payment, operation_id: ids.next() });
    }
    await tx.payments.refunded(payment.order_id);
    return 'refunded';
  });
}

function notPayable(order: ExistingOrder, why?: string): DomainError {
  return new DomainError(
    'ORDER_INVALID_TRANSITION',
    why ?? `order ${order.order_id} is ${order.status}; only a PENDING order can be paid`,
    { order_id: order.order_id, current_status: order.status, attempted_status: 'PAID', command: 'PayOrder' },
  );
}
