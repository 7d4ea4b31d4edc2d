/**
 * The stable catalogue of error codes. Each code keeps its HTTP status forever; clients and
 * tests match on `code`, never on the message.
 */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: 400,
  /** The HTTP request itself is broken (a bad URL, a malformed request line or header). */
  MALFORMED_REQUEST: 400,
  PRODUCT_UNAVAILABLE: 400,
  PAGE_SIZE_TOO_LARGE: 400,
  /** Checkout of an empty basket. */
  BASKET_EMPTY: 400,
  UNAUTHENTICATED: 401,
  /** A carrier webhook lacks `webhook-id`, `webhook-timestamp` or `webhook-signature`. */
  WEBHOOK_HEADERS_MISSING: 401,
  /** No `v1` signature of a carrier webhook matches one of the carrier's active secrets. */
  WEBHOOK_SIGNATURE_INVALID: 401,
  /** A carrier webhook's `webhook-timestamp` is more than 5 minutes from the server's clock. */
  WEBHOOK_TIMESTAMP_OUT_OF_RANGE: 401,
  /** A webhook for a carrier that is not configured. */
  WEBHOOK_CARRIER_UNKNOWN: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ORDER_NOT_FOUND: 404,
  PRODUCT_NOT_FOUND: 404,
  CUSTOMER_NOT_FOUND: 404,
  FOOD_POINT_NOT_FOUND: 404,
  /** The product has no recipe (fulfilment). */
  RECIPE_NOT_FOUND: 404,
  CARRIER_NOT_FOUND: 404,
  DEVICE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  INSUFFICIENT_FUNDS: 406,
  ORDER_INVALID_TRANSITION: 409,
  CONCURRENCY_CONFLICT: 409,
  IDEMPOTENCY_KEY_IN_PROGRESS: 409,
  /** The buyer already holds `MAX_UNPAID_ORDERS_PER_BUYER` unpaid orders, or the order would pass `MAX_UNPAID_UNITS_PER_BUYER`. */
  TOO_MANY_UNPAID_ORDERS: 409,
  CARRIER_EXISTS: 409,
  /** A carrier keeps at least one active signing secret. */
  CARRIER_LAST_SECRET: 409,
  /** The order was already handed to a carrier. */
  SHIPMENT_EXISTS: 409,
  /** A carrier reported on an order that was never handed to it. */
  ORDER_NOT_WITH_CARRIER: 409,
  REQUEST_TIMEOUT: 408,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  /** A plain request to a WebSocket endpoint (`GET /api/v1/updates`). */
  UPGRADE_REQUIRED: 426,
  RATE_LIMITED: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL: 500,
  NOT_READY: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** An expected failure with a stable code. Domain and application code throw only these. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_CATALOGUE[this.code];
  }
}

/** An append whose expected version no longer matches the stream: the caller read stale state. */
export class ConcurrencyError extends DomainError {
  constructor(streamId: string, expectedVersion: number, options?: ErrorOptions) {
    super(
      'CONCURRENCY_CONFLICT',
      `stream ${streamId} is no longer at version ${expectedVersion}`,
      { stream_id: streamId, expected_version: expectedVersion },
      options,
    );
    this.name = 'ConcurrencyError';
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
