import { randomUUID } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerUrl } from '../contract/rabbitmq-fixture.ts';
import { eventually } from '../support/eventually.ts';
import {
  newSigningKey,
  type SigningKey,
  startTestIssuer,
  type TestIssuer,
} from '../support/oidc-provider-fixture.ts';
import { api, startTestServer, type TestServer } from '../support/orderflow-server.ts';
import { createTestDatabase } from '../support/postgres.ts';

// Production identity: OIDC_ISSUER names an external OpenID Provider (Keycloak in a real
// deployment; here oidc-provider, a certified implementation), the built-in one is off.
// orderflow finds the JWKS by discovery, maps realm_access.roles, and follows key rotation.
describe('external OIDC issuer (oidc-provider as OIDC_ISSUER, production mode)', () => {
  const namespace = `test-${randomUUID().slice(0, 8)}`;
  const roles = { alice: ['buyer'], boss: ['admin', 'offline_access'], 'ops-service': ['admin'] };
  let issuer: TestIssuer;
  let server: TestServer;
  let dropDatabase: () => Promise<void>;
  let first: SigningKey;
  let second: SigningKey;

  beforeAll(async () => {
    [first, second] = await Promise.all([newSigningKey('key-1'), newSigningKey('key-2')]);
    issuer = await startTestIssuer(roles, [first]);
    const database = await createTestDatabase();
    dropDatabase = database.drop;
    server = await startTestServer({
      DATABASE_URL: database.url,
      BROKER_URL: brokerUrl,
      BROKER_EXCHANGE: namespace,
      BROKER_QUEUE_PREFIX: `${namespace}.`,
      DEMO_DATA: 'true',
      OIDC_ISSUER: issuer.issuer,
      OIDC_AUDIENCE: 'orderflow-api',
      // Keys refetched every second and on any unknown kid, so rotation shows within the test.
      OIDC_JWKS_CACHE_MAX_AGE_SECONDS: '1',
      OIDC_JWKS_COOLDOWN_SECONDS: '0',
    });
  });

  afterAll(async () => {
    await server?.stop();
    await issuer?.close();
    await dropDatabase?.();
  });

  it('does not serve the built-in identity provider', async () => {
    const response = await fetch(`${server.baseUrl}/realms/orderflow/.well-known/openid-configuration`);
    expect(response.status).toBe(404);
  });

  it('accepts a user token from the code flow with PKCE, with roles from realm_access', async () => {
    const token = await issuer.userToken('alice');
    expect(decodeJwt(token)).toMatchObject({
      iss: issuer.issuer,
      aud: 'orderflow-api',
      sub: 'alice',
      realm_access: { roles: ['buyer'] },
    });
    const alice = api(server.baseUrl, token);
    const placed = await alice('POST', '/api/v1/orders', {
      items: [{ product_id: 'sandwich-club', quantity: 1 }],
    });
    expect(placed.status, placed.text).toBe(201);
    expect(placed.body).toMatchObject({ status: 'PENDING', customer_id: 'alice' });
    const mine = await alice('GET', `/api/v1/orders/${String(placed.body.order_id)}`);
    expect(mine.status).toBe(200);
    // A buyer is not an admin: the role comes from the token, nothing else.
    expect((await alice('GET', '/api/v1/food-points')).status).toBe(403);
  });

  it('maps admin from realm_access (unknown roles ignored), for users and service clients', async () => {
    for (const token of [await issuer.userToken('boss'), await issuer.clientToken('ops-service')]) {
      const admin = api(server.baseUrl, token);
      expect((await admin('GET', '/api/v1/food-points')).status).toBe(200);
      // Admins do not place orders: the buyer role was not given.
      const refused = await admin('POST', '/api/v1/orders', {
        items: [{ product_id: 'sandwich-club', quantity: 1 }],
      });
      expect(refused.status).toBe(403);
    }
  });

  it('refuses a user without orderflow roles, and tokens from anyone else', async () => {
    const stranger = api(server.baseUrl, await issuer.userToken('mallory'));
    expect((await stranger('GET', '/api/v1/food-points')).status).toBe(403);
    const forged = await startTestIssuer(roles, [first]);
    try {
      // Same key even, but another issuer: iss does not match OIDC_ISSUER.
      const other = api(server.baseUrl, await forged.userToken('alice'));
      expect((await other('GET', '/api/v1/orders')).status).toBe(401);
    } finally {
      await forged.close();
    }
  });

  it('follows key rotation: a newly added key is accepted, a removed key rejected', async () => {
    const before = await issuer.clientToken('ops-service');
    expect(decodeProtectedHeader(before).kid).toBe('key-1');
    expect((await api(server.baseUrl, before)('GET', '/api/v1/food-points')).status).toBe(200);

    // Step 1 of a rotation: the new key is published and signs; the old one stays published.
    issuer.rotate([second, first]);
    const after = await issuer.clientToken('ops-service');
    expect(decodeProtectedHeader(after).kid).toBe('key-2');
    expect((await api(server.baseUrl, after)('GET', '/api/v1/food-points')).status).toBe(200);
    expect((await api(server.baseUrl, before)('GET', '/api/v1/food-points')).status).toBe(200);

    // Step 2: the old key is removed. Tokens it signed stop working once the cached key set
    // is refreshed (OIDC_JWKS_CACHE_MAX_AGE_SECONDS); tokens from the new key keep working.
    issuer.rotate([second]);
    await eventually(
      async () => {
        const response = await api(server.baseUrl, before)('GET', '/api/v1/food-points');
        expect(response.status).toBe(401);
        expect(response.body).toMatchObject({ code: 'UNAUTHENTICATED' });
      },
      { timeoutMs: 15_000, intervalMs: 200 },
    );
    expect((await api(server.baseUrl, after)('GET', '/api/v1/food-points')).status).toBe(200);
  });
});
