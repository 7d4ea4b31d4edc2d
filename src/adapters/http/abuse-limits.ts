import rateLimit, { type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
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
  /**
   * Where the counts live: this process's memory when absent, else a shared store (see
   * `sharedRateLimitStore`). A shared store that fails lets the request through (fail-open).
   */
  store?: FastifyRateLimitStoreCtor;
}

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;
type LimitResult = Awaited<ReturnType<Limiter>>;
type Exceeded = Extract<LimitResult, { isAllowed: false }>;

/**
 * Rate limits with @fastify/rate-limit's counters, per client address, per user and per carrier.
 * Over a limit: 429 `RATE_LIMITED` with `Retry-After`.
 *
 * Each request is counted once, in `preHandler` (after the routes' authentication has named the
 * user and the webhook's signature the carrier), all of its keys together, so a shared store
 * answers them with one statement. A request that ends before `preHandler` (a bad token, a body
 * that fails validation, a client that hangs up) counts against its address when it ends, so
 * floods of bad tokens count too; and `onRequest` refuses an address already over its limit before anything else runs.
 */
export async function registerRateLimits(app: FastifyInstance, options: RateLimitOptions): Promise<void> {
  const { perIp, perUser, perCarrier = 0, windowSeconds, exempt = [], store } = options;
  if (perIp === 0 && perUser === 0 && perCarrier === 0) return;
  await app.register(rateLimit, {
    global: false,
    timeWindow: windowSeconds * 1000,
    // Fail-open: a shared store's outage (the database) must not also refuse every request.
    ...(store ? { store, skipOnError: true } : {}),
  });
  const isExempt = (request: FastifyRequest) => exempt.includes(request.routeOptions.url ?? '');
  const limiters: { per: string; limit: Limiter }[] = [];
  // Requests already counted (or refused before they could be).
  const counted = new WeakSet<FastifyRequest>();

  if (perIp > 0) {
    // The plugin's default key: the client address, IPv6 grouped by /64 subnet.
    const byIp = app.createRateLimit({ max: perIp, allowList: isExempt });
    limiters.push({ per: 'client address', limit: byIp });
    app.addHook('onRequest', async (request, reply) => {
      const known = await byIp(request, { increment: false });
      if (isOver(known)) {
        counted.add(request);
        refuse([{ per: 'client address', result: known }], reply);
      }
    });
    // Ended before `preHandler`: counted when the answer went out, or when the client went away
    // first (`onResponse` never runs for a reset connection). Marked before awaiting, so the
    // two hooks never count one request twice.
    const countEarlyEnd = async (request: FastifyRequest) => {
      if (counted.has(request)) return;
      counted.add(request);
      await byIp(request);
    };
    app.addHook('onResponse', countEarlyEnd);
    app.addHook('onRequestAbort', countEarlyEnd);
  }
  if (perUser > 0) {
    const byUser = app.createRateLimit({
      max: perUser,
      keyGenerator: (request) => `user:${request.principal?.userId}`,
      allowList: (request) => request.principal === undefined || isExempt(request),
    });
    limiters.push({ per: 'user', limit: byUser });
  }
  const carrierOf = options.carrierOf;
  if (perCarrier > 0 && carrierOf) {
    const byCarrier = app.createRateLimit({
      max: perCarrier,
      keyGenerator: (request) => `carrier:${carrierOf(request)}`,
      allowList: (request) => carrierOf(request) === undefined,
    });
    limiters.push({ per: 'carrier', limit: byCarrier });
  }

  app.addHook('preHandler', async (request, reply) => {
    counted.add(request);
    const results = await Promise.all(
      limiters.map(async ({ per, limit }) => ({ per, result: await limit(request) })),
    );
    refuse(
      results.flatMap(({ per, result }) => (isOver(result) ? [{ per, result }] : [])),
      reply,
    );
  });
}

const isOver = (result: LimitResult): result is Exceeded => !result.isAllowed && result.isExceeded;

/** Answers 429 for the limits passed (none: nothing), naming the one that is over the longest. */
function refuse(over: { per: string; result: Exceeded }[], reply: FastifyReply): void {
  const longest = over.reduce<(typeof over)[number] | undefined>(
    (a, b) => (a === undefined || b.result.ttl > a.result.ttl ? b : a),
    undefined,
  );
  if (longest === undefined) return;
  const { per, result } = longest;
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
