import type { FastifyRequest } from 'fastify';
import { hasRole, type Principal, type Role } from '../../../contexts/identity/index.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { TokenVerifier } from './token-verifier.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the `authenticate` preHandler; absent on routes that do not use it. */
    principal?: Principal;
  }
}

/** A route-level preHandler: `{ preHandler: [authenticate, requireRole('admin')] }`. */
export type AuthPreHandler = (request: FastifyRequest) => Promise<void>;

// RFC 6750 §2.1: the scheme is case-insensitive; the token is a b64token.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/**
 * The token in an `Authorization: Bearer <token>` header value. Throws `UNAUTHENTICATED` when
 * the header is missing or is not a bearer credential. Also for the WebSocket upgrade.
 */
export const bearerTokenFrom = (header: string | undefined): string => {
  if (header === undefined || header === '') {
    throw new DomainError('UNAUTHENTICATED', 'missing bearer token', { reason: 'missing bearer token' });
  }
  const token = BEARER.exec(header)?.[1];
  if (token === undefined) {
    throw new DomainError('UNAUTHENTICATED', 'malformed Authorization header', {
      reason: 'malformed header',
    });
  }
  return token;
};

/** A preHandler that verifies the bearer token and sets `request.principal`. */
export const createAuthenticate =
  (verifier: TokenVerifier): AuthPreHandler =>
  async (request) => {
    request.principal = await verifier.verify(bearerTokenFrom(request.headers.authorization));
  };

/**
 * A preHandler, placed after `authenticate`, that lets through principals holding at least one
 * of `roles`; others get `FORBIDDEN`.
 */
export const requireRole = (...roles: [Role, ...Role[]]): AuthPreHandler => {
  const listed = roles.join(', ');
  return async (request) => {
    const principal = principalOf(request);
    if (!roles.some((role) => hasRole(principal, role))) {
      throw new DomainError('FORBIDDEN', `requires role ${listed}`, { required_roles: roles });
    }
  };
};

/** The authenticated caller; throws `UNAUTHENTICATED` if `authenticate` did not run first. */
export const principalOf = (request: FastifyRequest): Principal => {
  if (request.principal === undefined) {
    throw new DomainError('UNAUTHENTICATED', 'not authenticated', { reason: 'no principal' });
  }
  return request.principal;
};
