/** The basket context (seed 001's basket-info, basket-master and menu-info). */

export { Baskets, type BasketView, type CheckoutInput } from './application/baskets.ts';
export { MenuQuery } from './application/menu.ts';
export type { BasketStore, BasketStores, StoredBasket } from './application/ports.ts';
export {
  type BasketLimits,
  type BasketLine,
  DEFAULT_BASKET_LIMITS,
  type PricedBasket,
  type PricedBasketLine,
  priceBasket,
  validateBasket,
} from './domain/basket.ts';
export { buildMenu, type MenuCategory, type MenuItem } from './domain/menu.ts';
