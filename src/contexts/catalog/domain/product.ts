/** A product for sale; `price` in minor units of `currency`, `stock` units on hand. */
export interface Product {
  id: string;
  name: string;
  category: string;
  price: number;
  currency: string;
  stock: number;
}

/** One requested line, as in seed 002's check-availability request. */
export interface RequestedItem {
  product_id: string;
  quantity: number;
}

/** Seed 002's per-item availability, field for field. */
export interface ItemAvailability {
  product_id: string;
  requested: number;
  available: number;
  is_available: boolean;
}

export interface Availability {
  all_available: boolean;
  items: ItemAvailability[];
}

/** Units asked for per product: repeated lines of one product add up. */
export function quantitiesByProduct(requested: readonly RequestedItem[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const item of requested)
    totals.set(item.product_id, (totals.get(item.product_id) ?? 0) + item.quantity);
  return totals;
}

/**
 * Availability of each requested line against current stock. Lines for the same product are
 * judged together (two lines of 3 need 6 units); an unknown product has 0 available.
 */
export function assessAvailability(
  requested: RequestedItem[],
  stock: ReadonlyMap<string, number>,
): Availability {
  const totals = quantitiesByProduct(requested);
  const items = requested.map((item) => {
    const available = stock.get(item.product_id) ?? 0;
    return {
      product_id: item.product_id,
      requested: item.quantity,
      available,
      is_available: available >= (totals.get(item.product_id) ?? item.quantity),
    };
  });
  return { all_available: items.every((i) => i.is_available), items };
}
