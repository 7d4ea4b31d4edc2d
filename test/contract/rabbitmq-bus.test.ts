import { randomUUID } from 'node:crypto';
import { messageBusContract } from './message-bus.contract.ts';
import { TestRabbitMqBus } from './rabbitmq-fixture.ts';

messageBusContract('RabbitMQ', async ({ maxDeliveries, groups }) => {
  const bus = new TestRabbitMqBus(`test-${randomUUID()}`, { maxDeliveries, groups });
  await bus.start();
  return { bus, close: () => bus.dispose() };
});
