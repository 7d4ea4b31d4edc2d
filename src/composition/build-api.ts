import type { FastifyInstance } from 'fastify';
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import type { Logger } from 'pino';
import { buildHttpApp } from '../adapters/http/app.ts';
import { createAuthenticate } from '../adapters/http/auth/authenticate.ts';
import { createTokenVerifier, discoverRemoteJwks } from '../adapters/http/auth/token-verifier.ts';
import {
  builtInOidcRoutes,
  OIDC_CLIENT_ID,
  OIDC_REALM_PATH,
} from '../adapters/identity/built-in-oidc.routes.ts';
import { loadOrCreateSigningKeys } from '../adapters/identity/signing-keys.ts';
import type { Metrics } from '../adapters/observability/metrics.ts';
import type { LiveUpdatesHub } from '../adapters/realtime/live-updates-hub.ts';
import type { PostgresStorage } from '../adapters/storage/postgres-storage.ts';
import type { Config } from '../config.ts';
import { systemClock } from '../shared/clock.ts';
import type { MessageBus } from '../shared/ports/message-bus.ts';
import { createAbuseLimits } from './abuse-limits.ts';
import { liveUpdatesPlugin } from './live-updates.ts';
import type { Notifications } from './notifications.ts';
import type { Services } from './services.ts';

/** Set on SIGTERM: `/readyz` answers 503 from then on, before the process stops taking work. */
export interface ShutdownState {
  draining: boolean;
}

/**
 * What `/readyz` checks, in every process: the database and the broker answer, and the process
 * is not shutting down (`accepting`, down from SIGTERM on, so load balancers stop sending first).
 */
export const readinessChecks = (storage: PostgresStorage, bus: MessageBus, shutdown?: ShutdownState) => ({
  database: () => storage.ping(),
  broker: () => bus.ping(),
  ...(shutdown
    ? {
        accepting: async () => {
          if (shutdown.draining) throw new Error('shutting down');
        },
      }
    : {}),
});

/** The issuer's token verifier: the built-in provider's keys (DATA_DIR) or the external issuer's JWKS. */
export async function createVerifier(config: Config) {
  const builtIn = config.oidc.issuer === undefined;
  const issuer = config.oidc.issuer ?? `${config.publicUrl}${OIDC_REALM_PATH}`;
  const keys = builtIn ? await loadOrCreateSigningKeys(config.dataDir) : undefined;
  const jwks: JWTVerifyGetKey = keys
    ? createLocalJWKSet(keys.publicJwks)
    : await discoverRemoteJwks(issuer, undefined, {
        cacheMaxAgeMs: config.oidc.jwksCacheMaxAgeSeconds * 1000,
        cooldownMs: config.oidc.jwksCooldownSeconds * 1000,
      });
  return { issuer, keys, verifier: createTokenVerifier({ issuer, audience: config.oidc.audience, jwks }) };
}

/** The API role: identity (built-in or external), routes, readiness and (without METRICS_PORT) metrics. */
export async function buildApi(
  config: Config,
  log: Logger,
  storage: PostgresStorage,
  bus: MessageBus,
  metrics: Metrics,
  services: Services,
  notifications?: Pick<Notifications, 'receipts' | 'devInbox'>,
  hub?: LiveUpdatesHub,
  shutdown?: ShutdownState,
): Promise<FastifyInstance> {
  const { issuer, keys, verifier } = await createVerifier(config);
  const authenticate = createAuthenticate(verifier);
  const live = hub ? [liveUpdatesPlugin(hub, verifier, services)] : [];
  const { http } = config;
  const { perIp, perUser, perCarrier, windowSeconds } = http.rateLimit;
  const limits = createAbuseLimits(config, log, storage, systemClock);
  const app = await buildHttpApp({
    logger: log,
    bodyLimitBytes: config.bodyLimitBytes,
    publicUrl: config.publicUrl,
    edge: {
      trustProxy: http.trustProxy,
      requestTimeoutMs: http.requestTimeoutMs,
      headersTimeoutMs: http.headersTimeoutMs,
      corsOrigins: http.corsOrigins,
      rateLimit: {
        perIp,
        perUser,
        perCarrier,
        windowSeconds,
        ...(limits.rateLimitStore ? { store: limits.rateLimitStore } : {}),
      },
      metricsOnApiPort: http.metrics.port === undefined,
      metricsToken: http.metrics.token,
    },
    metrics,
    readiness: readinessChecks(storage, bus, shutdown),
    catalog: { catalog: services.catalog, availability: services.availability, authenticate },
    orders: {
      placeOrder: services.placeOrder,
      queries: services.queries,
      events: storage.read.events,
      authenticate,
      onOrderCreated: () => metrics.ordersCreated.inc(),
      pointOfStaff: services.fulfilment.pointOfStaff,
    },
    orderCommands: {
      payOrder: services.payOrder,
      confirmOrder: services.confirmOrder,
      cancelOrder: services.cancelOrder,
      authenticate,
    },
    wallets: { wallets: services.wallets, authenticate },
    foodPoints: { foodPoints: services.fulfilment.admin, authenticate },
    kitchen: { kitchen: services.fulfilment.kitchen, couriers: services.fulfilment.couriers, authenticate },
    delivery: {
      manageCarriers: services.manageCarriers,
      shipOrder: services.shipOrder,
      shipments: storage.read.shipments,
      carrierUpdates: services.carrierUpdates,
      authenticate,
    },
    profile: { profiles: services.profiles, authenticate },
    ...(notifications ? { notifications: { notifications: notifications.receipts, authenticate } } : {}),
    ...(notifications?.devInbox ? { devInbox: { inbox: notifications.devInbox, authenticate } } : {}),
    basket: {
      baskets: services.baskets,
      menu: services.menu,
      queries: services.queries,
      authenticate,
      onOrderCreated: () => metrics.ordersCreated.inc(),
      profileOf: async (userId) => ({ ...(await services.profiles.get(userId)) }),
    },
    webApp: { distDir: config.webDistDir },
    signInMethod: {
      method: keys
        ? {
            mode: 'password',
            issuer,
            // A path on this server: the app posts to its own origin, whatever PUBLIC_URL says.
            token_endpoint: `${OIDC_REALM_PATH}/protocol/openid-connect/token`,
            client_id: OIDC_CLIENT_ID,
          }
        : {
            mode: 'authorization_code',
            issuer,
            client_id: config.oidc.webClientId,
            scope: config.oidc.webScope,
          },
    },
    plugins: keys
      ? [
          async (app) =>
            app.register(builtInOidcRoutes, {
              issuer,
              audience: config.oidc.audience,
              users: storage.read.users,
              keys,
              tokenTtlSeconds: config.oidc.tokenTtlSeconds,
              throttle: limits.loginThrottle,
            }),
          ...live,
        ]
      : live,
  });
  // Once listening: by then the process has migrated (the API is built while the embedded
  // database opens, before the migrations that create the counters' tables).
  let stopSweep: (() => Promise<void>) | undefined;
  app.addHook('onListen', async () => {
    stopSweep ??= limits.startSweep();
  });
  app.addHook('onClose', async () => stopSweep?.());
  return app;
}
