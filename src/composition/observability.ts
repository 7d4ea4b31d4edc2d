import type { Metrics } from '../adapters/observability/metrics.ts';
import type { PostgresStorage } from '../adapters/storage/postgres-storage.ts';
import type { MessageBus } from '../shared/ports/message-bus.ts';
import { CONSUMER_GROUPS } from './consumer-groups.ts';

/**
 * Feeds the scrape-time gauges every process reports: each consumer group's queue and
 * dead-letter queue (RabbitMQ's counts are the same from every process; alerts take the max),
 * and the assignment waiting list. The hub's sockets are its own gauge (live-updates.ts).
 */
export function observeHops(
  metrics: Pick<Metrics, 'observe'>,
  bus: Pick<MessageBus, 'queueDepth'>,
  storage: PostgresStorage,
): void {
  const { queueDepth } = bus;
  if (queueDepth) {
    metrics.observe({
      queueDepths: () =>
        Promise.all(
          CONSUMER_GROUPS.map(async ({ group }) => ({ group, ...(await queueDepth.call(bus, group)) })),
        ),
    });
  }
  metrics.observe({ assignmentWaiting: () => storage.read.kitchenOrders.countWaiting() });
}
