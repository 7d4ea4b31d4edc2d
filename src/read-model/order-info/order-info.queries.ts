import { mayView, type OrderViewer } from '../../contexts/ordering/index.ts';
import { DomainError } from '../../shared/errors.ts';
import type { EventStore } from '../../shared/ports/event-store.ts';
import type { OrderSearch, OrderSummary, OrderSummaryPage, OrderSummaryStore } from './order-summary.ts';

export type Viewer = OrderViewer;

export const MAX_PAGE_SIZE = 100;

/**
 * Reads of the order-info view. The view trails the event store by a message hop, so a read
 * of an order whose stream is ahead of the view waits (bounded) for the projection to catch
 * up: a client reads its own writes.
 */
export class OrderInfoQueries {
  constructor(
    private readonly summaries: OrderSummaryStore,
    private readonly events: Pick<EventStore, 'streamVersion'>,
    private readonly streamIdOf: (orderId: string) => string,
    private readonly waitTimeoutMs: number,
    private readonly pollMs = 15,
  ) {}

  /** The order, for its owner or an admin; anyone else learns nothing (404). */
  async get(orderId: string, viewer: Viewer): Promise<OrderSummary> {
    const summary = await this.#getCaughtUp(orderId);
    if (!summary || !mayView(visibilityOf(summary), viewer)) {
      throw new DomainError('ORDER_NOT_FOUND', `order ${orderId} not found`, { order_id: orderId });
    }
    return summary;
  }

  /**
   * A buyer's own orders, or (admins) any orders matching the filter. A buyer's list first
   * waits (bounded) until the view shows every order of theirs at its stream's version.
   */
  async search(filter: OrderSearch, viewer: Viewer): Promise<OrderSummaryPage> {
    if (filter.limit > MAX_PAGE_SIZE) {
      throw new DomainError('PAGE_SIZE_TOO_LARGE', `limit must be at most ${MAX_PAGE_SIZE}`, {
        max: MAX_PAGE_SIZE,
      });
    }
    if (viewer.isAdmin) return this.summaries.search(filter);
    const deadline = Date.now() + this.waitTimeoutMs;
    while ((await this.summaries.behindFor(viewer.userId)) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
    return this.summaries.search({ ...filter, customer_id: viewer.userId });
  }

  async #getCaughtUp(orderId: string): Promise<OrderSummary | undefined> {
    let summary = await this.summaries.get(orderId);
    const streamVersion = await this.events.streamVersion(this.streamIdOf(orderId));
    const deadline = Date.now() + this.waitTimeoutMs;
    while ((summary?.version ?? 0) < streamVersion && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
      summary = await this.summaries.get(orderId);
    }
    return summary;
  }
}

/** The order as visibility sees it: its buyer, status, and the kitchen and courier the events named. */
function visibilityOf(summary: OrderSummary) {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    customer_id: summary.customer_id,
    status: summary.status,
    food_point_id: text(summary.details.food_point_id),
    courier_id: text(summary.details.courier_id),
  };
}
