import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import pino, { type Logger } from 'pino';
import { buildHttpApp } from '../adapters/http/app.ts';
import { createAuthenticate } from '../adapters/http/auth/authenticate.ts';
import { createTokenVerifier, discoverRemoteJwks } from '../adapters/http/auth/token-verifier.ts';
import { builtInOidcRoutes, OIDC_REALM_PATH } from '../adapters/identity/built-in-oidc.routes.ts';
import { loadOrCreateSigningKeys } from '../adapters/identity/signing-keys.ts';
import { createMetrics } from '../adapters/observability/metrics.ts';
import { OutboxRelay } from '../adapters/outbox/outbox-relay.ts';
import { PostgresStorage } from '../adapters/storage/postgres-storage.ts';
import type { Config } from '../config.ts';
import { AvailabilityChecker, ProductCatalog } from '../contexts/catalog/index.ts';
import { orderStreamId, PlaceOrder } from '../contexts/ordering/index.ts';
import { OrderInfoQueries } from '../read-model/order-info/order-info.queries.ts';
import {
  ORDER_INFO_CONSUMER,
  ORDER_INFO_TOPICS,
  orderSummaryProjection,
} from '../read-model/order-info/order-summary.projection.ts';
import { systemClock } from '../shared/clock.ts';
import { uuidV7Generator } from '../shared/ids.ts';
import type { MessageBus, Subscription } from '../shared/ports/message-bus.ts';
import { createBus } from './create-bus.ts';
import { seedDemoData } from './seed-demo-data.ts';

export interface RunningOrderflow {
  /** Where the API listens (when this process runs the `api` role). */
  url: string | undefined;
  app: FastifyInstance | undefined;
  storage: PostgresStorage;
  bus: MessageBus;
  relay: OutboxRelay | undefined;
  logger: Logger;
  stop(): Promise<void>;
}

/**
 * The composition root: the one place that builds adapters from configuration and wires them
 * into the contexts. Each process runs the roles its configuration names.
 */
export async function startOrderflow(
  config: Config,
  { logger }: { logger?: Logger } = {},
): Promise<RunningOrderflow> {
  const log = logger ?? pino({ level: config.logLevel, base: { service: config.serviceName } });
  const clock = systemClock;
  const ids = uuidV7Generator;
  const storage = await PostgresStorage.open(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl, poolSize: config.databasePoolSize }
      : { kind: 'pglite', dataDir: join(config.dataDir, 'pglite') },
  );
  if (config.demoData) log.info(await seedDemoData(storage), 'demo data seeded');
  const bus = await createBus(config, log);
  const metrics = createMetrics(() => storage.read.outbox.lag(clock.now()), { service: config.serviceName });
  const subscriptions: Subscription[] = [];

  if (config.roles.includes('projections')) {
    subscriptions.push(
      await bus.subscribe(
        { group: ORDER_INFO_CONSUMER, topics: ORDER_INFO_TOPICS },
        orderSummaryProjection(storage),
      ),
    );
  }

  let relay: OutboxRelay | undefined;
  let stopWaking = () => {};
  if (config.roles.includes('relay')) {
    const relayLog = log.child({ component: 'outbox-relay' });
    relay = new OutboxRelay({
      storage,
      bus,
      clock,
      batchSize: config.outbox.batchSize,
      pollIntervalMs: config.outbox.pollIntervalMs,
      onError: (err) => relayLog.warn({ err }, 'outbox relay failed; retrying with backoff'),
      onPublished: (count) => metrics.outboxPublished.inc(count),
    });
    const running = relay;
    stopWaking = storage.onOutboxCommitted(() => running.wake());
    relay.start();
  }

  let app: FastifyInstance | undefined;
  let url: string | undefined;
  if (config.roles.includes('api')) {
    app = await buildApi(config, log, storage, bus, metrics);
    url = await app.listen({ port: config.port, host: config.host });
  }
  log.info(
    { url, mode: config.databaseUrl ? 'production' : 'embedded', roles: config.roles },
    'orderflow started',
  );

  return {
    url,
    app,
    storage,
    bus,
    relay,
    logger: log,
    async stop() {
      await app?.close();
      stopWaking();
      await relay?.stop();
      for (const subscription of subscriptions) await subscription.close();
      await bus.close();
      await storage.close();
    },
  };

  async function buildApi(
    config: Config,
    log: Logger,
    storage: PostgresStorage,
    bus: MessageBus,
    metrics: ReturnType<typeof createMetrics>,
  ): Promise<FastifyInstance> {
    const builtIn = config.oidc.issuer === undefined;
    const issuer = config.oidc.issuer ?? `${config.publicUrl}${OIDC_REALM_PATH}`;
    const keys = builtIn ? await loadOrCreateSigningKeys(config.dataDir) : undefined;
    const jwks: JWTVerifyGetKey = keys
      ? createLocalJWKSet(keys.publicJwks)
      : await discoverRemoteJwks(issuer);
    const authenticate = createAuthenticate(
      createTokenVerifier({ issuer, audience: config.oidc.audience, jwks }),
    );
    const availability = new AvailabilityChecker(storage.read.products);
    return buildHttpApp({
      logger: log,
      bodyLimitBytes: config.bodyLimitBytes,
      publicUrl: config.publicUrl,
      metrics,
      readiness: { database: () => storage.ping(), broker: () => bus.ping() },
      catalog: { catalog: new ProductCatalog(storage.read.products), availability, authenticate },
      orders: {
        placeOrder: new PlaceOrder(storage, availability, clock, ids),
        queries: new OrderInfoQueries(
          storage.read.orderSummaries,
          storage.read.events,
          orderStreamId,
          config.readYourWritesTimeoutMs,
        ),
        authenticate,
        onOrderCreated: () => metrics.ordersCreated.inc(),
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
              }),
          ]
        : [],
    });
  }
}
