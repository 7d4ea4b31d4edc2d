import type { RequestedItem } from '../domain/product.ts';
import type { CatalogStores, ReserveOptions } from './ports.ts';

/**
 * Reserves stock for an order in the caller's unit of work: every line or none (false when
 * any product is short at that instant, and the caller rolls back). Catalog owns stock; other
 * contexts change it only through `reserveStock` and `releaseStock`.
 */
export function reserveStock(
  stores: CatalogStores,
  items: readonly RequestedItem[],
  options: ReserveOptions = {},
): Promise<boolean> {
  return stores.products.reserve(items, options);
}

/** Puts an order's stock back (a cancelled order), in the caller's unit of work. */
export function releaseStock(stores: CatalogStores, items: readonly RequestedItem[]): Promise<void> {
  return stores.products.release(items);
}
