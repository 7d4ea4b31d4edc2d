import type { Clock } from '../../../shared/clock.ts';
import { ConcurrencyError, DomainError } from '../../../shared/errors.ts';
import type { IdGenerator } from '../../../shared/ids.ts';
import type { RecordedEvent } from '../../../shared/ports/event-store.ts';
import type { UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import type { OrderEvent } from '../domain/order.events.ts';
import {
  decide,
  type ExistingOrder,
  evolve,
  foldOrder,
  type OrderCommand,
  type OrderState,
} from '../domain/order.ts';
import { messagesFor } from './order-messages.ts';
import { ORDER_STREAM_TYPE, type OrderingStores, orderStreamId, type RequestContext } from './ports.ts';

export interface CommandOutcome {
  before: ExistingOrder;
  after: ExistingOrder;
  events: OrderEvent[];
  version: number;
}

/**
 * Runs one order command: load the stream, decide, append at the version read, put the
 * status messages in the outbox and apply the events' effects on other stores (stock back,
 * refunds) — all in the caller's transaction. A concurrent writer makes the append fail and
 * `execute` retries with fresh state.
 */
export class OrderCommands {
  constructor(
    private readonly storage: UnitOfWork<OrderingStores>,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly maxAttempts = 5,
  ) {}

  async load(
    orderId: string,
    stores: OrderingStores = this.storage.read,
  ): Promise<{ state: OrderState; version: number; events: OrderEvent[] }> {
    const recorded = await stores.events.readStream(orderStreamId(orderId));
    const events = recorded.map(toOrderEvent);
    return { state: foldOrder(events), version: recorded.at(-1)?.version ?? 0, events };
  }

  /** In its own transaction, retried on concurrent writes. */
  async execute(
    orderId: string,
    command: (order: ExistingOrder, now: Date) => OrderCommand,
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

  async executeIn(
    tx: OrderingStores,
    orderId: string,
    command: (order: ExistingOrder, now: Date) => OrderCommand,
    context: RequestContext,
    /**
     * The stream as the caller already read it in `tx`. Deciding on exactly what the caller
     * checked matters: a second read could see a write committed in between (PostgreSQL reads
     * committed), and the caller's branch would no longer match the state decided on. With
     * the caller's read, such a write makes the append fail with `ConcurrencyError` instead.
     */
    loaded?: { state: OrderState; version: number },
  ): Promise<CommandOutcome> {
    const { state, version } = loaded ?? (await this.load(orderId, tx));
    if (!state.exists)
      throw new DomainError('ORDER_NOT_FOUND', `order ${orderId} not found`, { order_id: orderId });
    const events = decide(command(state, this.clock.now()), state);
    const commitVersion = version + events.length;
    const ids = events.map(() => this.ids.next());
    await tx.events.append(
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
    );
    let current: OrderState = state;
    for (const [i, event] of events.entries()) {
      const previous = current.exists ? current.status : undefined;
      await tx.outbox.enqueue(
        messagesFor(
          { event_id: ids[i]!, event, commit_version: commitVersion, customer_id: state.customer_id },
          previous,
          context,
        ),
      );
      await applyEffects(tx, state, event);
      current = evolve(current, event);
    }
    if (state.status === 'PENDING' && current.exists && current.status !== 'PENDING') {
      await tx.unpaidOrders.remove(orderId);
    }
    return { before: state, after: current as ExistingOrder, events, version: commitVersion };
  }
}

/** An order event as the domain sees it, from its stored form. */
export const toOrderEvent = (recorded: Pick<RecordedEvent, 'type' | 'data'>): OrderEvent =>
  ({ type: recorded.type, data: recorded.data }) as OrderEvent;

/** Effects of order events on the other stores of the same database, in the same transaction. */
async function applyEffects(tx: OrderingStores, order: ExistingOrder, event: OrderEvent): Promise<void> {
  if (event.type !== 'OrderCancelled') return;
  await tx.products.release(event.data.items);
  const refund = event.data.refund;
  if (refund) {
    await tx.wallets.apply({
      id: refund.operation_id,
      customer_id: order.customer_id,
      kind: 'refund',
      amount: refund.amount,
      order_id: order.order_id,
      currency: order.currency,
    });
    await tx.payments.refunded(order.order_id);
  }
}
