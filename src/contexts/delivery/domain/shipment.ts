import type { CarrierTarget } from './carrier.ts';

/** An order handed to an external carrier: who carries it, and its tracking number once known. */
export interface Shipment {
  order_id: string;
  carrier_id: string;
  tracking_number: string | null;
  /** Who handed it over (user id). */
  created_by: string;
  created_at: string;
}

/** What a status report did to the order. */
export type ShipmentUpdateOutcome =
  /** Moved the order forward. */
  | 'APPLIED'
  /** Older than or equal to the order's status (by the state machine, not arrival): kept, no move. */
  | 'STALE'
  /** A carrier status the carrier's mapping does not know: kept, no move. */
  | 'UNMAPPED';

/** One carrier report on a shipment's history, keyed by the carrier's `webhook-id`. */
export interface ShipmentUpdate {
  carrier_id: string;
  webhook_id: string;
  order_id: string;
  carrier_status: string;
  mapped_status: CarrierTarget | null;
  tracking_number: string | null;
  /** When the carrier says it happened. */
  occurred_at: string;
  received_at: string;
  outcome: ShipmentUpdateOutcome;
}
