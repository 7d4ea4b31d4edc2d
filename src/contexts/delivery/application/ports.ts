import type { Later } from '../../../shared/ports/unit-of-work.ts';
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
  /**
   * The shipment locked until the unit of work ends: one carrier report per order at a time.
   * The lock may be sent with the unit of work's next statement (a read under the lock, in the
   * same round trip): resolves once it will be, and `answer()` is the shipment.
   */
  lock(orderId: string): Promise<Later<Shipment | undefined>>;
  /** In a unit of work, may be sent with its next statement (its failure thrown by that one). */
  setTrackingNumber(orderId: string, trackingNumber: string): Promise<void>;
  /** Whether this carrier's `webhook_id` was recorded before. */
  seen(carrierId: string, webhookId: string): Promise<boolean>;
  /**
   * Records a report. A replay (this carrier's `webhook_id` recorded before) is refused with
   * `WebhookReplayed`, which in a unit of work may be thrown by its next statement or its commit
   * instead (the store may send the record with that); the unit of work then writes nothing.
   */
  record(update: ShipmentUpdate): Promise<void>;
  /** The order's reports, in the order they were received. */
  history(orderId: string): Promise<ShipmentUpdate[]>;
}

/** A carrier's `webhook_id` recorded before: the report is a replay (the unit of work must roll back). */
export class WebhookReplayed extends Error {
  constructor(
    readonly carrierId: string,
    readonly webhookId: string,
  ) {
    super(`webhook ${webhookId} of carrier ${carrierId} was received before`);
  }
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
