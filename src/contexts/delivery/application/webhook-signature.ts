import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../../../shared/errors.ts';
import type { CarrierSecret } from '../domain/carrier.ts';

/** Standard Webhooks: a timestamp more than five minutes from now is refused (replay window). */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

/** The three Standard Webhooks headers, as received (any may be missing). */
export interface WebhookHeaders {
  'webhook-id'?: string | undefined;
  'webhook-timestamp'?: string | undefined;
  'webhook-signature'?: string | undefined;
}

/** A verified webhook's id and the time its sender stamped it. */
export interface VerifiedWebhook {
  webhook_id: string;
  timestamp: Date;
}

const MAX_WEBHOOK_ID = 256;

/**
 * Verifies a Standard Webhooks signature over the raw body bytes: `v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">`, the header a space-separated list of which any one may match any one
 * active secret, compared in constant time. Throws 401 problems with stable codes.
 */
export function verifyWebhookSignature(
  secrets: readonly CarrierSecret[],
  headers: WebhookHeaders,
  rawBody: Buffer,
  now: Date,
): VerifiedWebhook {
  const id = headers['webhook-id'];
  const stamp = headers['webhook-timestamp'];
  const signature = headers['webhook-signature'];
  const missing = [
    ...(id ? [] : ['webhook-id']),
    ...(stamp ? [] : ['webhook-timestamp']),
    ...(signature ? [] : ['webhook-signature']),
  ];
  if (!id || !stamp || !signature || missing.length > 0) {
    throw new DomainError('WEBHOOK_HEADERS_MISSING', `missing ${missing.join(', ')}`, { missing });
  }
  if (id.length > MAX_WEBHOOK_ID) {
    throw new DomainError('WEBHOOK_SIGNATURE_INVALID', `webhook-id longer than ${MAX_WEBHOOK_ID}`);
  }
  const seconds = /^\d{1,12}$/.test(stamp) ? Number(stamp) : Number.NaN;
  const skew = Math.abs(now.getTime() / 1000 - seconds);
  if (!(skew <= WEBHOOK_TOLERANCE_SECONDS)) {
    throw new DomainError(
      'WEBHOOK_TIMESTAMP_OUT_OF_RANGE',
      `webhook-timestamp must be within ${WEBHOOK_TOLERANCE_SECONDS} s of the server's clock (Unix seconds)`,
      { tolerance_seconds: WEBHOOK_TOLERANCE_SECONDS },
    );
  }
  const signed = Buffer.concat([Buffer.from(`${id}.${stamp}.`), rawBody]);
  const expected = secrets.map((s) => createHmac('sha256', keyOf(s.secret)).update(signed).digest());
  const offered = signature
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => Buffer.from(entry.slice(3), 'base64'));
  // Every pair is compared (no early exit), so timing says nothing about which one matched.
  let matched = false;
  for (const candidate of offered) {
    for (const mac of expected) {
      if (candidate.length === mac.length && timingSafeEqual(candidate, mac)) matched = true;
    }
  }
  if (!matched) throw new DomainError('WEBHOOK_SIGNATURE_INVALID', 'no signature matches an active secret');
  return { webhook_id: id, timestamp: new Date(seconds * 1000) };
}

/** The HMAC key: the bytes the base64 after `whsec_` encodes. */
const keyOf = (secret: string): Buffer => Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
