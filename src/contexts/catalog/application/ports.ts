import type { Product, RequestedItem } from '../domain/product.ts';

export interface ProductRepository {
  list(): Promise<Product[]>;
  findMany(ids: readonly string[]): Promise<Product[]>;
  upsert(product: Product): Promise<void>;
  /** Inserts only when the id is new; returns false when it already existed (demo seeding). */
  insertIfAbsent(product: Product): Promise<boolean>;
}

/**
 * Stock changes inside the caller's unit of work. `reserve` takes every line or none: it
 * returns false (and the caller rolls back) when any product is short at that instant, so two
 * buyers racing for the last unit cannot both get it.
 */
export interface StockReservations {
  /**
   * With `endsTransaction` the caller promises that nothing follows in its unit of work: the
   * store commits it with its last statement (no round trip through the process while a
   * popular product's row is locked), and refuses any statement after it. `false` then means
   * the unit of work is already rolled back: the caller must fail it (throw), not go on.
   */
  reserve(items: readonly RequestedItem[], options?: ReserveOptions): Promise<boolean>;
  release(items: readonly RequestedItem[]): Promise<void>;
}

/** What a product said when an order line was priced from it. */
export interface PricedAs {
  name: string;
  price: number;
  currency: string;
}

export interface ReserveOptions {
  endsTransaction?: boolean | undefined;
  /**
   * By product id: reserve only while the product still has this name, price and currency (the
   * order was priced from a read that may be stale); a product that changed is refused as a
   * short one is (false), and the caller checks again.
   */
  pricedAs?: ReadonlyMap<string, PricedAs> | undefined;
}

export interface CatalogStores {
  products: ProductRepository & StockReservations;
}
