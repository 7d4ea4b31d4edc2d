import { timingSafeEqual } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import type { Registry } from 'prom-client';
import { DomainError } from '../../shared/errors.ts';
import { bearerTokenFrom } from './auth/authenticate.ts';
import { type OperationsRoutesOptions, operationsRoutes } from './operations.routes.ts';
import { clientErrorHandler, registerProblemDetails } from './problem-details.ts';

export interface MetricsEndpointOptions {
  registry: Registry;
  /** When set, scrapes must send `Authorization: Bearer <token>`. */
  token?: string | undefined;
}

/** `GET /metrics` in Prometheus' text format, optionally behind a static bearer token. */
export async function metricsRoute(app: FastifyInstance, { registry, token }: MetricsEndpointOptions) {
  app.get(
    '/metrics',
    {
      schema: { hide: true },
      logLevel: 'warn',
      ...(token === undefined ? {} : { onRequest: requireToken(token) }),
    },
    async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()),
  );
}

const requireToken = (expected: string) => {
  const wanted = Buffer.from(expected);
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const given = Buffer.from(bearerTokenFrom(request.headers.authorization));
    // Constant time, so the token cannot be guessed byte by byte from response times.
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
      throw new DomainError('UNAUTHENTICATED', 'invalid metrics token', { reason: 'invalid token' });
    }
  };
};

/**
 * A separate operations listener, for a port kept off the public network: `/metrics`, and
 * `/healthz` and `/readyz` (the only HTTP a process without the API serves).
 */
export async function buildMetricsApp(
  options: MetricsEndpointOptions &
    OperationsRoutesOptions & {
      logger: FastifyBaseLogger;
      /** false: `/healthz` and `/readyz` only (a public port while METRICS_PORT serves `/metrics`). */
      serveMetrics?: boolean;
    },
): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: options.logger, clientErrorHandler });
  registerProblemDetails(app);
  await app
    .withTypeProvider<TypeBoxTypeProvider>()
    .register(operationsRoutes, { readiness: options.readiness });
  if (options.serveMetrics !== false) {
    await app.register(metricsRoute, { registry: options.registry, token: options.token });
  }
  return app;
}
