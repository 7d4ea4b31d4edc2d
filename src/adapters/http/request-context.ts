import { context, propagation } from '@opentelemetry/api';
import type { FastifyRequest } from 'fastify';
import { hasRole } from '../../contexts/identity/index.ts';
import type { RequestContext } from '../../contexts/ordering/index.ts';
import { principalOf } from './auth/authenticate.ts';

/** The caller as the read side sees them. */
export function viewerOf(request: FastifyRequest) {
  const principal = principalOf(request);
  return { userId: principal.userId, isAdmin: hasRole(principal, 'admin') };
}

/**
 * The caller as the read side sees them, with what fulfilment says about staff: the point a
 * kitchen user works at (`pointOfStaff`), and whether they are a courier.
 */
export async function staffViewerOf(
  request: FastifyRequest,
  pointOfStaff: ((userId: string) => Promise<string | undefined>) | undefined,
) {
  const principal = principalOf(request);
  const foodPointId =
    pointOfStaff && hasRole(principal, 'kitchen') ? await pointOfStaff(principal.userId) : undefined;
  return { ...viewerOf(request), foodPointId, isCourier: hasRole(principal, 'courier') };
}

/**
 * What the request's writes carry into the outbox. `traceparent` names the span active now
 * (this request's, when tracing is on), so the relay's publish and every consumer continue
 * this request's trace; with tracing off it passes the caller's header through unchanged.
 */
export function contextOf(request: FastifyRequest): RequestContext {
  const traceparent = activeTraceparent() ?? request.headers.traceparent;
  return {
    correlation_id: String(request.id),
    traceparent: Array.isArray(traceparent) ? traceparent[0] : traceparent,
    actor_id: request.principal?.userId ?? 'anonymous',
  };
}

function activeTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}
