import type { DeliveryOutcome, ProviderAnswer } from '../../shared/ports/notification-channel.ts';
import { errorMessage, systemErrorCode } from './error-code.ts';
import { parseRetryAfter } from './retry-after.ts';

/** What @parse/node-apn 8 lists under `failed` for one device (see its lib/client.js). */
export interface ApnsFailure {
  /** The HTTP status; absent when no response came back (refused, reset, timed out). */
  status?: number;
  /** APNs's JSON body: `{ reason, timestamp? }`. */
  response?: { reason?: string; timestamp?: number | string };
  /** node-apn's VError: a network failure, a timeout, or a 500 whose body it swallowed. */
  error?: unknown;
  'apns-id'?: string;
}

/** Statuses after which the same notification may be accepted later. */
const TRANSIENT_STATUSES = new Set([429, 500, 502, 503, 504]);

/**
 * Classifies an APNs refusal by Apple's documented status codes and reasons
 * (developer.apple.com, "Handling notification responses from APNs"):
 * 410 Unregistered, 400 BadDeviceToken → `device_invalid`; 429 TooManyRequests, 500, 503 (and
 * no answer at all) → `retry`, honouring Retry-After; 403 provider-token and certificate errors
 * and every other 4xx (bad topic, payload too large, …) → `failed`.
 */
export function classifyApnsFailure(
  failure: ApnsFailure,
  retryAfter: string | undefined,
  nowMs: number,
): DeliveryOutcome {
  const { status } = failure;
  const reason = reasonOf(failure);
  const provider: ProviderAnswer = {};
  if (status !== undefined) provider.status = status;
  const code =
    reason ?? (status === undefined ? (systemErrorCode(failure.error) ?? 'NETWORK_ERROR') : undefined);
  if (code) provider.error_code = code;
  if (failure.error !== undefined) provider.message = errorMessage(failure.error);
  if (failure['apns-id']) provider.message_id = failure['apns-id'];

  if (status === 410 || (status === 400 && reason === 'BadDeviceToken')) {
    return { outcome: 'device_invalid', provider };
  }
  if (status === undefined || TRANSIENT_STATUSES.has(status)) {
    const retryAfterMs = parseRetryAfter(retryAfter, nowMs);
    return retryAfterMs === undefined
      ? { outcome: 'retry', provider }
      : { outcome: 'retry', provider, retry_after_ms: retryAfterMs };
  }
  return { outcome: 'failed', provider };
}

/**
 * Apple's `reason`. node-apn 8 keeps the body for most refusals but turns two into a bare
 * VError: 403 ExpiredProviderToken (the message is the reason) and 500 InternalServerError.
 */
function reasonOf(failure: ApnsFailure): string | undefined {
  if (failure.response?.reason) return failure.response.reason;
  if (failure.status === undefined || failure.error === undefined) return undefined;
  const message = errorMessage(failure.error);
  if (failure.status === 403 && message === 'ExpiredProviderToken') return message;
  if (failure.status === 500 && message.startsWith('Error 500')) return 'InternalServerError';
  return undefined;
}
