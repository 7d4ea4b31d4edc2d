import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../adapters/observability/metrics.ts';
import { loadConfig } from '../config.ts';
import { type BusMessage, UnroutableMessageError } from '../shared/ports/message-bus.ts';
import { CONSUMER_GROUPS, ORDER_INFO_GROUP } from './consumer-groups.ts';
import { createBus } from './create-bus.ts';

const message = (topic: string): BusMessage => {
  const orderId = randomUUID();
  return {
    topic,
    key: orderId,
    envelope: {
      event_id: randomUUID(),
      event_type: topic,
      timestamp: new Date().toISOString(),
      source: 'create-bus-test',
      data: { order_id: orderId },
    },
    headers: {},
  };
};

describe('createBus (embedded: in-process)', () => {
  const setUp = async () => {
    const metrics = createMetrics(async () => ({ pending: 0, oldestAgeSeconds: 0 }));
    const bus = await createBus(loadConfig({}), pino({ level: 'silent' }), metrics);
    return { bus, metrics };
  };

  it('declares every consumer group: a message published before its member subscribes waits for it', async () => {
    const { bus } = await setUp();
    const sent = message('order.created');
    let published = false;
    const publishing = bus.publish([sent]).then(() => {
      published = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(published).toBe(false);
    // The in-process publish resolves once every group that takes the message has it.
    const got: string[] = [];
    for (const group of CONSUMER_GROUPS) {
      await bus.subscribe(group, async (m) => {
        if (group === ORDER_INFO_GROUP) got.push(m.envelope.event_id);
      });
    }
    await publishing;
    expect(got).toEqual([sent.envelope.event_id]);
    await bus.close();
  });

  it('fails a publish no consumer group takes and counts it in orderflow_bus_unroutable_total', async () => {
    const { bus, metrics } = await setUp();
    await expect(bus.publish([message('nobody.listens')])).rejects.toBeInstanceOf(UnroutableMessageError);
    expect(await metrics.registry.metrics()).toContain(
      'orderflow_bus_unroutable_total{topic="nobody.listens"} 1',
    );
    await bus.close();
  });
});
