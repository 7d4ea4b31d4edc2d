import type { OrderingStores } from '../../ordering/index.ts';
import type { Carrier, CarrierSecret, StatusMapping } from '../domain/carrier.ts';
import type { Shipment, ShipmentUpdate } from '../domain/shipment.ts';

/** Configured carriers with their signing secrets (stored as given: HMAC needs the key itself). */
export interface CarrierStore {
  /** False when a carrier with this id exists. */
  create(carrier: Carrier): Promise<boolean>;
  get(carrierId: string): Promise<Carrier | undefined>;
  list(): Promise<Carrier[]>;
  /** Changes name and/or mapping; false when the carrier does not exist. */
  update(
    carrierId: string,
    change: { display_name?: string; status_mapping?: StatusMapping },
    at: string,
  ): Promise<boolean>;
  /** Adds an active secret (rotation); false when the carrier does not exist. */
  addSecret(carrierId: string, secret: CarrierSecret): Promise<boolean>;
  /** Retires a secret; false when the carrier or the secret does not exist. */
  removeSecret(carrierId: string, secretId: string): Promise<boolean>;
}

/** Shipments and each one's status history (which also dedupes `webhook-id`s per carrier). */
export interface ShipmentStore {
  /** False when the order already has a shipment. */
  create(shipment: Shipment): Promise<boolean>;
  get(orderId: string): Promise<Shipment | undefined>;
  /** The shipment locked until the unit of work ends: one carrier report per order at a time. */
  getForUpdate(orderId: string): Promise<Shipment | undefined>;
  setTrackingNumber(orderId: string, trackingNumber: string): Promise<void>;
  /** Whether this carrier's `webhook_id` was recorded before. */
  seen(carrierId: string, webhookId: string): Promise<boolean>;
  /** Records a report; false when this carrier's `webhook_id` was recorded before (a replay). */
  record(update: ShipmentUpdate): Promise<boolean>;
  /** The order's reports, in the order they were received. */
  history(orderId: string): Promise<ShipmentUpdate[]>;
}

/** What delivery writes in one unit of work: its own stores, and ordering's through its handler. */
export interface DeliveryStores extends OrderingStores {
  carriers: CarrierStore;
  shipments: ShipmentStore;
}

/** Who hands an order over. */
export interface HandoverActor {
  user_id: string;
  roles: readonly string[];
}

/**
 * The kitchen side of handing a READY order to a carrier, owned by fulfilment: checks that the
 * caller may hand this order over (an admin, or kitchen staff of its assigned point) and
 * releases the point's capacity. Runs in the shipment's transaction (`tx`), so a refused
 * shipment releases nothing. Throws DomainError `ORDER_NOT_FOUND` when the caller may not see
 * the order, `ORDER_INVALID_TRANSITION` when it is not READY, `FORBIDDEN` for a role that may
 * never hand over. `Stores` lets the implementation use stores of its own context in `tx`.
 */
export interface KitchenHandover<Stores extends DeliveryStores = DeliveryStores> {
  handOver(tx: Stores, request: { order_id: string; carrier: string; by: HandoverActor }): Promise<void>;
}
