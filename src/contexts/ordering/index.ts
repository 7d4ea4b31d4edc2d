/** The ordering context (seed 001's order-master, seed 003's Orders Service, seed 004's OrdersService). */

export {
  type PlacedOrder,
  PlaceOrder,
  type PlaceOrderInput,
  type PlaceOrderResult,
} from './application/place-order.ts';
export type { OrderingStores, RequestContext } from './application/ports.ts';
export { orderStreamId } from './application/ports.ts';
export type { DeliveryAddress, OrderEvent, OrderLine } from './domain/order.events.ts';
export type { OrderStatus } from './domain/order-status.ts';
export { isOrderStatus, ORDER_STATUSES, ORDER_TRANSITIONS } from './domain/order-status.ts';
