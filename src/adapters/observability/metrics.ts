import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  ordersCreated: Counter;
  outboxPublished: Counter;
  /** Messages whose publish failed because no consumer group's queue took them. */
  busUnroutable: Counter<'topic'>;
  outboxLagSeconds: Gauge;
  outboxPending: Gauge;
  /** Notification attempts by channel (email, push_android, push_ios) and outcome. */
  notificationsSent: Counter<'channel' | 'outcome'>;
  /** From the order change's delivery row to the provider accepting it, retries included. */
  notificationDeliveryLatency: Histogram<'channel'>;
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
    notificationsSent: new Counter({
      name: 'notifications_sent_total',
      help: 'Notification attempts by channel and outcome (delivered, retry, device_invalid, failed, skipped)',
      labelNames: ['channel', 'outcome'],
      registers: [registry],
    }),
    notificationDeliveryLatency: new Histogram({
      name: 'notifications_delivery_latency_seconds',
      help: 'Time from a notification being planned to its delivery, retries included',
      labelNames: ['channel'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
      registers: [registry],
    }),
  };
}
