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
  PRODUCT_UNAVAILABLE: 'Product unavailable',
  UNAUTHENTICATED: 'Authentication required',
  FORBIDDEN: 'Forbidden',
  INSUFFICIENT_FUNDS: 'Insufficient funds',
  ORDER_INVALID_TRANSITION: 'Order cannot make this move',
  IDEMPOTENCY_KEY_REUSED: 'Idempotency-Key reused with another request',
  PAYLOAD_TOO_LARGE: 'Payload too large',
  INTERNAL: 'Internal error',
};

/** Fastify's own errors that are the client's fault, with the code we answer them with. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  detail: string,
  extensions: Record<string, unknown> = {},
): FastifyReply {
  const status = ERROR_CATALOGUE[code];
  // Extensions first: they never replace the standard members.
  const problem: Problem = {
    ...extensions,
    type: `https://orderflow.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[code] ?? code,
    status,
    code,
    detail,
    instance: request.url,
    request_id: String(request.id),
  };
  return reply.code(status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

/** One error handler for the whole API: every error leaves as `application/problem+json`. */
export function registerProblemDetails(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | DomainError | Error, request, reply) => {
    if (error instanceof DomainError) {
      if (error.status >= 500) request.log.error({ err: error }, error.message);
      return sendProblem(request, reply, error.code, error.message, { ...error.details });
    }
    const fastifyError = error as FastifyError;
    const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
    if (fastifyError.validation) {
      return sendProblem(request, reply, 'VALIDATION_FAILED', fastifyError.message, {
        errors: fastifyError.validation.map((v) => ({
          path: v.instancePath || '/',
          message: v.message ?? 'invalid',
          ...(v.params && { params: v.params }),
        })),
      });
    }
    if (mapped) return sendProblem(request, reply, mapped, fastifyError.message);
    // PostgreSQL class 22 (data exception): a value the database cannot take, e.g. a NUL byte
    // in a string or a date out of range. The client's input, not our failure.
    if (typeof fastifyError.code === 'string' && /^22[0-9A-Z]{3}$/.test(fastifyError.code)) {
      return sendProblem(
        request,
        reply,
        'VALIDATION_FAILED',
        'a value in the request cannot be stored or compared',
      );
    }
    if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      return sendProblem(request, reply, 'VALIDATION_FAILED', fastifyError.message);
    }
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
