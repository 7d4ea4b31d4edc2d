import { createHash } from 'node:crypto';
import type { Clock } from '../../../shared/clock.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { IdGenerator } from '../../../shared/ids.ts';
import { NO_STREAM } from '../../../shared/ports/event-store.ts';
import type { UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import { type AvailabilityChecker, productUnavailable, type RequestedItem } from '../../catalog/index.ts';
import type { DeliveryAddress, OrderEvent, OrderLine } from '../domain/order.events.ts';
import { decide, initialOrderState } from '../domain/order.ts';
import { orderCreatedMessage } from './order-messages.ts';
import { ORDER_STREAM_TYPE, type OrderingStores, orderStreamId, type RequestContext } from './ports.ts';

export interface PlaceOrderInput {
  customer_id: string;
  items: RequestedItem[];
  delivery: DeliveryAddress | null;
  idempotency_key?: string | undefined;
}

export interface PlacedOrder {
  order_id: string;
  status: 'PENDING';
  customer_id: string;
  items: OrderLine[];
  total: number;
  currency: string;
  delivery: DeliveryAddress | null;
  created_at: string;
}

export interface PlaceOrderResult {
  status_code: 201;
  body: PlacedOrder;
  /** True when this answers an earlier request with the same `Idempotency-Key`. */
  replayed: boolean;
}

class StockShortage extends Error {}
class IdempotencyRace extends Error {}

/**
 * Seed 002's order creation: availability first; then, in one transaction, stock reserved,
 * the order's stream created (OrderCreated, OrderSubscriptionAdded) and `order.created` put in
 * the outbox. With an `Idempotency-Key`, a retry gets the first answer and nothing happens twice.
 */
export class PlaceOrder {
  constructor(
    private readonly storage: UnitOfWork<OrderingStores>,
    private readonly availability: AvailabilityChecker,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly maxAttempts = 3,
  ) {}

  async execute(input: PlaceOrderInput, context: RequestContext): Promise<PlaceOrderResult> {
    const key = input.idempotency_key;
    const scope = `orders:${input.customer_id}`;
    const hash = requestHash(input);
    if (key) {
      const replay = await this.#replay(scope, key, hash);
      if (replay) return replay;
    }
    for (let attempt = 1; ; attempt++) {
      const report = await this.availability.check(input.items);
      if (!report.all_available) throw productUnavailable(report);
      const lines = input.items.map((item) => {
        const product = report.products.get(item.product_id)!;
        return {
          product_id: item.product_id,
          name: product.name,
          quantity: item.quantity,
          unit_price: product.price,
          currency: product.currency,
        };
      });
      const orderId = this.ids.next();
      const events = decide(
        {
          type: 'CreateOrder',
          order_id: orderId,
          customer_id: input.customer_id,
          lines,
          delivery: input.delivery,
          now: this.clock.now(),
        },
        initialOrderState(),
      );
      const created = events[0] as Extract<OrderEvent, { type: 'OrderCreated' }>;
      const body: PlacedOrder = { ...created.data, status: 'PENDING' };
      try {
        await this.storage.transaction(async (tx) => {
          if (!(await tx.products.reserve(input.items))) throw new StockShortage();
          const eventIds = events.map(() => this.ids.next());
          await tx.events.append(
            orderStreamId(orderId),
            ORDER_STREAM_TYPE,
            NO_STREAM,
            events.map((event, i) => ({
              event_id: eventIds[i]!,
              type: event.type,
              data: event.data,
              metadata: { correlation_id: context.correlation_id, actor_id: context.actor_id },
            })),
          );
          await tx.outbox.enqueue([orderCreatedMessage(eventIds[0]!, created, context)]);
          if (
            key &&
            !(await tx.idempotency.save({ scope, key, request_hash: hash, status_code: 201, response: body }))
          ) {
            throw new IdempotencyRace();
          }
        });
        return { status_code: 201, body, replayed: false };
      } catch (error) {
        if (error instanceof IdempotencyRace && key) {
          const replay = await this.#replay(scope, key, hash);
          if (replay) return replay;
        }
        // Someone took the stock between the check and the reservation: check again, which
        // answers 400 with the fresh availability unless stock came back meanwhile.
        if (error instanceof StockShortage && attempt < this.maxAttempts) continue;
        if (error instanceof StockShortage)
          throw productUnavailable(await this.availability.check(input.items));
        throw error;
      }
    }
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
    return { status_code: 201, body: stored.response as PlacedOrder, replayed: true };
  }
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
  });
  return createHash('sha256').update(canonical).digest('hex');
}
