/** The catalog context (seed 002's Product Service): products, stock and availability. */

export {
  AvailabilityChecker,
  type AvailabilityReport,
  productUnavailable,
} from './application/check-availability.ts';
export { DEMO_PRODUCTS } from './application/demo-products.ts';
export { ProductCatalog, type ProductInput } from './application/manage-products.ts';
export type {
  CatalogStores,
  PricedAs,
  ProductRepository,
  ReserveOptions,
  StockReservations,
} from './application/ports.ts';
export { releaseStock, reserveStock } from './application/stock.ts';
export type { Availability, ItemAvailability, Product, RequestedItem } from './domain/product.ts';
export { assessAvailability, quantitiesByProduct } from './domain/product.ts';
