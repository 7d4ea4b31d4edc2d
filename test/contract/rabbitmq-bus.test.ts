import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { messageBusContract } from './message-bus.contract.ts';
import { TestRabbitMqBus } from './rabbitmq-fixture.ts';

messageBusContract('RabbitMQ', async ({ maxDeliveries, groups }) => {
  const bus = new TestRabbitMqBus(`test-${randomUUID()}`, { maxDeliveries, groups });
  await bus.start();
  return { bus, close: () => bus.dispose() };
});

describe('RabbitMQ broadcast across connections', () => {
  it('reaches a subscriber on every connection (one per process), each once', async () => {
    const namespace = `test-${randomUUID()}`;
    const [a, b] = [new TestRabbitMqBus(namespace), new TestRabbitMqBus(namespace)];
    await a.start();
    await b.start();
    try {
      const onA: unknown[] = [];
      const onB: unknown[] = [];
      await a.subscribeBroadcast('live', (p) => void onA.push(p.n));
      await b.subscribeBroadcast('live', (p) => void onB.push(p.n));
      await a.broadcast('live', { n: 1 });
      await b.broadcast('live', { n: 2 });
      await eventually(() => expect(onA).toEqual([1, 2]));
      await eventually(() => expect(onB).toEqual([1, 2]));
      await new Promise((r) => setTimeout(r, 200));
      expect([onA, onB]).toEqual([
        [1, 2],
        [1, 2],
      ]);
    } finally {
      await b.close();
      await a.dispose();
    }
  });
});
