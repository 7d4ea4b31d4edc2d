/** The ordering context (seed 001's order-master, seed 003's Orders Service, seed 004's OrdersService). */

export {
  AUTO_CONFIRM_CONSUMER,
  AUTO_CONFIRM_TOPICS,
  autoConfirmPaidOrders,
} from './application/auto-confirm.policy.ts';
export { CancelOrder, type CancelOrderResult } from './application/cancel-order.ts';
export { ConfirmOrder } from './application/confirm-order.ts';
export {
  ExpireUnpaidOrders,
  type ExpiryFailure,
  type ExpiryResult,
} from './application/expire-unpaid-orders.ts';
export { auditTrail } from './application/order-audit.ts';
export {
  type CommandOutcome,
  type LoadedOrder,
  OrderCommandHandler,
  toOrderEvent,
} from './application/order-command-handler.ts';
export {
  type OrderCreatedData,
  type OrderMessage,
  type OrderStatusUpdatedData,
  parseOrderMessage,
} from './application/order-message.parser.ts';
export { messagesFor, ORDERING_SOURCE, type StoredOrderEvent } from './application/order-messages.ts';
export { readOrderState } from './application/order-state.query.ts';
export { mayView, type OrderViewer, type VisibleOrder } from './application/order-visibility.ts';
export { type PaymentFaults, type PaymentResult, PayOrder } from './application/pay-order.ts';
export { PaymentRecovery } from './application/payment-recovery.ts';
export {
  type PlacedOrder,
  PlaceOrder,
  type PlaceOrderInput,
  type PlaceOrderLimits,
  type PlaceOrderResult,
} from './application/place-order.ts';
export type {
  OrderingStores,
  PaymentRecord,
  PaymentRecords,
  RequestContext,
  UnpaidCaps,
  UnpaidHoldings,
  UnpaidOrder,
  UnpaidOrders,
} from './application/ports.ts';
export { orderStreamId, PaymentAlreadyStarted, UnpaidCapReached } from './application/ports.ts';
export type { Actor, DeliveryAddress, OrderEvent, OrderLine } from './domain/order.events.ts';
export { evolve, foldOrder, initialOrderState, type OrderState } from './domain/order.evolve.ts';
export type { OrderStatus } from './domain/order.transitions.ts';
export { isOrderStatus, ORDER_STATUSES, ORDER_TRANSITIONS, statusRank } from './domain/order.transitions.ts';
