/** The notifications context (seed 003's notification service, seed 000's push service and receipts). */

export {
  type DispatcherOptions,
  type NotificationChannels,
  NotificationDispatcher,
} from './application/notification-dispatcher.ts';
export {
  NOTIFICATIONS_CONSUMER,
  NOTIFICATIONS_TOPICS,
  type NotifyBuyerOptions,
  notifyBuyerPolicy,
} from './application/notify-buyer.policy.ts';
export { OrderNotifications, type OrderOwnerLookup } from './application/order-notifications.query.ts';
export type {
  AttemptRecord,
  ClaimedDelivery,
  DeliveryPayload,
  DeliveryStatus,
  DeliveryUpdate,
  DevInbox,
  DevInboxEntry,
  NewDelivery,
  NotificationChannelName,
  NotificationContent,
  NotificationObserver,
  NotificationStore,
  NotificationStores,
  NotificationView,
  Receipt,
  StatusChange,
  StatusOnlyChange,
} from './application/ports.ts';
export { type CancellationReason, cancellationReason } from './domain/cancellation-reason.ts';
export { type LetterKind, letterFor } from './domain/notification-rules.ts';
export type { RetryPolicy } from './domain/retry-policy.ts';
