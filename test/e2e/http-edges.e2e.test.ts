import { afterAll, beforeAll, describe } from 'vitest';
import { startTestServer, type TestServer } from '../support/orderflow-server.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { httpEdgesScenario } from './http-edges.scenario.ts';

describe('HTTP edge, embedded mode (PGlite)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });
  httpEdgesScenario(() => server);
});

describe('HTTP edge, on PostgreSQL', () => {
  let server: TestServer;
  let dropDatabase: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const database = await createTestDatabase();
    dropDatabase = database.drop;
    server = await startTestServer({ DATABASE_URL: database.url, DEMO_DATA: 'true' });
  });
  afterAll(async () => {
    await server?.stop();
    await dropDatabase?.();
  });
  httpEdgesScenario(() => server);
});
