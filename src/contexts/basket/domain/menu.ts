import type { PricedProduct } from './basket.ts';

/** One product on the menu, with what can be ordered now. */
export interface MenuItem {
  product_id: string;
  name: string;
  price: number;
  currency: string;
  /** Units that can be ordered right now (stock not reserved by an order). */
  available: number;
  is_available: boolean;
}

export interface MenuCategory {
  category: string;
  items: MenuItem[];
}

/** Seed 001's menu-info: products grouped by category (categories and items by name). */
export function buildMenu(products: readonly PricedProduct[]): MenuCategory[] {
  const byCategory = new Map<string, MenuItem[]>();
  for (const product of products) {
    const items = byCategory.get(product.category) ?? [];
    items.push({
      product_id: product.id,
      name: product.name,
      price: product.price,
      currency: product.currency,
      available: product.stock,
      is_available: product.stock > 0,
    });
    byCategory.set(product.category, items);
  }
  return [...byCategory]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([category, items]) => ({ category, items: items.sort((a, b) => a.name.localeCompare(b.name)) }));
}
