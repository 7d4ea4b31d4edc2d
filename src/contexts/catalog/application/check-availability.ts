import { DomainError } from '../../../shared/errors.ts';
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
}

/** Seed 002's Product Service: the authority on whether a basket can be sold right now. */
export class AvailabilityChecker {
  constructor(private readonly products: ProductRepository) {}

  async check(items: readonly RequestedItem[]): Promise<AvailabilityReport> {
    if (items.length === 0) throw new DomainError('VALIDATION_FAILED', 'items must not be empty');
    const ids = [...new Set(items.map((i) => i.product_id))];
    const found = await this.products.findMany(ids);
    const byId = new Map(found.map((p) => [p.id, p]));
    const availability = assessAvailability(
      items as RequestedItem[],
      new Map(found.map((p) => [p.id, p.stock])),
    );
    return { ...availability, products: byId };
  }
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
