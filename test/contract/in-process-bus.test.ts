import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InProcessBus } from '../../src/adapters/bus/in-process-bus.ts';
import { messageBusContract } from './message-bus.contract.ts';

messageBusContract('in-process', async ({ maxDeliveries, groups }) => {
  const bus = new InProcessBus({ maxDeliveries, groups, redeliveryDelayMs: 10 });
  return { bus, close: () => bus.close() };
});

describe('in-process bus specifics', () => {
  it('resolves publish only once subscribed groups handled the messages, so the outbox keeps them until then', async () => {
    const bus = new InProcessBus({ maxDeliveries: 2, redeliveryDelayMs: 5 });
    const log: string[] = [];
    await bus.subscribe({ group: 'slow', topics: ['#'] }, async (m) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      log.push(`handled ${m.envelope.data.n}`);
    });
    const message = (n: number) => ({
      topic: 'order.created',
      key: 'k',
      envelope: {
        event_id: randomUUID(),
        event_type: 'order.created',
        timestamp: '',
        source: 't',
        data: { order_id: 'k', n },
      },
      headers: {},
    });
    await bus.publish([message(1), message(2)]);
    log.push('published');
    expect(log).toEqual(['handled 1', 'handled 2', 'published']);
    expect(bus.publishAwaitsHandlers).toBe(true);
    await bus.close();
  });
});
