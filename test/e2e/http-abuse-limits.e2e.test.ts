import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.ts';
import { api, getToken, startTestServer, type TestServer } from '../support/orderflow-server.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { rawRequest } from '../support/raw-http.ts';

const PROBLEM = 'application/problem+json';
const METRICS_TOKEN = 'metrics-token-0123456789';
const APP_ORIGIN = 'https://app.example.com';

// Issue 7 item 6 over real HTTP (and `inject` where a client address must be chosen). Embedded
// mode: the counts are in this one process's memory (RATE_LIMIT_STORE's default there).
describe('abuse limits, security headers, metrics and CORS (configured)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      RATE_LIMIT_PER_USER: '5',
      RATE_LIMIT_PER_IP: '30',
      REQUEST_TIMEOUT_MS: '1000',
      LOGIN_MAX_FAILURES: '3',
      METRICS_TOKEN,
      CORS_ORIGINS: APP_ORIGIN,
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const inject = (url: string, remoteAddress: string, headers: Record<string, string> = {}) =>
    server.running.app!.inject({ method: 'GET', url, remoteAddress, headers });

  it('limits each authenticated user, answering 429 RATE_LIMITED with Retry-After, and not the others', async () => {
    const alice = await getToken(server.baseUrl, 'alice');
    const bob = await getToken(server.baseUrl, 'bob');
    // Different addresses, so only the per-user limit can be what stops alice.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (await inject('/api/v1/me/wallet', `10.0.1.${i}`, { authorization: `Bearer ${alice}` })).statusCode,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await inject('/api/v1/me/wallet', '10.0.1.9', { authorization: `Bearer ${alice}` });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain(PROBLEM);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(
      (await inject('/api/v1/me/wallet', '10.0.1.9', { authorization: `Bearer ${bob}` })).statusCode,
    ).toBe(200);
  });

  it('limits each client address, authenticated or not, and not the others', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await inject('/api/v1/products', '10.0.2.1')).statusCode);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
    const limited = await inject('/api/v1/nowhere', '10.0.2.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('RATE_LIMITED');
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await inject('/api/v1/products', '10.0.2.2')).statusCode).toBe(200);
    // Health checks are never throttled.
    expect((await inject('/healthz', '10.0.2.1')).statusCode).toBe(200);
  });

  it('throttles failed logins per username, the same whether or not the user exists', async () => {
    const login = (username: string, password: string) =>
      fetch(`${server.baseUrl}/realms/orderflow/protocol/openid-connect/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'password', client_id: 'orderflow-web', username, password }),
      });
    for (const username of ['courier', 'no-such-user']) {
      for (let i = 0; i < 3; i++) expect((await login(username, 'guess')).status).toBe(401);
      const locked = await login(username, username);
      expect(locked.status).toBe(429);
      expect(locked.headers.get('content-type')).toContain(PROBLEM);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await locked.json()).toMatchObject({ code: 'RATE_LIMITED', error: 'temporarily_unavailable' });
    }
  });

  it('cuts off a body trickled in slower than REQUEST_TIMEOUT_MS with 408 problem+json', async () => {
    const response = await rawRequest(
      server.baseUrl,
      'POST /api/v1/products/check-availability HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 60\r\n\r\n',
      { bytes: [...'{"items":[{"product_id":"sandwich-club","quantity":1}]}     '], everyMs: 250 },
    );
    expect(response.status).toBe(408);
    expect(response.headers['content-type']).toContain(PROBLEM);
    expect(JSON.parse(response.body)).toMatchObject({ status: 408, code: 'REQUEST_TIMEOUT' });
  });

  it('cuts off headers trickled in too slowly', async () => {
    const response = await rawRequest(server.baseUrl, 'GET /api/v1/products HTTP/1.1\r\n', {
      bytes: Array.from({ length: 40 }, (_, i) => `X-Slow-${i}: 1\r\n`),
      everyMs: 250,
    });
    expect(response.status).toBe(408);
    expect(JSON.parse(response.body).code).toBe('REQUEST_TIMEOUT');
  });

  it('sends nosniff everywhere, no-store on authenticated answers, and a Bearer challenge on 401', async () => {
    const anonymous = api(server.baseUrl);
    const products = await anonymous('GET', '/api/v1/products');
    expect(products.headers.get('x-content-type-options')).toBe('nosniff');
    expect(products.headers.get('cache-control') ?? '').not.toContain('no-store');
    const unauthenticated = await anonymous('GET', '/api/v1/me/wallet');
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(unauthenticated.headers.get('x-content-type-options')).toBe('nosniff');
    const badToken = await api(server.baseUrl, 'not-a-token')('GET', '/api/v1/me/wallet');
    expect(badToken.headers.get('www-authenticate')).toContain('error="invalid_token"');
    const admin = api(server.baseUrl, await getToken(server.baseUrl, 'admin'));
    const orders = await admin('GET', '/api/v1/orders');
    expect(orders.status).toBe(200);
    expect(orders.headers.get('cache-control')).toBe('no-store');
  });

  it('serves the Swagger UI under a content security policy that allows its own assets', async () => {
    const page = await fetch(`${server.baseUrl}/docs/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(2);
    for (const asset of assets) {
      // Every script and stylesheet is same-origin, so `'self'` lets it run.
      const url = new URL(asset, `${server.baseUrl}/docs/`);
      expect(url.origin).toBe(server.baseUrl);
      const response = await fetch(url);
      // Read to the end: an unread large body keeps the connection busy and the server from closing.
      await response.arrayBuffer();
      expect(response.status, asset).toBe(200);
    }
    expect(html).not.toMatch(/<script>(?!\s*<\/script>)/);
  });

  it('asks for the metrics token on /metrics', async () => {
    const without = await fetch(`${server.baseUrl}/metrics`);
    expect(without.status).toBe(401);
    expect(without.headers.get('content-type')).toContain(PROBLEM);
    const wrong = await fetch(`${server.baseUrl}/metrics`, {
      headers: { authorization: 'Bearer wrong-token-wrong-token' },
    });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${server.baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('orderflow_http_request_duration_seconds');
  });

  it('answers CORS preflights for the configured origin only', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.baseUrl}/api/v1/orders`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    const allowed = await preflight(APP_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('metrics on a port of their own, CORS closed (defaults)', () => {
  let server: TestServer;
  let metricsPort: number;
  beforeAll(async () => {
    metricsPort = await freePort();
    server = await startTestServer({ METRICS_PORT: String(metricsPort) });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('serves /metrics only on METRICS_PORT', async () => {
    const onApi = await fetch(`${server.baseUrl}/metrics`);
    expect(onApi.status).toBe(404);
    expect(onApi.headers.get('content-type')).toContain(PROBLEM);
    const onMetrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(onMetrics.status).toBe(200);
    expect(await onMetrics.text()).toContain('orderflow_orders_created_total');
  });

  it('grants no cross-origin access', async () => {
    const preflight = await fetch(`${server.baseUrl}/api/v1/orders`, {
      method: 'OPTIONS',
      headers: { origin: APP_ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await fetch(`${server.baseUrl}/api/v1/products`, { headers: { origin: APP_ORIGIN } });
    expect(simple.status).toBe(200);
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });
});

// Issue 13: API instances on one PostgreSQL database (RATE_LIMIT_STORE defaults to postgres
// there) count against one limit and one login throttle, whichever instance a request reaches.
describe('abuse limits shared by two API instances on one PostgreSQL database', () => {
  const servers: TestServer[] = [];
  let dropDatabase: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    const database = await createTestDatabase();
    dropDatabase = database.drop;
    dataDir = await mkdtemp(join(tmpdir(), 'orderflow-shared-limits-'));
    const portA = await freePort();
    const shared = {
      DATABASE_URL: database.url,
      // Both sign and verify with one built-in issuer: one key in DATA_DIR, one PUBLIC_URL.
      DATA_DIR: dataDir,
      PUBLIC_URL: `http://127.0.0.1:${portA}`,
      RATE_LIMIT_PER_USER: '5',
      RATE_LIMIT_PER_IP: '1000',
      LOGIN_MAX_FAILURES: '3',
    };
    // The first migrates and seeds alone.
    a = await startTestServer({ ...shared, PORT: String(portA), DEMO_DATA: 'true' });
    servers.push(a);
    b = await startTestServer(shared);
    servers.push(b);
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await dropDatabase?.();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const inject = (server: TestServer, remoteAddress: string, token: string) =>
    server.running.app!.inject({
      method: 'GET',
      url: '/api/v1/me/wallet',
      remoteAddress,
      headers: { authorization: `Bearer ${token}` },
    });

  it('limits a user across both instances: past the limit the other answers 429 with Retry-After', async () => {
    const alice = await getToken(a.baseUrl, 'alice');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await inject(i % 2 ? b : a, `10.2.0.${i}`, alice)).statusCode);
    // In memory each instance would have seen 3 of alice's requests and admitted all 6.
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await inject(a, '10.2.0.9', alice);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('admits exactly the limit when requests of one user race through both instances', async () => {
    const bob = await getToken(b.baseUrl, 'bob');
    const responses = await Promise.all(
      Array.from({ length: 24 }, (_, i) => inject(i % 2 ? b : a, `10.3.0.${i}`, bob)),
    );
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(19);
  });

  it('throttles failed logins across both instances', async () => {
    let address = 0;
    const login = (server: TestServer, password: string) =>
      server.running.app!.inject({
        method: 'POST',
        url: '/realms/orderflow/protocol/openid-connect/token',
        // A fresh address each time: only the username's count can lock.
        remoteAddress: `10.4.0.${++address}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          grant_type: 'password',
          client_id: 'orderflow-web',
          username: 'courier',
          password,
        }).toString(),
      });
    expect((await login(a, 'guess')).statusCode).toBe(401);
    expect((await login(b, 'guess')).statusCode).toBe(401);
    expect((await login(a, 'guess')).statusCode).toBe(401);
    for (const server of [b, a]) {
      const locked = await login(server, 'courier');
      expect(locked.statusCode).toBe(429);
      expect(locked.json()).toMatchObject({ code: 'RATE_LIMITED', error: 'temporarily_unavailable' });
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    }
  });
});
