/** The delivery context: external carriers, shipments and their signed status webhooks (seeds 000, 002). */

export { CarrierCache } from './application/carrier-cache.ts';
export { planCarrierUpdate } from './application/carrier-update.plan.ts';
export { DEMO_CARRIER_SECRET, demoCarrier } from './application/demo-carrier.ts';
export {
  type CarrierView,
  type IssuedSecret,
  ManageCarriers,
  newWebhookSecret,
  toCarrierView,
} from './application/manage-carriers.ts';
export type {
  CarrierStore,
  DeliveryStores,
  HandoverActor,
  KitchenHandover,
  ShipmentStore,
} from './application/ports.ts';
export { WebhookReplayed } from './application/ports.ts';
export {
  type CarrierReport,
  type CarrierUpdateResult,
  ReceiveCarrierUpdate,
} from './application/receive-carrier-update.ts';
export { adminOnlyHandover, ShipOrder } from './application/ship-order.ts';
export {
  type VerifiedWebhook,
  verifyWebhookSignature,
  WEBHOOK_TOLERANCE_SECONDS,
  type WebhookHeaders,
} from './application/webhook-signature.ts';
export {
  type Carrier,
  type CarrierSecret,
  type CarrierTarget,
  DEFAULT_STATUS_MAPPING,
  mapCarrierStatus,
  type StatusMapping,
} from './domain/carrier.ts';
export type { Shipment, ShipmentUpdate, ShipmentUpdateOutcome } from './domain/shipment.ts';
