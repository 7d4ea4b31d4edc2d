import type { Clock } from '../../../shared/clock.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { ProductRepository } from '../../catalog/index.ts';
import type { DeliveryAddress, PlaceOrder, PlaceOrderResult, RequestContext } from '../../ordering/index.ts';
import {
  type BasketLimits,
  type BasketLine,
  DEFAULT_BASKET_LIMITS,
  type PricedBasket,
  type PricedProduct,
  priceBasket,
  validateBasket,
} from '../domain/basket.ts';
import type { BasketStore } from './ports.ts';

/** What the buyer asks of a checkout; the lines come from the basket. */
export interface CheckoutInput {
  delivery: DeliveryAddress | null;
  payment?: { method: 'wallet' } | undefined;
  idempotency_key?: string | undefined;
}

/** The basket with its version, as the API answers it. */
export type BasketView = PricedBasket & { version: number };

/**
 * Seed 001's basket-info and basket-master: the buyer's server-side basket, and checkout, which
 * places the order through the same PlaceOrder use case as `POST /orders` (same answers, same
 * idempotency) and empties the basket only once an order was placed.
 */
export class Baskets {
  constructor(
    private readonly baskets: BasketStore,
    private readonly products: Pick<ProductRepository, 'findMany'>,
    private readonly placeOrder: Pick<PlaceOrder, 'execute'>,
    private readonly clock: Clock,
    private readonly limits: BasketLimits = DEFAULT_BASKET_LIMITS,
  ) {}

  async get(customerId: string): Promise<BasketView> {
    const stored = await this.baskets.find(customerId);
    const lines = stored?.lines ?? [];
    return { ...priceBasket(lines, await this.#products(lines)), version: stored?.version ?? 0 };
  }

  async put(customerId: string, lines: readonly BasketLine[]): Promise<BasketView> {
    const products = await this.#products(lines);
    const valid = validateBasket(lines, products, this.limits);
    const stored = await this.baskets.save(customerId, valid, this.clock.now());
    return { ...priceBasket(stored.lines, products), version: stored.version };
  }

  async checkout(
    customerId: string,
    input: CheckoutInput,
    context: RequestContext,
  ): Promise<PlaceOrderResult> {
    const stored = await this.baskets.find(customerId);
    const key = input.idempotency_key;
    // A retry of a checkout that already emptied the basket orders the same lines again,
    // which PlaceOrder answers from its idempotency record.
    const lines =
      key !== undefined && stored?.last_checkout?.key === key ? stored.last_checkout.lines : stored?.lines;
    if (!stored || !lines || lines.length === 0) {
      throw new DomainError('BASKET_EMPTY', 'the basket is empty: add something before checking out');
    }
    const result = await this.placeOrder.execute(
      {
        customer_id: customerId,
        items: lines.map((line) => ({ product_id: line.product_id, quantity: line.quantity })),
        delivery: input.delivery,
        payment: input.payment,
        idempotency_key: key,
      },
      context,
    );
    await this.baskets.checkedOut(customerId, stored.version, { key: key ?? null, lines }, this.clock.now());
    return result;
  }

  async #products(lines: readonly BasketLine[]): Promise<Map<string, PricedProduct>> {
    const found = await this.products.findMany([...new Set(lines.map((line) => line.product_id))]);
    return new Map(found.map((product) => [product.id, product]));
  }
}
