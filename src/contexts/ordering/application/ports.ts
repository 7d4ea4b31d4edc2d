import type { EventStore } from '../../../shared/ports/event-store.ts';
import type { IdempotencyStore } from '../../../shared/ports/idempotency.ts';
import type { Outbox } from '../../../shared/ports/outbox.ts';
import type { CatalogStores } from '../../catalog/index.ts';

/** What the ordering use cases write in one unit of work. */
export interface OrderingStores extends CatalogStores {
  events: EventStore;
  outbox: Outbox;
  idempotency: IdempotencyStore;
}

/** Who asked, for event metadata and message headers. */
export interface RequestContext {
  correlation_id: string;
  traceparent?: string | undefined;
  actor_id: string;
}

export const orderStreamId = (orderId: string) => `order-${orderId}`;
export const ORDER_STREAM_TYPE = 'order';
