import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { createMetrics, type Metrics } from '../adapters/observability/metrics.ts';
import { OutboxRelay } from '../adapters/outbox/outbox-relay.ts';
import { PostgresStorage } from '../adapters/storage/postgres-storage.ts';
import type { Config } from '../config.ts';
import {
  AUTO_CONFIRM_CONSUMER,
  AUTO_CONFIRM_TOPICS,
  autoConfirmPaidOrders,
} from '../contexts/ordering/index.ts';
import {
  ORDER_INFO_CONSUMER,
  ORDER_INFO_TOPICS,
  orderSummaryProjection,
} from '../read-model/order-info/order-summary.projection.ts';
import { systemClock } from '../shared/clock.ts';
import { uuidV7Generator } from '../shared/ids.ts';
import type { MessageBus, Subscription } from '../shared/ports/message-bus.ts';
import { buildApi } from './build-api.ts';
import { createBus } from './create-bus.ts';
import { PeriodicTask } from './periodic-task.ts';
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
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  paymentFaults?: ServiceOptions['paymentFaults'];
}

/**
 * The composition root: the one place that builds adapters from configuration and wires them
 * into the contexts. Each process runs the roles its configuration names.
 */
export async function startOrderflow(config: Config, options: StartOptions = {}): Promise<RunningOrderflow> {
  const log = options.logger ?? pino({ level: config.logLevel, base: { service: config.serviceName } });
  const clock = systemClock;
  const storage = await PostgresStorage.open(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl, poolSize: config.databasePoolSize }
      : { kind: 'pglite', dataDir: join(config.dataDir, 'pglite') },
  );
  if (config.demoData) log.info(await seedDemoData(storage, uuidV7Generator), 'demo data seeded');
  const bus = await createBus(config, log);
  const metrics = createMetrics(() => storage.read.outbox.lag(clock.now()), { service: config.serviceName });
  const services = createServices(storage, {
    clock,
    ids: uuidV7Generator,
    readYourWritesTimeoutMs: config.readYourWritesTimeoutMs,
    paymentRecoveryGraceMs: config.paymentRecovery.graceMs,
    ...(options.paymentFaults ? { paymentFaults: options.paymentFaults } : {}),
  });
  const subscriptions: Subscription[] = [];
  const tasks: PeriodicTask[] = [];

  if (config.roles.includes('projections')) {
    subscriptions.push(
      await bus.subscribe(
        { group: ORDER_INFO_CONSUMER, topics: ORDER_INFO_TOPICS },
        orderSummaryProjection(storage),
      ),
    );
    if (config.autoConfirm) {
      subscriptions.push(
        await bus.subscribe(
          { group: AUTO_CONFIRM_CONSUMER, topics: AUTO_CONFIRM_TOPICS },
          autoConfirmPaidOrders(services.commands),
        ),
      );
    }
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
    const recoveryLog = log.child({ component: 'payment-recovery' });
    tasks.push(
      new PeriodicTask(
        config.paymentRecovery.intervalMs,
        async () => {
          const result = await services.paymentRecovery.run();
          if (result.completed + result.refunded > 0)
            recoveryLog.warn(result, 'finished interrupted payments');
        },
        (err) => recoveryLog.error({ err }, 'payment recovery failed'),
      ).start(),
    );
  }

  let app: FastifyInstance | undefined;
  let url: string | undefined;
  if (config.roles.includes('api')) {
    app = await buildApi(config, log, storage, bus, metrics, services);
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
    services,
    relay,
    logger: log,
    metrics,
    async stop() {
      await app?.close();
      for (const task of tasks) await task.stop();
      stopWaking();
      await relay?.stop();
      for (const subscription of subscriptions) await subscription.close();
      await bus.close();
      await storage.close();
    },
  };
}
