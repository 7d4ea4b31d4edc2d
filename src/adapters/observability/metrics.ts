import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  ordersCreated: Counter;
  outboxPublished: Counter;
  /** Messages whose publish failed because no consumer group's queue took them. */
  busUnroutable: Counter<'topic'>;
  outboxLagSeconds: Gauge;
  outboxPending: Gauge;
}

/**
 * The Prometheus registry of one process. `readOutboxLag` is asked at scrape time, so the
 * gauge is as fresh as the scrape and costs nothing between scrapes.
 */
export function createMetrics(
  readOutboxLag: () => Promise<{ pending: number; oldestAgeSeconds: number }>,
  defaultLabels: Record<string, string> = {},
): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels(defaultLabels);
  collectDefaultMetrics({ register: registry });
  let lag: Promise<{ pending: number; oldestAgeSeconds: number }> | undefined;
  // Both gauges read one lag query per scrape.
  const scrapeLag = () => {
    lag ??= readOutboxLag().finally(() => setImmediate(() => (lag = undefined)));
    return lag;
  };
  return {
    registry,
    ordersCreated: new Counter({
      name: 'orderflow_orders_created_total',
      help: 'Orders created',
      registers: [registry],
    }),
    outboxPublished: new Counter({
      name: 'orderflow_outbox_published_total',
      help: 'Outbox messages published and confirmed by the broker',
      registers: [registry],
    }),
    busUnroutable: new Counter({
      name: 'orderflow_bus_unroutable_total',
      help: 'Messages the broker routed to no queue (publish failed; left in the outbox), by topic',
      labelNames: ['topic'],
      registers: [registry],
    }),
    outboxLagSeconds: new Gauge({
      name: 'orderflow_outbox_lag_seconds',
      help: 'Age of the oldest unpublished outbox message',
      registers: [registry],
      async collect() {
        this.set((await scrapeLag()).oldestAgeSeconds);
      },
    }),
    outboxPending: new Gauge({
      name: 'orderflow_outbox_pending_messages',
      help: 'Outbox messages not yet published',
      registers: [registry],
      async collect() {
        this.set((await scrapeLag()).pending);
      },
    }),
  };
}

/** Request latency per route (the route pattern, not the raw URL, to bound label cardinality). */
export function instrumentHttp(app: FastifyInstance, registry: Registry): void {
  const histogram = new Histogram({
    name: 'orderflow_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    histogram.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
}
