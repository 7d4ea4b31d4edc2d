import type { Clock } from '../../../shared/clock.ts';
import { ConcurrencyError, DomainError } from '../../../shared/errors.ts';
import type { IdGenerator } from '../../../shared/ids.ts';
import { NO_STREAM, type RecordedEvent } from '../../../shared/ports/event-store.ts';
import type { OutboxMessage } from '../../../shared/ports/outbox.ts';
import type { UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import { returnMoneyForOrder } from '../../billing/index.ts';
import { releaseStock } from '../../catalog/index.ts';
import { decide, type OrderCommand } from '../domain/order.decide.ts';
import type { OrderEvent } from '../domain/order.events.ts';
import { type ExistingOrder, evolve, foldOrder, type OrderState } from '../domain/order.evolve.ts';
import { messagesFor } from './order-messages.ts';
import {
  ORDER_STREAM_TYPE,
  type OrderingStores,
  orderStreamId,
  type RequestContext,
  type UnpaidCaps,
} from './ports.ts';

/** An order's stream as loaded: the folded state and the version to append at. */
export interface LoadedOrder {
  state: OrderState;
  /** `NO_STREAM` before the order exists. */
  version: number;
}

export interface CommandOutcome<Before extends OrderState = ExistingOrder> {
  before: Before;
  after: ExistingOrder;
  events: OrderEvent[];
  /** The stream's version after the append. */
  version: number;
}

/** How a command's effects touch ordering's unpaid-orders index. */
export interface CommandOptions {
  /** A created order enters the index only if its buyer stays within these (else `UnpaidCapReached`). */
  unpaidCaps?: UnpaidCaps | undefined;
  /**
   * The order leaves PENDING in the same transaction it is created in (paid with the order):
   * it never enters the index, so neither the add nor the remove is written.
   */
  notIndexed?: boolean | undefined;
}

/** Builds the command from the state it will be decided on and the clock's reading. */
export type CommandFor<S extends OrderState> = (state: S, now: Date) => OrderCommand;

/**
 * Emmett's command handler for orders, the one write path: load the stream, decide, append at
 * the version read (`NO_STREAM` creates the order), and in the same transaction put the status
 * messages in the outbox and apply the events' effects through the owning contexts (catalog
 * releases stock, billing returns money) and ordering's unpaid-orders index.
 */
export class OrderCommandHandler {
  constructor(
    private readonly storage: UnitOfWork<OrderingStores>,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly maxAttempts = 5,
  ) {}

  async load(
    orderId: string,
    stores: OrderingStores = this.storage.read,
  ): Promise<LoadedOrder & { events: OrderEvent[] }> {
    const recorded = await stores.events.readStream(orderStreamId(orderId));
    const events = recorded.map(toOrderEvent);
    return { state: foldOrder(events), version: recorded.at(-1)?.version ?? NO_STREAM, events };
  }

  /** A command on an existing order, in its own transaction, retried on concurrent writes. */
  async execute(
    orderId: string,
    command: CommandFor<ExistingOrder>,
    context: RequestContext,
  ): Promise<CommandOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.storage.transaction((tx) => this.executeIn(tx, orderId, command, context));
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= this.maxAttempts) throw error;
      }
    }
  }

  /**
   * A command on an existing order in the caller's transaction. `loaded` is the stream as the
   * caller already read it in `tx`: deciding on exactly what the caller checked matters, since
   * a second read could see a write committed in between (PostgreSQL reads committed); with the
   * caller's read such a write makes the append fail with `ConcurrencyError` instead.
   */
  async executeIn(
    tx: OrderingStores,
    orderId: string,
    command: CommandFor<ExistingOrder>,
    context: RequestContext,
    loaded?: LoadedOrder,
    options: CommandOptions = {},
  ): Promise<CommandOutcome> {
    const stream = loaded ?? (await this.load(orderId, tx));
    const { state } = stream;
    if (!state.exists)
      throw new DomainError('ORDER_NOT_FOUND', `order ${orderId} not found`, { order_id: orderId });
    const outcome = await this.handleCommand(
      tx,
      orderId,
      (_s, now) => command(state, now),
      context,
      stream,
      options,
    );
    return { ...outcome, before: state };
  }

  /**
   * Load (unless given), decide, append at the version read, enqueue, apply effects — in `tx`.
   * Creation passes `{ state: initialOrderState(), version: NO_STREAM }`: a stream that exists
   * already makes the append fail.
   */
  async handleCommand(
    tx: OrderingStores,
    orderId: string,
    command: CommandFor<OrderState>,
    context: RequestContext,
    loaded?: LoadedOrder,
    options: CommandOptions = {},
  ): Promise<CommandOutcome<OrderState>> {
    const { state, version } = loaded ?? (await this.load(orderId, tx));
    const events = decide(command(state, this.clock.now()), state);
    const commitVersion = version + events.length;
    const ids = events.map(() => this.ids.next());
    // Fold first: the status messages go into the outbox in the append's own statement.
    const steps: { event: OrderEvent; after: ExistingOrder }[] = [];
    const messages: OutboxMessage[] = [];
    let current: OrderState = state;
    for (const [i, event] of events.entries()) {
      const before = current;
      current = evolve(current, event);
      if (!current.exists) continue;
      steps.push({ event, after: current });
      messages.push(
        ...messagesFor(
          { event_id: ids[i]!, event, commit_version: commitVersion, customer_id: current.customer_id },
          before.exists ? before.status : undefined,
          context,
        ),
      );
    }
    if (!current.exists) throw new Error(`order ${orderId}: the command left no order`);
    // Nothing here reads the append's answer: it leaves with the transaction's next statement,
    // and a concurrent write makes that statement (or the commit) fail with ConcurrencyError.
    await tx.events.appendAnsweredLater(
      orderStreamId(orderId),
      ORDER_STREAM_TYPE,
      version,
      events.map((event, i) => ({
        event_id: ids[i]!,
        type: event.type,
        data: event.data,
        metadata: {
          correlation_id: context.correlation_id,
          actor_id: context.actor_id,
          commit_version: commitVersion,
        },
      })),
      messages,
    );
    for (const { event, after } of steps) await applyEffects(tx, after, event, options);
    if (current.status !== 'PENDING' && state.exists && state.status === 'PENDING' && !options.notIndexed) {
      await tx.unpaidOrders.remove(orderId);
    }
    return { before: state, after: current, events, version: commitVersion };
  }
}

/** An order event as the domain sees it, from its stored form. */
export const toOrderEvent = (recorded: Pick<RecordedEvent, 'type' | 'data'>): OrderEvent =>
  ({ type: recorded.type, data: recorded.data }) as OrderEvent;

/** What an event changes beyond the stream, through the context that owns it, in the same transaction. */
async function applyEffects(
  tx: OrderingStores,
  order: ExistingOrder,
  event: OrderEvent,
  options: CommandOptions,
): Promise<void> {
  switch (event.type) {
    case 'OrderCreated': {
      if (options.notIndexed) return;
      // A cap's refusal (UnpaidCapReached) may come from the transaction's next statement.
      await tx.unpaidOrders.add(
        {
          order_id: order.order_id,
          customer_id: order.customer_id,
          created_at: order.created_at,
          units: event.data.items.reduce((sum, line) => sum + line.quantity, 0),
        },
        options.unpaidCaps,
      );
      return;
    }
    case 'OrderCancelled': {
      await releaseStock(tx, event.data.items);
      const refund = event.data.refund;
      if (refund) {
        await returnMoneyForOrder(tx, {
          operation_id: refund.operation_id,
          customer_id: order.customer_id,
          order_id: order.order_id,
          amount: refund.amount,
          currency: order.currency,
        });
        await tx.payments.refunded(order.order_id);
      }
      return;
    }
    default:
      return;
  }
}
