import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildMetricsApp } from '../adapters/http/metrics-endpoint.ts';
import { logBusinessEvents } from '../adapters/observability/business-events-log.ts';
import { observedConsumer } from '../adapters/observability/consumer-observer.ts';
import { createMetrics, type Metrics } from '../adapters/observability/metrics.ts';
import { OutboxRelay } from '../adapters/outbox/outbox-relay.ts';
import type { LiveUpdatesHub } from '../adapters/realtime/live-updates-hub.ts';
import { OutboxListener, OutboxNotifier } from '../adapters/storage/outbox-signal.ts';
import type { PostgresStorage } from '../adapters/storage/postgres-storage.ts';
import type { Config, ProcessRole } from '../config.ts';
import { DEMO_DEFAULT_FOOD_POINT_ID } from '../contexts/fulfilment/index.ts';
import { systemClock } from '../shared/clock.ts';
import { uuidV7Generator } from '../shared/ids.ts';
import { orderedByKey } from '../shared/messaging/ordered-by-key.ts';
import type { MessageBus } from '../shared/ports/message-bus.ts';
import { buildApi, readinessChecks, type ShutdownState } from './build-api.ts';
import { connectBus } from './connect-bus.ts';
import { openStorage } from './connect-storage.ts';
import { consumers } from './consumer-groups.ts';
import { ensurePortFree, portStartupError } from './http-port.ts';
import { buildHubApp } from './hub-app.ts';
import { startLiveFeedSweep, startLiveUpdatesHub } from './live-updates.ts';
import { createLogger } from './logger.ts';
import {
  createNotifications,
  type NotificationChannelOptions,
  type Notifications,
  startNotificationRetries,
} from './notifications.ts';
import { observeHops } from './observability.ts';
import { PeriodicTask } from './periodic-task.ts';
import { createPushChannels } from './push-channels.ts';
import { seedDemoData } from './seed-demo-data.ts';
import { createServices, type ServiceOptions, type Services } from './services.ts';

export interface RunningOrderflow {
  /** Where the API listens (when this process runs the `api` role). */
  url: string | undefined;
  app: FastifyInstance | undefined;
  storage: PostgresStorage;
  bus: MessageBus;
  services: Services;
  relay: OutboxRelay | undefined;
  logger: Logger;
  metrics: Metrics;
  notifications: Notifications;
  /**
   * Settles (never rejects) if something this process cannot go on without has failed for good
   * after the start: the embedded database's thread. `runServer` then stops the process.
   */
  failure: Promise<Error>;
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  paymentFaults?: ServiceOptions['paymentFaults'];
  /** Channels to use instead of the configured ones (tests: recording fakes, local provider fakes). */
  notificationChannels?: NotificationChannelOptions;
}

/**
 * The composition root: the one place that builds adapters from configuration and wires them
 * into the contexts. Each process runs the roles its configuration names.
 */
export async function startOrderflow(config: Config, options: StartOptions = {}): Promise<RunningOrderflow> {
  const log = options.logger ?? createLogger(config);
  // Everything started is closed in reverse order, on stop and when start-up fails half-way;
  // the listeners (API, hub) before everything else, whenever they were built.
  const closers: (() => Promise<void>)[] = [];
  const intakeClosers: (() => Promise<void>)[] = [];
  const shutdown: ShutdownState = { draining: false };
  // SIGTERM: readiness goes false first (load balancers stop sending), then, after
  // SHUTDOWN_READINESS_DELAY_MS, intake stops and everything closes in reverse start order:
  // the HTTP listeners finish their in-flight requests, the hub closes its sockets with 1012,
  // consumers cancel and wait for their handlers (unacked messages return to the queue).
  const stop = async () => {
    if (!shutdown.draining) {
      shutdown.draining = true;
      if (config.shutdown.readinessDelayMs > 0) await sleep(config.shutdown.readinessDelayMs);
    }
    const errors: unknown[] = [];
    for (const close of [...intakeClosers.splice(0).reverse(), ...closers.splice(0).reverse()]) {
      try {
        await close();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, 'orderflow did not stop cleanly');
  };
  try {
    return await start(config, options, log, { closers, intakeClosers }, stop, shutdown);
  } catch (error) {
    await stop().catch((err: unknown) => log.error({ err }, 'cleanup after a failed start failed'));
    throw error;
  }
}

async function start(
  config: Config,
  options: StartOptions,
  log: Logger,
  { closers, intakeClosers }: Record<'closers' | 'intakeClosers', (() => Promise<void>)[]>,
  stop: () => Promise<void>,
  shutdown: ShutdownState,
): Promise<RunningOrderflow> {
  const clock = systemClock;
  // Where start-up's seconds go (LOG_LEVEL=debug): ms since the process started.
  const phase = (name: string) =>
    log.debug({ phase: name, ms: Math.round(performance.now()) }, 'start-up phase');
  phase('composition');
  // External connections first (each retried for STARTUP_TIMEOUT_SECONDS), then the port:
  // a start that cannot get all three stops before it migrates or seeds anything. The embedded
  // database opens meanwhile (PGlite: seconds of WebAssembly compiling, partly on other
  // threads), while the services and the API are built; it is awaited before the migrations.
  let failed: (error: Error) => void = () => {};
  const failure = new Promise<Error>((resolve) => {
    failed = resolve;
  });
  const connected = await openStorage(config, log, { onEmbeddedFailure: (error) => failed(error) });
  closers.push(() => connected.close());
  phase('storage opening');
  const storage = connected.storage;
  const metrics = createMetrics(() => storage.read.outbox.lag(clock.now()), { service: config.serviceName });
  const bus = await connectBus(config, log, metrics);
  closers.push(() => bus.close());
  phase('bus connected');
  observeHops(metrics, bus, storage);
  const { port: metricsPort, host: metricsHost } = config.http.metrics;
  // The operations listener closes after the work is done, just before the bus and database.
  const closeLate = (close: () => Promise<void>) => closers.splice(2, 0, close);
  const listens = config.roles.includes('api') || config.roles.includes('hub');
  if (listens) await ensurePortFree(config.host, config.port);
  if (metricsPort !== undefined) await ensurePortFree(metricsHost, metricsPort, 'METRICS_PORT');
  const services = createServices(storage, {
    clock,
    ids: uuidV7Generator,
    readYourWritesTimeoutMs: config.readYourWritesTimeoutMs,
    carrierCacheTtlMs: config.carrierCacheTtlMs,
    productCacheTtlMs: config.productCacheTtlMs,
    idempotencyWaitMs: config.idempotencyWaitMs,
    paymentRecoveryGraceMs: config.paymentRecovery.graceMs,
    unpaidOrders: config.unpaidOrders,
    fulfilment: {
      defaultFoodPointId:
        config.fulfilment.defaultFoodPointId ?? (config.demoData ? DEMO_DEFAULT_FOOD_POINT_ID : undefined),
      timeoutSeconds: config.fulfilment.assignmentTimeoutSeconds,
    },
    ...(options.paymentFaults ? { paymentFaults: options.paymentFaults } : {}),
    liveUpdates: config.liveUpdates,
  });

  const notifications = createNotifications({
    config,
    storage,
    services,
    metrics,
    log,
    clock,
    ids: uuidV7Generator,
    channels: {
      ...options.notificationChannels,
      // FCM and APNs when configured; a platform without a provider falls back to the dev inbox
      // (embedded) or a channel that fails visibly (production).
      push: options.notificationChannels?.push ?? createPushChannels(config.push, log),
    },
  });
  closers.push(() => notifications.close());
  phase('services and notifications');

  // The hub and the API are built before the database is needed, but listen only after it is
  // migrated and seeded and the consumers run.
  let app: FastifyInstance | undefined;
  let localHub: LiveUpdatesHub | undefined;
  if (listens) {
    // The hub's sockets close (1012) before the listener waits for its connections to end.
    const hubClosers: (() => Promise<void>)[] = [];
    const hub = await startLiveUpdatesHub(config, log, bus, services, clock, hubClosers, metrics.registry);
    localHub = hub;
    phase('hub');
    const readiness = readinessChecks(storage, bus, shutdown);
    const api = config.roles.includes('api')
      ? await buildApi(config, log, storage, bus, metrics, services, notifications, hub, shutdown)
      : await buildHubApp(config, log, metrics, readiness, hub, services);
    app = api;
    intakeClosers.push(() => api.close(), ...hubClosers);
    phase('api built');
  }

  await connected.opened;
  phase('storage connected');
  await storage.migrate();
  phase('migrated');
  if (config.demoData) log.info(await seedDemoData(storage, uuidV7Generator), 'demo data seeded');
  phase('seeded');

  // The hub of this process: the feed consumer here hands it what it appended.
  const consuming: readonly ProcessRole[] = CONSUMING_ROLES.filter((role) => config.roles.includes(role));
  if (consuming.length > 0) {
    const nudgeLog = log.child({ component: 'live-feed' });
    const handlers = {
      notifications: notifications.handler,
      broadcaster: bus,
      onNudgeFailed: (err: unknown) =>
        nudgeLog.warn({ err }, 'could not nudge the live hubs; their catch-up read delivers the update'),
      onAppended: (positions: ReadonlyMap<string, number>, content: object) =>
        localHub?.handOff(positions, content),
    };
    for (const { group, handler, role, prefetch } of consumers(config, storage, services, handlers)) {
      if (!consuming.includes(role)) continue;
      const subscription = await bus.subscribe(
        { ...group, prefetch },
        // An order's messages in the order they came, whatever the prefetch.
        observedConsumer(group.group, orderedByKey(handler), metrics),
      );
      closers.push(() => subscription.close());
    }
    if (consuming.includes('fulfilment')) closers.push(startAssignmentRetries(config, log, services));
    if (consuming.includes('notifications'))
      closers.push(startNotificationRetries(config, log, notifications));
    if (consuming.includes('projections')) startLiveFeedSweep(config, log, services, closers);
  }

  if (config.databaseUrl && !config.roles.includes('relay')) {
    // No relay here: tell the relays elsewhere that this process committed outbox rows.
    const notifyLog = log.child({ component: 'outbox-notify' });
    const notifier = new OutboxNotifier(storage.db, (err) =>
      notifyLog.warn({ err }, 'could not notify the relays; they find the rows on their next poll'),
    );
    const stopNotifying = storage.onOutboxCommitted(() => notifier.signal());
    closers.push(async () => void stopNotifying());
  }

  phase('consumers');
  let relay: OutboxRelay | undefined;
  if (config.roles.includes('relay')) {
    const relayLog = log.child({ component: 'outbox-relay' });
    const running = new OutboxRelay({
      storage,
      bus,
      clock,
      batchSize: config.outbox.batchSize,
      pollIntervalMs: config.outbox.pollIntervalMs,
      onError: (err) => relayLog.warn({ err }, 'outbox relay failed; retrying with backoff'),
      onPublished: (count) => metrics.outboxPublished.inc(count),
      onMessagesPublished: logBusinessEvents(log.child({ component: 'orders' })),
    });
    relay = running;
    // Woken by commits in this process, and on PostgreSQL by NOTIFY from processes without a
    // relay; the poll stays as the fallback.
    const stopWaking = storage.onOutboxCommitted(() => running.wake());
    const listener = config.databaseUrl
      ? new OutboxListener({
          url: config.databaseUrl,
          onSignal: () => running.wake(),
          onError: (err) => relayLog.warn({ err }, 'outbox LISTEN connection failed; polling meanwhile'),
        }).start()
      : undefined;
    running.start();
    closers.push(async () => {
      stopWaking();
      await listener?.stop();
      await running.stop();
    });
    const recoveryLog = log.child({ component: 'payment-recovery' });
    const recovery = new PeriodicTask(
      config.paymentRecovery.intervalMs,
      async () => {
        const result = await services.paymentRecovery.run();
        if (result.completed + result.refunded > 0) recoveryLog.warn(result, 'finished interrupted payments');
      },
      (err) => recoveryLog.error({ err }, 'payment recovery failed'),
    ).start();
    closers.push(() => recovery.stop());
    const expiryLog = log.child({ component: 'unpaid-order-expiry' });
    const expiry = new PeriodicTask(
      config.unpaidOrders.sweepIntervalMs,
      async () => {
        const { expired, failed } = await services.expireUnpaidOrders.run();
        if (expired > 0) expiryLog.info({ expired }, 'cancelled unpaid orders (payment timeout)');
        for (const { order_id, error } of failed) {
          expiryLog.error({ err: error, order_id }, 'could not expire an unpaid order; the sweep went on');
        }
      },
      (err) => expiryLog.error({ err }, 'unpaid order expiry failed'),
    ).start();
    closers.push(() => expiry.stop());
  }

  let url: string | undefined;
  if (app) {
    url = await app.listen({ port: config.port, host: config.host }).catch((error: unknown) => {
      throw portStartupError(error, config.host, config.port) ?? error;
    });
  }
  const metricsUrl = await listenForOperations(
    config,
    log,
    metrics,
    readinessChecks(storage, bus, shutdown),
    closeLate,
  );
  log.info(
    { url, metricsUrl, mode: config.databaseUrl ? 'production' : 'embedded', roles: config.roles },
    'orderflow started',
  );

  return { url, app, storage, bus, services, relay, logger: log, metrics, notifications, failure, stop };
}

/** Roles that consume from the bus (see `consumers`). */
const CONSUMING_ROLES = ['projections', 'fulfilment', 'notifications'] as const;

/**
 * The waiting list's retries, in the role that runs the fulfilment consumer: every
 * `ASSIGNMENT_RETRY_INTERVAL_MS`, and soon after this process frees capacity or stock.
 */
function startAssignmentRetries(config: Config, log: Logger, services: Services): () => Promise<void> {
  const retryLog = log.child({ component: 'assignment-retry' });
  const task = new PeriodicTask(
    config.fulfilment.retryIntervalMs,
    async () => {
      const { failed, ...result } = await services.fulfilment.assigner.retryWaiting();
      if (result.assigned + result.cancelled > 0)
        retryLog.info(result, 'retried orders waiting for a kitchen');
      for (const { order_id, error } of failed) {
        retryLog.error(
          { err: error, order_id },
          'could not retry an order waiting for a kitchen; the pass went on',
        );
      }
    },
    (err) => retryLog.error({ err }, 'assignment retry failed'),
  ).start();
  const stopWaking = services.fulfilment.assigner.onCapacityFreed(() => task.wake());
  return async () => {
    stopWaking();
    await task.stop();
  };
}

/**
 * With METRICS_PORT set, every process serves `/metrics`, `/healthz` and `/readyz` there, on
 * METRICS_HOST: the API keeps them off its public port, and a process without the `api` role
 * (relay, projections) can still be scraped (unroutable messages, outbox lag) and probed.
 */
async function listenForOperations(
  config: Config,
  log: Logger,
  metrics: Metrics,
  readiness: Record<string, () => Promise<void>>,
  onClose: (close: () => Promise<void>) => void,
): Promise<string | undefined> {
  const { port, host, token } = config.http.metrics;
  if (port === undefined) return undefined;
  const operations = await buildMetricsApp({
    registry: metrics.registry,
    token,
    readiness,
    logger: log.child({ component: 'metrics-endpoint' }),
  });
  onClose(() => operations.close());
  return operations.listen({ port, host }).catch((error: unknown) => {
    throw portStartupError(error, host, port, 'METRICS_PORT') ?? error;
  });
}
