import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ERROR_CATALOGUE, type ErrorCode } from '../../shared/errors.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 problem details, plus the stable `code` clients match on. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  instance: string;
  request_id: string;
  [extension: string]: unknown;
}

const TITLES: Partial<Record<ErrorCode, string>> = {
  VALIDATION_FAILED: 'Request is not valid',
  MALFORMED_REQUEST: 'Malformed request',
  PRODUCT_UNAVAILABLE: 'Product unavailable',
  UNAUTHENTICATED: 'Authentication required',
  FORBIDDEN: 'Forbidden',
  WEBHOOK_HEADERS_MISSING: 'Webhook signature headers missing',
  WEBHOOK_SIGNATURE_INVALID: 'Webhook signature invalid',
  WEBHOOK_TIMESTAMP_OUT_OF_RANGE: 'Webhook timestamp out of range',
  WEBHOOK_CARRIER_UNKNOWN: 'Unknown carrier',
  CARRIER_NOT_FOUND: 'Carrier not found',
  CARRIER_EXISTS: 'Carrier exists',
  CARRIER_LAST_SECRET: 'Last signing secret',
  SHIPMENT_EXISTS: 'Order already shipped',
  ORDER_NOT_WITH_CARRIER: 'Order not handed to this carrier',
  NOT_FOUND: 'Not found',
  INSUFFICIENT_FUNDS: 'Insufficient funds',
  ORDER_INVALID_TRANSITION: 'Order cannot make this move',
  IDEMPOTENCY_KEY_REUSED: 'Idempotency-Key reused with another request',
  REQUEST_TIMEOUT: 'Request timeout',
  PAYLOAD_TOO_LARGE: 'Payload too large',
  URI_TOO_LONG: 'URI too long',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  RATE_LIMITED: 'Too many requests',
  UPGRADE_REQUIRED: 'Upgrade required',
  HEADERS_TOO_LARGE: 'Request header fields too large',
  INTERNAL: 'Internal error',
  NOT_READY: 'Service unavailable',
};

/** Fastify's own errors that are the client's fault, with the code we answer them with. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
  FST_ERR_BAD_URL: 'MALFORMED_REQUEST',
  FST_ERR_MAX_PARAM_LENGTH: 'URI_TOO_LONG',
};

/** Other errors that carry only an HTTP status (plugins, Node), by that status. */
const STATUS_CODES: Record<number, ErrorCode> = {
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  408: 'REQUEST_TIMEOUT',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
};

export function problemOf(
  code: ErrorCode,
  detail: string,
  instance: string,
  requestId: string,
  extensions: Record<string, unknown> = {},
): Problem {
  // Extensions first: they never replace the standard members.
  return {
    ...extensions,
    type: `https://orderflow.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[code] ?? code,
    status: ERROR_CATALOGUE[code],
    code,
    detail,
    instance,
    request_id: requestId,
  };
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  detail: string,
  extensions: Record<string, unknown> = {},
): FastifyReply {
  const problem = problemOf(code, detail, request.url, String(request.id), extensions);
  if (code === 'UNAUTHENTICATED') reply.header('www-authenticate', bearerChallenge(request, detail));
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

/** RFC 6750 §3: the challenge on a 401; `invalid_token` only when a token was presented. */
function bearerChallenge(request: FastifyRequest, detail: string): string {
  if (request.headers.authorization === undefined) return 'Bearer realm="orderflow"';
  return `Bearer realm="orderflow", error="invalid_token", error_description="${detail.replace(/["\\]/g, "'")}"`;
}

/** The code a non-domain error is answered with, or undefined for a server-side failure. */
function codeFor(error: FastifyError): ErrorCode | undefined {
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped) return mapped;
  // PostgreSQL class 22 (data exception): a value the database cannot take, e.g. a NUL byte
  // in a string or a date out of range. The client's input, not our failure.
  if (typeof error.code === 'string' && /^22[0-9A-Z]{3}$/.test(error.code)) return 'VALIDATION_FAILED';
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500)
    return STATUS_CODES[status] ?? 'VALIDATION_FAILED';
  return undefined;
}

/**
 * Headers every answer written outside the routes' hooks carries: never sniffed as another
 * media type, never cached (an error says nothing worth keeping, and may echo the request).
 */
const ERROR_ANSWER_HEADERS = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
} as const;

/** Handles errors Fastify raises before a route is found (bad URL, over-long parameter). */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const code = codeFor(error) ?? 'MALFORMED_REQUEST';
  // No onRequest hook (helmet's included) runs for these, so the headers are set here.
  reply.headers(ERROR_ANSWER_HEADERS);
  return sendProblem(request, reply, code, error.message);
}

// Node's HTTP parser errors, answered on the raw socket: no request object exists yet.
const CLIENT_ERRORS: Record<string, { code: ErrorCode; detail: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { code: 'REQUEST_TIMEOUT', detail: 'the request was not received in time' },
  HPE_HEADER_OVERFLOW: { code: 'HEADERS_TOO_LARGE', detail: 'the request headers are too large' },
};

/**
 * Fastify's `clientErrorHandler`: errors Node's HTTP server raises before Fastify sees a
 * request (a malformed request, headers too large, a request not received in time) answered
 * as problem+json, then the connection is closed.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { code, detail } = CLIENT_ERRORS[error.code ?? ''] ?? {
    code: 'MALFORMED_REQUEST',
    detail: 'the request is not valid HTTP',
  };
  // Once a response has begun, another one cannot be written on this connection.
  if (socket.writable && socket.bytesWritten === 0) {
    const body = JSON.stringify(problemOf(code, detail, '', randomUUID()));
    const status = ERROR_CATALOGUE[code];
    socket.write(
      `HTTP/1.1 ${status} ${TITLES[code] ?? code}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `X-Content-Type-Options: ${ERROR_ANSWER_HEADERS['x-content-type-options']}\r\n` +
        `Cache-Control: ${ERROR_ANSWER_HEADERS['cache-control']}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/** One error handler for the whole API: every error leaves as `application/problem+json`. */
export function registerProblemDetails(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | DomainError | Error, request, reply) => {
    if (error instanceof DomainError) {
      if (error.status >= 500) request.log.error({ err: error }, error.message);
      return sendProblem(request, reply, error.code, error.message, { ...error.details });
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      return sendProblem(request, reply, 'VALIDATION_FAILED', fastifyError.message, {
        errors: fastifyError.validation.map((v) => ({
          path: v.instancePath || '/',
          message: v.message ?? 'invalid',
          ...(v.params && { params: v.params }),
        })),
      });
    }
    const code = codeFor(fastifyError);
    if (code === 'VALIDATION_FAILED' && /^22/.test(String(fastifyError.code))) {
      return sendProblem(request, reply, code, 'a value in the request cannot be stored or compared');
    }
    if (code) return sendProblem(request, reply, code, fastifyError.message);
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(
      request,
      reply,
      'INTERNAL',
      'something went wrong; the request id identifies it in the logs',
    );
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, 'NOT_FOUND', `no route for ${request.method} ${request.url.split('?')[0]}`),
  );
}
