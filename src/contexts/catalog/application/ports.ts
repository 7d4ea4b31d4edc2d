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
  reserve(items: readonly RequestedItem[], options?: { endsTransaction?: boolean }): Promise<boolean>;
  release(items: readonly RequestedItem[]): Promise<void>;
}

export interface CatalogStores {
  products: ProductRepository & StockReservations;
}
