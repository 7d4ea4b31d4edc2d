import type { DeliveryOutcome, ProviderAnswer } from '../../shared/ports/notification-channel.ts';
import { parseRetryAfter } from './retry-after.ts';

/**
 * The error body FCM HTTP v1 answers with (google.rpc.Status). The documented FCM error code
 * is not `error.status` (that is the generic gRPC status, e.g. NOT_FOUND for an unregistered
 * token) but `errorCode` of the detail typed `google.firebase.fcm.v1.FcmError`.
 */
interface FcmErrorBody {
  error?: {
    code?: number;
    message?: string;
    status?: string;
    details?: Array<{
      '@type'?: string;
      errorCode?: string;
      fieldViolations?: Array<{ field?: string; description?: string }>;
    }>;
  };
}

const FCM_ERROR_TYPE = 'type.googleapis.com/google.firebase.fcm.v1.FcmError';
const BAD_REQUEST_TYPE = 'type.googleapis.com/google.rpc.BadRequest';

/** FcmError codes after which the same request may succeed later. */
const TRANSIENT_CODES = new Set(['QUOTA_EXCEEDED', 'UNAVAILABLE', 'INTERNAL']);
/** HTTP statuses that are temporary whatever else the body says (or when there is no body). */
const TRANSIENT_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** One HTTP answer from `messages:send`, as received. */
export interface FcmHttpAnswer {
  status: number;
  body: unknown;
  retryAfter: string | null;
}

/**
 * Classifies an answer of FCM's `messages:send` by the documented error codes
 * (firebase.google.com/docs/reference/fcm/rest/v1/ErrorCode):
 * UNREGISTERED, and INVALID_ARGUMENT about the token → `device_invalid`; QUOTA_EXCEEDED,
 * UNAVAILABLE, INTERNAL (and 429/5xx without a body) → `retry`, honouring Retry-After;
 * everything else that is not 2xx (THIRD_PARTY_AUTH_ERROR, SENDER_ID_MISMATCH, a malformed
 * message, a wrong project) → `failed`.
 */
export function classifyFcmAnswer(answer: FcmHttpAnswer, nowMs: number): DeliveryOutcome {
  const { status, body } = answer;
  if (status >= 200 && status < 300) {
    const name = (body as { name?: unknown } | null)?.name;
    return {
      outcome: 'delivered',
      provider: typeof name === 'string' ? { status, message_id: name } : { status },
    };
  }
  const error = (body as FcmErrorBody | null)?.error;
  const fcmCode = error?.details?.find((d) => d['@type'] === FCM_ERROR_TYPE)?.errorCode;
  const provider: ProviderAnswer = { status };
  const code = fcmCode ?? error?.status;
  if (code) provider.error_code = code;
  if (error?.message) provider.message = error.message;

  if (fcmCode === 'UNREGISTERED') return { outcome: 'device_invalid', provider };
  if ((fcmCode ?? error?.status) === 'INVALID_ARGUMENT' && namesTheToken(error)) {
    return { outcome: 'device_invalid', provider };
  }
  if ((fcmCode && TRANSIENT_CODES.has(fcmCode)) || TRANSIENT_STATUSES.has(status)) {
    const retryAfterMs = parseRetryAfter(answer.retryAfter, nowMs);
    return retryAfterMs === undefined
      ? { outcome: 'retry', provider }
      : { outcome: 'retry', provider, retry_after_ms: retryAfterMs };
  }
  return { outcome: 'failed', provider };
}

/**
 * INVALID_ARGUMENT covers any bad field of the message; only a bad registration token makes
 * the device dead. FCM names the field in a google.rpc.BadRequest detail (`message.token`),
 * and its message reads "The registration token is not a valid FCM registration token".
 */
function namesTheToken(error: FcmErrorBody['error']): boolean {
  const violations = error?.details
    ?.filter((d) => d['@type'] === BAD_REQUEST_TYPE)
    .flatMap((d) => d.fieldViolations ?? []);
  if (violations?.some((v) => v.field === 'message.token')) return true;
  return /registration token/i.test(error?.message ?? '');
}
