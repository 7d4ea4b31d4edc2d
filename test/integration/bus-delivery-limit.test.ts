import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/adapters/observability/metrics.ts';
import { connectBus } from '../../src/composition/connect-bus.ts';
import { CONSUMER_GROUPS } from '../../src/composition/consumer-groups.ts';
import { StartupError } from '../../src/composition/startup-error.ts';
import { loadConfig } from '../../src/config.ts';
import type { MessageBus } from '../../src/shared/ports/message-bus.ts';
import { brokerUrl, TestRabbitMqBus } from '../contract/rabbitmq-fixture.ts';

// Every process declares the consumer groups' queues with BUS_MAX_DELIVERIES in their arguments;
// a process started with another value finds them declared and cannot re-declare them.
describe('BUS_MAX_DELIVERIES that differs from the queues on the broker', () => {
  const namespace = `delivery-limit-${randomUUID().slice(0, 8)}`;
  const config = (maxDeliveries: number) =>
    loadConfig({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      BROKER_URL: brokerUrl,
      BROKER_EXCHANGE: namespace,
      BROKER_QUEUE_PREFIX: `${namespace}.`,
      BUS_MAX_DELIVERIES: String(maxDeliveries),
      STARTUP_TIMEOUT_SECONDS: '60',
    });
  const log = pino({ level: 'silent' });
  const metrics = () => createMetrics(async () => ({ pending: 0, oldestAgeSeconds: 0 }));
  const opened: MessageBus[] = [];
  afterAll(async () => {
    for (const bus of opened) await bus.close();
    // Deletes the namespace's exchanges and queues.
    await new TestRabbitMqBus(namespace, { groups: CONSUMER_GROUPS }).dispose();
  });

  it('stops the start at once, naming both values, instead of retrying a refusal for STARTUP_TIMEOUT_SECONDS', async () => {
    opened.push(await connectBus(config(5), log, metrics()));
    const started = Date.now();
    const refused = await connectBus(config(7), log, metrics()).then(
      (bus) => {
        opened.push(bus);
        return undefined;
      },
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(StartupError);
    expect((refused as Error).message).toMatch(
      new RegExp(
        `^BUS_MAX_DELIVERIES is 7, but queue ${namespace}\\.[a-z-]+ on the broker was declared with BUS_MAX_DELIVERIES=5: every process must use the same value`,
      ),
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    // The same value still starts.
    opened.push(await connectBus(config(5), log, metrics()));
  });
});
