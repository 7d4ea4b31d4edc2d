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
  /** Messages each consumer group handled in this process, by outcome (handled, failed). */
  consumerMessages: Counter<'group' | 'outcome'>;
  consumerHandleSeconds: Histogram<'group'>;
  /**
   * Hands the registry what it reads at scrape time (queue depths from the bus, the waiting
   * list from the database). Called again, it adds to what is set.
   */
  observe(sources: Partial<ScrapeSources>): void;
}

/** What the scrape-time gauges ask; a gauge whose source is not set is not reported. */
export interface ScrapeSources {
  /** Messages waiting in each group's queue and in its dead-letter queue. */
  queueDepths: () => Promise<{ group: string; ready: number; deadLetters: number }[]>;
  /** Orders waiting for a kitchen (the assignment waiting list). */
  assignmentWaiting: () => Promise<number>;
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
  const sources: Partial<ScrapeSources> = {};
  let depths: ReturnType<ScrapeSources['queueDepths']> | undefined;
  // The two per-group gauges read one round of queue checks per scrape.
  const scrapeDepths = (read: ScrapeSources['queueDepths']) => {
    // A broker that cannot be asked (down, reconnecting) leaves the gauges without samples
    // for this scrape; the rest of /metrics is still served.
    depths ??= read()
      .catch(() => [])
      .finally(() => setImmediate(() => (depths = undefined)));
    return depths;
  };
  new Gauge({
    name: 'orderflow_consumer_lag_messages',
    help: "Messages waiting in each consumer group's queue (consumer lag)",
    labelNames: ['group'],
    registers: [registry],
    async collect() {
      this.reset();
      if (!sources.queueDepths) return;
      for (const { group, ready } of await scrapeDepths(sources.queueDepths)) this.set({ group }, ready);
    },
  });
  new Gauge({
    name: 'orderflow_dead_letters',
    help: "Messages in each consumer group's dead-letter queue",
    labelNames: ['group'],
    registers: [registry],
    async collect() {
      this.reset();
      if (!sources.queueDepths) return;
      for (const { group, deadLetters } of await scrapeDepths(sources.queueDepths))
        this.set({ group }, deadLetters);
    },
  });
  new Gauge({
    name: 'orderflow_assignment_waiting_orders',
    help: 'Orders on the assignment waiting list (no kitchen could take them yet)',
    registers: [registry],
    async collect() {
      if (!sources.assignmentWaiting) return;
      // Unreadable (database down): the last value stays, rather than a failed scrape or a
      // reassuring 0; the outbox gauges and /readyz report the database itself.
      const waiting = await sources.assignmentWaiting().catch(() => undefined);
      if (waiting !== undefined) this.set(waiting);
    },
  });
  return {
    observe: (more) => Object.assign(sources, more),
    consumerMessages: new Counter({
      name: 'orderflow_consumer_messages_total',
      help: 'Messages handled by each consumer group in this process, by outcome (handled, failed)',
      labelNames: ['group', 'outcome'],
      registers: [registry],
    }),
    consumerHandleSeconds: new Histogram({
      name: 'orderflow_consumer_handle_seconds',
      help: 'Time a consumer group took to handle one message',
      labelNames: ['group'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
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
