import type { BasketLine } from '../domain/basket.ts';

/** A buyer's basket as stored; `version` grows with every change. */
export interface StoredBasket {
  customer_id: string;
  lines: BasketLine[];
  version: number;
  updated_at: Date;
  /** The `Idempotency-Key` of the last checkout and the lines it ordered, so a retry replays it. */
  last_checkout: { key: string; lines: BasketLine[] } | null;
}

/** Server-side baskets, one per buyer. */
export interface BasketStore {
  find(customerId: string): Promise<StoredBasket | undefined>;
  /** Replaces the buyer's lines (creating the basket), bumping the version. */
  save(customerId: string, lines: readonly BasketLine[], now: Date): Promise<StoredBasket>;
  /**
   * After a checkout: empties the basket when it is still at `version` (the buyer did not change
   * it meanwhile) and remembers the checkout's key and lines. Returns whether it was emptied.
   */
  checkedOut(
    customerId: string,
    version: number,
    checkout: { key: string | null; lines: readonly BasketLine[] },
    now: Date,
  ): Promise<boolean>;
}

export interface BasketStores {
  baskets: BasketStore;
}
