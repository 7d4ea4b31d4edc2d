import type { FastifyInstance } from 'fastify';
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import type { Logger } from 'pino';
import { buildHttpApp } from '../adapters/http/app.ts';
import { createAuthenticate } from '../adapters/http/auth/authenticate.ts';
import { createTokenVerifier, discoverRemoteJwks } from '../adapters/http/auth/token-verifier.ts';
import { builtInOidcRoutes, OIDC_REALM_PATH } from '../adapters/identity/built-in-oidc.routes.ts';
import { loadOrCreateSigningKeys } from '../adapters/identity/signing-keys.ts';
import type { Metrics } from '../adapters/observability/metrics.ts';
import type { PostgresStorage } from '../adapters/storage/postgres-storage.ts';
import type { Config } from '../config.ts';
import type { MessageBus } from '../shared/ports/message-bus.ts';
import type { Services } from './services.ts';

/** The API role: identity (built-in or external), routes, readiness and metrics. */
export async function buildApi(
  config: Config,
  log: Logger,
  storage: PostgresStorage,
  bus: MessageBus,
  metrics: Metrics,
  services: Services,
): Promise<FastifyInstance> {
  const builtIn = config.oidc.issuer === undefined;
  const issuer = config.oidc.issuer ?? `${config.publicUrl}${OIDC_REALM_PATH}`;
  const keys = builtIn ? await loadOrCreateSigningKeys(config.dataDir) : undefined;
  const jwks: JWTVerifyGetKey = keys ? createLocalJWKSet(keys.publicJwks) : await discoverRemoteJwks(issuer);
  const authenticate = createAuthenticate(
    createTokenVerifier({ issuer, audience: config.oidc.audience, jwks }),
  );
  return buildHttpApp({
    logger: log,
    bodyLimitBytes: config.bodyLimitBytes,
    publicUrl: config.publicUrl,
    metrics,
    readiness: { database: () => storage.ping(), broker: () => bus.ping() },
    catalog: { catalog: services.catalog, availability: services.availability, authenticate },
    orders: {
      placeOrder: services.placeOrder,
      queries: services.queries,
      events: storage.read.events,
      authenticate,
      onOrderCreated: () => metrics.ordersCreated.inc(),
    },
    orderCommands: {
      payOrder: services.payOrder,
      confirmOrder: services.confirmOrder,
      cancelOrder: services.cancelOrder,
      authenticate,
    },
    wallets: { wallets: services.wallets, authenticate },
    plugins: keys
      ? [
          async (app) =>
            app.register(builtInOidcRoutes, {
              issuer,
              audience: config.oidc.audience,
              users: storage.read.users,
              keys,
              tokenTtlSeconds: config.oidc.tokenTtlSeconds,
            }),
        ]
      : [],
  });
}
