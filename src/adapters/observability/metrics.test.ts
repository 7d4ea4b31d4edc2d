import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.ts';

const noLag = async () => ({ pending: 0, oldestAgeSeconds: 0 });
const samplesOf = (text: string, name: string) =>
  text.split('\n').filter((line) => line.startsWith(`${name}{`));

describe('scrape-time gauges', () => {
  it('report each group from the bus, and nothing (not a failed scrape) while the bus cannot answer', async () => {
    const metrics = createMetrics(noLag);
    let brokerUp = true;
    metrics.observe({
      queueDepths: async () => {
        if (!brokerUp) throw new Error('RabbitMQ connection is down');
        return [
          { group: 'order-info', ready: 3, deadLetters: 0 },
          { group: 'notifications', ready: 0, deadLetters: 2 },
        ];
      },
      assignmentWaiting: async () => 4,
    });
    const up = await metrics.registry.metrics();
    expect(samplesOf(up, 'orderflow_consumer_lag_messages')).toEqual([
      'orderflow_consumer_lag_messages{group="order-info"} 3',
      'orderflow_consumer_lag_messages{group="notifications"} 0',
    ]);
    expect(samplesOf(up, 'orderflow_dead_letters')).toContain(
      'orderflow_dead_letters{group="notifications"} 2',
    );
    expect(up).toContain('orderflow_assignment_waiting_orders 4');

    brokerUp = false;
    await new Promise((resolve) => setImmediate(resolve));
    const down = await metrics.registry.metrics();
    expect(samplesOf(down, 'orderflow_consumer_lag_messages')).toEqual([]);
    expect(samplesOf(down, 'orderflow_dead_letters')).toEqual([]);
    expect(down).toContain('orderflow_outbox_lag_seconds 0');
  });
});
