import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export interface SecurityHeadersOptions {
  /** Origins allowed to call the API from a browser; empty = same origin only. */
  corsOrigins: readonly string[];
  /** Origins the web app may fetch from besides its own (an external OIDC issuer); none by default. */
  connectOrigins?: readonly string[];
}

/**
 * Helmet's headers on every response (nosniff, frame and referrer policies, a CSP the
 * Swagger UI at `/docs` works under), `Cache-Control: no-store` on every answer to a request
 * that carried credentials, and CORS only for the configured origins.
 */
export async function registerSecurityHeaders(
  app: FastifyInstance,
  { corsOrigins, connectOrigins = [] }: SecurityHeadersOptions,
): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        // Plain HTTP is a supported deployment (TLS at a proxy); upgrading would break /docs there.
        upgradeInsecureRequests: null,
        ...(connectOrigins.length > 0 ? { connectSrc: ["'self'", ...connectOrigins] } : {}),
      },
    },
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.headers.authorization !== undefined) {
      reply.header('cache-control', 'no-store');
      reply.header('vary', 'authorization');
    }
  });
  if (corsOrigins.length > 0) {
    await app.register(cors, {
      origin: [...corsOrigins],
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-request-id', 'traceparent'],
      exposedHeaders: ['location', 'retry-after', 'x-request-id', 'idempotent-replayed'],
      maxAge: 600,
    });
  }
}
