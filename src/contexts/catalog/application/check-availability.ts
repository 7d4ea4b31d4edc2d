import { DomainError } from '../../../shared/errors.ts';
import { TtlCache } from '../../../shared/ttl-cache.ts';
import {
  type Availability,
  assessAvailability,
  type Product,
  type RequestedItem,
} from '../domain/product.ts';
import type { ProductRepository } from './ports.ts';

export interface AvailabilityReport extends Availability {
  /** The products that exist among those asked for, by id (prices and names for the order). */
  products: ReadonlyMap<string, Product>;
  /** Answered from products kept in process (maybe stale), not from a read just now. */
  kept: boolean;
}

/**
 * Seed 002's Product Service: the authority on whether a basket can be sold right now. Products
 * as last read are kept in process for `recentMs` (`PRODUCT_CACHE_TTL_MS`) for a caller that
 * asks for a `recent` answer: placing an order, whose stock reservation re-checks under the row
 * lock both the stock and what the order was priced with (`ReserveOptions.pricedAs`), and
 * checks again, fresh, when either moved. Only a basket the kept products can sell is answered
 * from them; anything else is read fresh, so "unavailable" is never a stale answer.
 */
export class AvailabilityChecker {
  readonly #recent: TtlCache<string, Product>;

  constructor(
    private readonly products: ProductRepository,
    recentMs = 0,
    now?: () => number,
  ) {
    this.#recent = new TtlCache(recentMs, now);
  }

  async check(
    items: readonly RequestedItem[],
    options: { recent?: boolean } = {},
  ): Promise<AvailabilityReport> {
    if (items.length === 0) throw new DomainError('VALIDATION_FAILED', 'items must not be empty');
    const ids = [...new Set(items.map((i) => i.product_id))];
    if (options.recent) {
      const kept = ids.map((id) => this.#recent.get(id));
      if (kept.every((product) => product !== undefined)) {
        const report = reportOn(items, kept, true);
        if (report.all_available) return report;
      }
    }
    const found = await this.products.findMany(ids);
    for (const product of found) this.#recent.set(product.id, product);
    return reportOn(items, found, false);
  }

  /** Forgets a product this process just changed, so the next order reads it. */
  forget(productId: string): void {
    this.#recent.forget(productId);
  }
}

function reportOn(
  items: readonly RequestedItem[],
  found: readonly Product[],
  kept: boolean,
): AvailabilityReport {
  const availability = assessAvailability(
    items as RequestedItem[],
    new Map(found.map((p) => [p.id, p.stock])),
  );
  return { ...availability, products: new Map(found.map((p) => [p.id, p])), kept };
}

/** The 400 answer when a basket cannot be sold: the per-item availability, nothing written. */
export function productUnavailable(availability: Availability): DomainError {
  return new DomainError(
    'PRODUCT_UNAVAILABLE',
    'one or more products are not available in the requested quantity',
    {
      all_available: false,
      items: availability.items,
    },
  );
}
