import { DomainError } from '../../../shared/errors.ts';

/** One line of a buyer's basket: a product and how many units. */
export interface BasketLine {
  product_id: string;
  quantity: number;
}

/** A product as the basket and the menu need it (catalog's Product fits). */
export interface PricedProduct {
  id: string;
  name: string;
  category: string;
  price: number;
  currency: string;
  stock: number;
}

/** How big a basket may get: lines and units per line. */
export interface BasketLimits {
  maxLines: number;
  maxQuantity: number;
}

export const DEFAULT_BASKET_LIMITS: BasketLimits = { maxLines: 50, maxQuantity: 99 };

/** A basket line with its product, price and what is in stock now. */
export interface PricedBasketLine extends BasketLine {
  name: string;
  unit_price: number;
  currency: string;
  line_total: number;
  available: number;
  is_available: boolean;
}

export interface PricedBasket {
  items: PricedBasketLine[];
  /** Sum of the lines, in minor units; 0 for an empty basket. */
  total: number;
  /** The lines' currency; null while the basket is empty. */
  currency: string | null;
  all_available: boolean;
}

/**
 * Checks a basket a buyer wants to keep: known products, one currency, within the limits.
 * Repeated lines of one product are merged (their quantities add up), keeping first-seen order.
 */
export function validateBasket(
  lines: readonly BasketLine[],
  products: ReadonlyMap<string, PricedProduct>,
  limits: BasketLimits = DEFAULT_BASKET_LIMITS,
): BasketLine[] {
  const merged = new Map<string, number>();
  for (const line of lines) merged.set(line.product_id, (merged.get(line.product_id) ?? 0) + line.quantity);
  const unknown = [...merged.keys()].filter((id) => !products.has(id));
  if (unknown.length > 0) {
    throw new DomainError('VALIDATION_FAILED', `unknown products: ${unknown.join(', ')}`, {
      unknown_products: unknown,
    });
  }
  if (merged.size > limits.maxLines) {
    throw new DomainError('VALIDATION_FAILED', `a basket holds at most ${limits.maxLines} products`, {
      max_lines: limits.maxLines,
    });
  }
  const tooMany = [...merged].filter(([, quantity]) => quantity < 1 || quantity > limits.maxQuantity);
  if (tooMany.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `each product's quantity must be between 1 and ${limits.maxQuantity}: ${tooMany.map(([id]) => id).join(', ')}`,
      { max_quantity: limits.maxQuantity, products: tooMany.map(([id]) => id) },
    );
  }
  const currencies = new Set([...merged.keys()].map((id) => products.get(id)!.currency));
  if (currencies.size > 1) {
    throw new DomainError('VALIDATION_FAILED', 'a basket holds products of one currency only', {
      currencies: [...currencies],
    });
  }
  return [...merged].map(([product_id, quantity]) => ({ product_id, quantity }));
}

/**
 * The basket as the buyer sees it: each line priced at today's price with the stock left.
 * A line whose product has since disappeared is shown with nothing available.
 */
export function priceBasket(
  lines: readonly BasketLine[],
  products: ReadonlyMap<string, PricedProduct>,
): PricedBasket {
  const items = lines.map((line): PricedBasketLine => {
    const product = products.get(line.product_id);
    const unitPrice = product?.price ?? 0;
    const available = product?.stock ?? 0;
    return {
      ...line,
      name: product?.name ?? line.product_id,
      unit_price: unitPrice,
      currency: product?.currency ?? '',
      line_total: unitPrice * line.quantity,
      available,
      is_available: product !== undefined && available >= line.quantity,
    };
  });
  return {
    items,
    total: items.reduce((sum, item) => sum + item.line_total, 0),
    currency: items.find((item) => item.currency !== '')?.currency ?? null,
    all_available: items.every((item) => item.is_available),
  };
}
