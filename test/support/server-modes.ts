import { afterAll, beforeAll, describe } from 'vitest';
import { startTestServer, type TestServer } from './orderflow-server.ts';
import { createTestDatabase } from './postgres.ts';

/**
 * Runs `suite` twice over real HTTP: against the embedded server (PGlite, in-process bus) and
 * against one on a throwaway PostgreSQL database. Each `describe` starts and stops its own server.
 */
export function describeOnEmbeddedAndPostgres(
  title: string,
  suite: (server: () => TestServer) => void,
  /** Extra configuration for both servers. */
  env: Record<string, string> = {},
): void {
  describe(`${title}, embedded (PGlite)`, () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(env);
    });
    afterAll(async () => {
      await server?.stop();
    });
    suite(() => server);
  });

  describe(`${title}, on PostgreSQL`, () => {
    let server: TestServer;
    let dropDatabase: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      const database = await createTestDatabase();
      dropDatabase = database.drop;
      server = await startTestServer({ ...env, DATABASE_URL: database.url, DEMO_DATA: 'true' });
    });
    afterAll(async () => {
      await server?.stop();
      await dropDatabase?.();
    });
    suite(() => server);
  });
}
