import { randomUUID } from 'node:crypto';
import { InProcessBus } from '../../src/adapters/bus/in-process-bus.ts';
import { PostgresStorage } from '../../src/adapters/storage/postgres-storage.ts';
import { TestRabbitMqBus } from '../contract/rabbitmq-fixture.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { outboxRelayScenario } from './outbox-relay.scenario.ts';

outboxRelayScenario('PGlite + in-process bus', async () => {
  const storage = await PostgresStorage.open({ kind: 'pglite', dataDir: 'memory://' });
  const bus = new InProcessBus();
  return {
    storage,
    bus,
    close: async () => {
      await bus.close();
      await storage.close();
    },
  };
});

outboxRelayScenario('PostgreSQL + in-process bus', async () => {
  const database = await createTestDatabase();
  const storage = await PostgresStorage.open({ kind: 'postgres', url: database.url });
  const bus = new InProcessBus();
  return {
    storage,
    bus,
    close: async () => {
      await bus.close();
      await storage.close();
      await database.drop();
    },
  };
});

outboxRelayScenario('PostgreSQL + RabbitMQ', async () => {
  const database = await createTestDatabase();
  const storage = await PostgresStorage.open({ kind: 'postgres', url: database.url });
  const bus = new TestRabbitMqBus(`test-${randomUUID()}`);
  await bus.start();
  return {
    storage,
    bus,
    close: async () => {
      await bus.dispose();
      await storage.close();
      await database.drop();
    },
  };
});
