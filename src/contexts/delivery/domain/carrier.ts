import { DomainError } from '../../../shared/errors.ts';

/** The order statuses a carrier's report can move an order to. */
export type CarrierTarget = 'IN_DELIVERY' | 'DELIVERED';

/** Carrier vocabulary → order status (DESIGN.md); keys are matched upper-cased. */
export type StatusMapping = Readonly<Record<string, CarrierTarget>>;

export const DEFAULT_STATUS_MAPPING: StatusMapping = {
  SHIPPED: 'IN_DELIVERY',
  IN_TRANSIT: 'IN_DELIVERY',
  OUT_FOR_DELIVERY: 'IN_DELIVERY',
  DELIVERED: 'DELIVERED',
  COMPLETED: 'DELIVERED',
};

/** One signing secret (Standard Webhooks `whsec_<base64>`); several are active during a rotation. */
export interface CarrierSecret {
  secret_id: string;
  secret: string;
  created_at: string;
}

/** An external delivery service that reports status by signed webhook (seed 000, seed 002). */
export interface Carrier {
  carrier_id: string;
  display_name: string;
  secrets: CarrierSecret[];
  status_mapping: StatusMapping;
  created_at: string;
  updated_at: string;
}

export const CARRIER_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

const SECRET = /^whsec_([A-Za-z0-9+/]+={0,2})$/;
/** Standard Webhooks recommends 24–64 random bytes; fewer than 16 is refused. */
const MIN_SECRET_BYTES = 16;
const MAX_SECRET_BYTES = 128;

/** The HMAC key bytes of a `whsec_<base64>` secret, or a VALIDATION_FAILED refusal. */
export function secretKeyLength(secret: string): number {
  const base64 = SECRET.exec(secret)?.[1];
  // base64 length → bytes, without decoding (the domain has no Buffer).
  const bytes = base64 === undefined ? 0 : (base64.length * 3) / 4 - (base64.match(/=/g)?.length ?? 0);
  if (
    base64 === undefined ||
    base64.length % 4 !== 0 ||
    bytes < MIN_SECRET_BYTES ||
    bytes > MAX_SECRET_BYTES
  ) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `a signing secret is "whsec_" followed by the base64 of ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES} random bytes`,
    );
  }
  return bytes;
}

export function validCarrierId(carrierId: string): string {
  if (!CARRIER_ID.test(carrierId)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'a carrier id is 1–63 lower-case letters, digits, "-" or "_", starting with a letter or digit',
    );
  }
  return carrierId;
}

/** Normalises a mapping given by an admin: upper-cased keys, only IN_DELIVERY / DELIVERED targets. */
export function validStatusMapping(mapping: Record<string, string>): StatusMapping {
  const entries = Object.entries(mapping);
  if (entries.length === 0) throw new DomainError('VALIDATION_FAILED', 'a status mapping needs an entry');
  const result: Record<string, CarrierTarget> = {};
  for (const [status, target] of entries) {
    if (target !== 'IN_DELIVERY' && target !== 'DELIVERED') {
      throw new DomainError(
        'VALIDATION_FAILED',
        `carrier status ${status} must map to IN_DELIVERY or DELIVERED`,
      );
    }
    result[status.trim().toUpperCase()] = target;
  }
  return result;
}

/** The order status a carrier's status maps to; undefined for a status the mapping does not know. */
export const mapCarrierStatus = (carrier: Pick<Carrier, 'status_mapping'>, status: string) =>
  carrier.status_mapping[status.trim().toUpperCase()];
