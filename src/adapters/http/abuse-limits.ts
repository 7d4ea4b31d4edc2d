import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../shared/errors.ts';

export interface RateLimitOptions {
  /** Requests per window from one client address; 0 = unlimited. */
  perIp: number;
  /** Requests per window from one authenticated user; 0 = unlimited. */
  perUser: number;
  /** Requests per window from one carrier to its webhook (after its signature is verified); 0 = unlimited. */
  perCarrier?: number;
  /** The verified carrier of a webhook request, undefined on every other request. */
  carrierOf?: (request: FastifyRequest) => string | undefined;
  windowSeconds: number;
  /** Route patterns never counted (health checks, metrics scrapes). */
  exempt?: readonly string[];
}

type LimitResult = Awaited<ReturnType<ReturnType<FastifyInstance['createRateLimit']>>>;

/**
 * Rate limits with @fastify/rate-limit's counters: per client address on every request (before
 * authentication, so floods of bad tokens count too) and per user once the token is verified
 * (`preHandler` runs after the routes' `preValidation` authentication). Over the limit: 429
 * `RATE_LIMITED` with `Retry-After`. The counters live in this process's memory; several API
 * instances behind a load balancer each count on their own unless given a shared store.
 */
export async function registerRateLimits(app: FastifyInstance, options: RateLimitOptions): Promise<void> {
  const { perIp, perUser, perCarrier = 0, windowSeconds, exempt = [] } = options;
  if (perIp === 0 && perUser === 0 && perCarrier === 0) return;
  await app.register(rateLimit, { global: false, timeWindow: windowSeconds * 1000 });
  const isExempt = (request: FastifyRequest) => exempt.includes(request.routeOptions.url ?? '');

  if (perIp > 0) {
    // The plugin's default key: the client address, IPv6 grouped by /64 subnet.
    const byIp = app.createRateLimit({ max: perIp, allowList: isExempt });
    app.addHook('onRequest', async (request, reply) => enforce(await byIp(request), reply, 'client address'));
  }
  if (perUser > 0) {
    const byUser = app.createRateLimit({
      max: perUser,
      keyGenerator: (request) => `user:${request.principal?.userId}`,
      allowList: (request) => request.principal === undefined || isExempt(request),
    });
    app.addHook('preHandler', async (request, reply) => enforce(await byUser(request), reply, 'user'));
  }
  const carrierOf = options.carrierOf;
  if (perCarrier > 0 && carrierOf) {
    // preHandler: after the webhook route's own preValidation has verified who the carrier is.
    const byCarrier = app.createRateLimit({
      max: perCarrier,
      keyGenerator: (request) => `carrier:${carrierOf(request)}`,
      allowList: (request) => carrierOf(request) === undefined,
    });
    app.addHook('preHandler', async (request, reply) => enforce(await byCarrier(request), reply, 'carrier'));
  }
}

function enforce(result: LimitResult, reply: FastifyReply, per: string): void {
  if (result.isAllowed || !result.isExceeded) return;
  reply.header('retry-after', String(result.ttlInSeconds));
  reply.header('ratelimit-limit', String(result.max));
  reply.header('ratelimit-remaining', '0');
  reply.header('ratelimit-reset', String(result.ttlInSeconds));
  throw new DomainError(
    'RATE_LIMITED',
    `too many requests from this ${per}; retry in ${result.ttlInSeconds} s`,
    {
      retry_after_seconds: result.ttlInSeconds,
    },
  );
}
