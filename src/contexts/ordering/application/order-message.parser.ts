import { type EventEnvelope, IntegrationEventTypes } from '../../../shared/envelope.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { Actor, DeliveryAddress, OrderLine } from '../domain/order.events.ts';
import { isOrderStatus, type OrderStatus } from '../domain/order.transitions.ts';

/** `order.created`'s `data` (seed 002): the order as placed. */
export interface OrderCreatedData {
  order_id: string;
  customer_id: string;
  items: OrderLine[];
  /** Minor units of `currency`. */
  total: number;
  currency: string;
  delivery: DeliveryAddress | null;
  created_at: string;
  status: 'PENDING';
  /** The order stream's version after the append (read-your-writes). */
  version: number;
}

/** `order.status_updated`'s `data` (seed 002): the move, plus what is known beside it. */
export interface OrderStatusUpdatedData {
  order_id: string;
  customer_id: string;
  previous_status: OrderStatus | null;
  current_status: OrderStatus;
  version: number;
  /** Payment (PAID). */
  operation_id?: string;
  amount?: number;
  /** Assignment (ASSIGNED). */
  food_point_id?: string;
  /** Pickup and delivery (IN_DELIVERY, DELIVERED). */
  courier_id?: string;
  tracking_number?: string;
  carrier?: string;
  delivered_at?: string;
  delivery_location?: string;
  /** Cancellation (CANCELLED). */
  reason?: string;
  refunded?: boolean;
  /** Who cancelled: the buyer, staff (`admin`, `kitchen`, …) or the `system` (billing, timeouts). */
  cancelled_by?: Actor['kind'];
  /** The order's subscribers (seed 004's OrderSubscriptionAdded), when the message carries them. */
  subscribers?: string[];
}

/** An integration message of ordering, typed by its `event_type`. */
export type OrderMessage =
  | { event_type: typeof IntegrationEventTypes.orderCreated; envelope: EventEnvelope<OrderCreatedData> }
  | {
      event_type: typeof IntegrationEventTypes.orderStatusUpdated;
      envelope: EventEnvelope<OrderStatusUpdatedData>;
    };

/**
 * Validates an incoming envelope as one of ordering's messages: what the projection, the
 * auto-confirm policy and later consumers (notifications, the WebSocket hub, fulfilment) read
 * instead of casting. `undefined` for other event types; a malformed ordering message throws
 * (the bus then retries and dead-letters it).
 */
export function parseOrderMessage(envelope: EventEnvelope): OrderMessage | undefined {
  const read = new FieldReader(envelope.data);
  if (envelope.event_type === IntegrationEventTypes.orderCreated) {
    const data: OrderCreatedData = {
      order_id: read.string('order_id'),
      customer_id: read.string('customer_id'),
      items: read.check('items', envelope.data.items, isLines, []),
      total: read.integer('total'),
      currency: read.string('currency'),
      delivery: read.check('delivery', envelope.data.delivery ?? null, isDeliveryOrNull, null),
      created_at: read.string('created_at'),
      status: read.check('status', envelope.data.status, isPending, 'PENDING'),
      version: read.version(),
    };
    read.done(envelope);
    return { event_type: IntegrationEventTypes.orderCreated, envelope: { ...envelope, data } };
  }
  if (envelope.event_type === IntegrationEventTypes.orderStatusUpdated) {
    const data: OrderStatusUpdatedData = {
      order_id: read.string('order_id'),
      customer_id: read.string('customer_id'),
      previous_status: read.check(
        'previous_status',
        envelope.data.previous_status ?? null,
        isStatusOrNull,
        null,
      ),
      current_status: read.check('current_status', envelope.data.current_status, isStatus, 'PENDING'),
      version: read.version(),
      ...read.optional('operation_id', isString),
      ...read.optional('amount', isInteger),
      ...read.optional('food_point_id', isString),
      ...read.optional('courier_id', isString),
      ...read.optional('tracking_number', isString),
      ...read.optional('carrier', isString),
      ...read.optional('delivered_at', isString),
      ...read.optional('delivery_location', isString),
      ...read.optional('reason', isString),
      ...read.optional('refunded', isBoolean),
      ...read.optional('cancelled_by', isActorKind),
      ...read.optional('subscribers', isUserIdList),
    };
    read.done(envelope);
    return { event_type: IntegrationEventTypes.orderStatusUpdated, envelope: { ...envelope, data } };
  }
  return undefined;
}

/** Reads typed fields off an untyped `data`, collecting the names of those that do not fit. */
class FieldReader {
  readonly #problems: string[] = [];

  constructor(private readonly data: Record<string, unknown>) {}

  check<T>(field: string, value: unknown, is: (value: unknown) => value is T, fallback: NoInfer<T>): T {
    if (is(value)) return value;
    this.#problems.push(field);
    return fallback;
  }

  string(field: string): string {
    return this.check(field, this.data[field], isString, '');
  }

  integer(field: string): number {
    return this.check(field, this.data[field], isInteger, 0);
  }

  /** Messages published before `version` was added carry none: they read as version 0. */
  version(): number {
    return this.data.version === undefined ? 0 : this.integer('version');
  }

  /** `{ [field]: value }` when present and valid, `{}` when absent. */
  optional<K extends string, T>(field: K, is: (value: unknown) => value is T): { [key in K]?: T } {
    const value = this.data[field];
    if (value === undefined) return {};
    return { [field]: this.check(field, value, is, undefined as never) } as { [key in K]?: T };
  }

  done(envelope: EventEnvelope): void {
    if (this.#problems.length === 0) return;
    throw new DomainError(
      'VALIDATION_FAILED',
      `malformed ${envelope.event_type} message ${envelope.event_id}: ${this.#problems.join(', ')}`,
      { event_id: envelope.event_id, fields: this.#problems },
    );
  }
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isUserIdList = (value: unknown): value is string[] =>
  Array.isArray(value) &&
  value.length <= 1000 &&
  value.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 200);
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isInteger = (value: unknown): value is number => Number.isInteger(value);
const ACTOR_KINDS: readonly string[] = ['buyer', 'admin', 'kitchen', 'courier', 'carrier', 'system'];
const isActorKind = (value: unknown): value is Actor['kind'] =>
  isString(value) && ACTOR_KINDS.includes(value);
const isPending = (value: unknown): value is 'PENDING' => value === 'PENDING';
const isStatus = (value: unknown): value is OrderStatus => typeof value === 'string' && isOrderStatus(value);
const isStatusOrNull = (value: unknown): value is OrderStatus | null => value === null || isStatus(value);

const isLines = (value: unknown): value is OrderLine[] =>
  Array.isArray(value) &&
  value.every(
    (line: unknown) =>
      typeof line === 'object' &&
      line !== null &&
      'product_id' in line &&
      isString(line.product_id) &&
      'name' in line &&
      isString(line.name) &&
      'quantity' in line &&
      isInteger(line.quantity) &&
      'unit_price' in line &&
      isInteger(line.unit_price),
  );

const isDeliveryOrNull = (value: unknown): value is DeliveryAddress | null =>
  value === null || (typeof value === 'object' && 'address' in value && isString(value.address));
