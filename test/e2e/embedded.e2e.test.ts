import { afterAll, beforeAll, describe } from 'vitest';
import { startTestServer, type TestServer } from '../support/orderflow-server.ts';
import { orderCreationScenario } from './order-creation.scenario.ts';
import { orderLifecycleScenario } from './order-lifecycle.scenario.ts';

// The default `npm start` configuration: no DATABASE_URL, no BROKER_URL, no OIDC_ISSUER.
describe('embedded mode (PGlite, in-process bus, built-in identity provider)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  orderCreationScenario(() => server);
  orderLifecycleScenario(() => server, { autoConfirm: true });
});
