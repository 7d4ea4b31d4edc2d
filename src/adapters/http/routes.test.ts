import { randomUUID } from 'node:crypto';
import { validate } from '@readme/openapi-parser';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/orderflow-server.ts';

// In-process route tests (`fastify.inject`) for every route file, on the real application
// (embedded PGlite, in-process bus, built-in identity provider), plus the OpenAPI document.
// Statuses are the ones DESIGN.md names: a role that may not use a route is 403; an order the
// caller may not see is 404, whatever the route.

const PROBLEM = 'application/problem+json';
type User = 'alice' | 'bob' | 'admin' | 'kitchen' | 'courier';

let server: TestServer;
let app: FastifyInstance;
const tokens = {} as Record<User, string>;
const ids = {} as Record<User, string>;

beforeAll(async () => {
  server = await startTestServer({ AUTO_CONFIRM: 'false', LOG_LEVEL: 'silent' });
  app = server.running.app!;
  for (const user of ['alice', 'bob', 'admin', 'kitchen', 'courier'] as const) {
    const response = await app.inject({
      method: 'POST',
      url: '/realms/orderflow/protocol/openid-connect/token',
      payload: new URLSearchParams({
        grant_type: 'password',
        client_id: 'orderflow-web',
        username: user,
        password: user,
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.statusCode).toBe(200);
    tokens[user] = response.json().access_token;
    ids[user] = JSON.parse(Buffer.from(tokens[user].split('.')[1]!, 'base64url').toString()).sub;
  }
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

const call = (
  who: User | undefined,
  method: NonNullable<InjectOptions['method']>,
  url: string,
  payload?: unknown,
) =>
  app.inject({
    method,
    url,
    headers: who ? { authorization: `Bearer ${tokens[who]}` } : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

const expectProblem = (response: Awaited<ReturnType<typeof call>>, status: number, code: string) => {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toContain(PROBLEM);
  expect(response.json()).toMatchObject({ status, code });
};

const newProduct = async (price = 100, stock = 1000) => {
  const id = `p-${randomUUID().slice(0, 8)}`;
  const response = await call('admin', 'PUT', `/api/v1/products/${id}`, {
    name: id,
    price,
    currency: 'EUR',
    stock,
  });
  expect(response.statusCode).toBe(200);
  return id;
};
const placeOrder = async (who: User = 'alice', price = 100) => {
  const product = await newProduct(price);
  const response = await call(who, 'POST', '/api/v1/orders', {
    items: [{ product_id: product, quantity: 1 }],
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().order_id as string;
};

describe('catalog.routes', () => {
  it('lists products with prices in minor units', async () => {
    const response = await call(undefined, 'GET', '/api/v1/products');
    expect(response.statusCode).toBe(200);
    expect(response.json().products).toContainEqual(
      expect.objectContaining({ id: 'sandwich-club', price: expect.any(Number), currency: 'EUR' }),
    );
  });

  it('lets admins put a product and refuses everyone else', async () => {
    const body = { name: 'Tea', price: 250, currency: 'EUR', stock: 3 };
    const put = await call('admin', 'PUT', '/api/v1/products/tea-1', body);
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ id: 'tea-1', price: 250, stock: 3 });
    expectProblem(await call('alice', 'PUT', '/api/v1/products/tea-1', body), 403, 'FORBIDDEN');
    const anonymous = await call(undefined, 'PUT', '/api/v1/products/tea-1', body);
    expectProblem(anonymous, 401, 'UNAUTHENTICATED');
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
    expectProblem(
      await call('admin', 'PUT', '/api/v1/products/tea-1', { ...body, price: '250' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await call('admin', 'PUT', '/api/v1/products/bad id', body), 400, 'VALIDATION_FAILED');
  });

  it('checks availability without reserving', async () => {
    const product = await newProduct(100, 2);
    const response = await call(undefined, 'POST', '/api/v1/products/check-availability', {
      items: [{ product_id: product, quantity: 3 }],
    });
    expect(response.json()).toEqual({
      all_available: false,
      items: [{ product_id: product, requested: 3, available: 2, is_available: false }],
    });
    expectProblem(
      await call(undefined, 'POST', '/api/v1/products/check-availability', { items: [] }),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('orders.routes', () => {
  it('places an order: 201 with Location; replays an Idempotency-Key', async () => {
    const product = await newProduct();
    const body = { items: [{ product_id: product, quantity: 2 }] };
    const key = randomUUID();
    const place = () =>
      server.running.app!.inject({
        method: 'POST',
        url: '/api/v1/orders',
        headers: { authorization: `Bearer ${tokens.alice}`, 'idempotency-key': key },
        payload: body,
      });
    const first = await place();
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'PENDING', total: 200, currency: 'EUR' });
    expect(first.headers.location).toBe(`/api/v1/orders/${first.json().order_id}`);
    const again = await place();
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().order_id).toBe(first.json().order_id);
  });

  it('refuses unavailable items, another customer, and roles other than buyer', async () => {
    const product = await newProduct(100, 1);
    const unavailable = await call('alice', 'POST', '/api/v1/orders', {
      items: [{ product_id: product, quantity: 2 }],
    });
    expectProblem(unavailable, 400, 'PRODUCT_UNAVAILABLE');
    const forOther = await call('alice', 'POST', '/api/v1/orders', {
      items: [{ product_id: product, quantity: 1 }],
      customer_id: ids.bob,
    });
    expectProblem(forOther, 403, 'FORBIDDEN');
    for (const who of ['admin', 'kitchen', 'courier'] as const) {
      expectProblem(
        await call(who, 'POST', '/api/v1/orders', { items: [{ product_id: product, quantity: 1 }] }),
        403,
        'FORBIDDEN',
      );
    }
    expectProblem(
      await call(undefined, 'POST', '/api/v1/orders', { items: [{ product_id: product, quantity: 1 }] }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('lists a buyer’s own orders without a limit, pages them, and refuses a page over 100', async () => {
    const orderId = await placeOrder('bob');
    const mine = await call('bob', 'GET', '/api/v1/orders');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().orders.map((o: { order_id: string }) => o.order_id)).toContain(orderId);
    expect(mine.json().orders.every((o: { customer_id: string }) => o.customer_id === ids.bob)).toBe(true);
    const page = await call('bob', 'GET', '/api/v1/orders?limit=1');
    expect(page.json().orders).toHaveLength(1);
    expectProblem(await call('bob', 'GET', '/api/v1/orders?limit=101'), 400, 'PAGE_SIZE_TOO_LARGE');
    expectProblem(await call('admin', 'GET', '/api/v1/orders?status=LOST'), 400, 'VALIDATION_FAILED');
    expectProblem(
      await call('admin', 'GET', '/api/v1/orders?created_from=2024-01-01T23:59:60Z'),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('shows an order and its events to the owner and admins, 404 to anyone else', async () => {
    const orderId = await placeOrder('alice');
    for (const who of ['alice', 'admin'] as const) {
      expect((await call(who, 'GET', `/api/v1/orders/${orderId}`)).json()).toMatchObject({
        order_id: orderId,
        status: 'PENDING',
      });
      const events = await call(who, 'GET', `/api/v1/orders/${orderId}/events`);
      expect(events.json().events[0]).toMatchObject({ type: 'OrderCreated', version: 1 });
    }
    for (const who of ['bob', 'kitchen', 'courier'] as const) {
      expectProblem(await call(who, 'GET', `/api/v1/orders/${orderId}`), 404, 'ORDER_NOT_FOUND');
      expectProblem(await call(who, 'GET', `/api/v1/orders/${orderId}/events`), 404, 'ORDER_NOT_FOUND');
    }
    expectProblem(await call(undefined, 'GET', `/api/v1/orders/${orderId}`), 401, 'UNAUTHENTICATED');
    expectProblem(await call('alice', 'GET', `/api/v1/orders/${randomUUID()}`), 404, 'ORDER_NOT_FOUND');
  });
});

describe('order-commands.routes', () => {
  it('pays a pending order for its buyer only', async () => {
    const orderId = await placeOrder('alice', 120);
    expectProblem(await call('bob', 'POST', `/api/v1/orders/${orderId}/payment`), 404, 'ORDER_NOT_FOUND');
    expectProblem(await call('admin', 'POST', `/api/v1/orders/${orderId}/payment`), 403, 'FORBIDDEN');
    const paid = await call('alice', 'POST', `/api/v1/orders/${orderId}/payment`);
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ order_id: orderId, status: 'PAID', amount: 120, currency: 'EUR' });
  });

  it('confirms a paid order (admin) and refuses a pending one with 409', async () => {
    const pending = await placeOrder('alice');
    expectProblem(
      await call('admin', 'POST', `/api/v1/orders/${pending}/confirm`),
      409,
      'ORDER_INVALID_TRANSITION',
    );
    const paid = await placeOrder('alice');
    expect((await call('alice', 'POST', `/api/v1/orders/${paid}/payment`)).statusCode).toBe(200);
    expectProblem(await call('alice', 'POST', `/api/v1/orders/${paid}/confirm`), 403, 'FORBIDDEN');
    const confirmed = await call('admin', 'POST', `/api/v1/orders/${paid}/confirm`);
    expect(confirmed.json()).toEqual({ order_id: paid, status: 'CONFIRMED', previous_status: 'PAID' });
  });

  it('cancels with or without a body, and refuses others', async () => {
    const withoutBody = await placeOrder('alice');
    expectProblem(await call('bob', 'POST', `/api/v1/orders/${withoutBody}/cancel`), 404, 'ORDER_NOT_FOUND');
    expectProblem(await call('kitchen', 'POST', `/api/v1/orders/${withoutBody}/cancel`), 403, 'FORBIDDEN');
    const cancelled = await call('alice', 'POST', `/api/v1/orders/${withoutBody}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({
      status: 'CANCELLED',
      previous_status: 'PENDING',
      refunded: false,
    });
    const withReason = await placeOrder('alice');
    expectProblem(
      await call('alice', 'POST', `/api/v1/orders/${withReason}/cancel`, {
        reason: 'x',
        status: 'DELIVERED',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(
      (await call('admin', 'POST', `/api/v1/orders/${withReason}/cancel`, { reason: 'out of bread' }))
        .statusCode,
    ).toBe(200);
    expectProblem(
      await call('admin', 'POST', `/api/v1/orders/${withReason}/cancel`),
      409,
      'ORDER_INVALID_TRANSITION',
    );
  });
});

describe('wallets.routes', () => {
  it("reads the caller's wallet with its ledger", async () => {
    const response = await call('bob', 'GET', '/api/v1/me/wallet?limit=5');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      customer_id: ids.bob,
      balance: expect.any(Number),
      currency: 'EUR',
    });
    expectProblem(await call('bob', 'GET', '/api/v1/me/wallet?limit=0'), 400, 'VALIDATION_FAILED');
    expectProblem(await call(undefined, 'GET', '/api/v1/me/wallet'), 401, 'UNAUTHENTICATED');
  });

  it('lets admins top up an existing customer', async () => {
    const before = (await call('bob', 'GET', '/api/v1/me/wallet')).json().balance as number;
    const topUp = await call('admin', 'POST', `/api/v1/wallets/${ids.bob}/top-ups`, { amount: 500 });
    expect(topUp.statusCode).toBe(201);
    expect(topUp.json().balance).toBe(before + 500);
    expectProblem(
      await call('admin', 'POST', `/api/v1/wallets/${randomUUID()}/top-ups`, { amount: 500 }),
      404,
      'CUSTOMER_NOT_FOUND',
    );
    expectProblem(
      await call('alice', 'POST', `/api/v1/wallets/${ids.alice}/top-ups`, { amount: 500 }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await call('admin', 'POST', `/api/v1/wallets/${ids.bob}/top-ups`, { amount: true }),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('food-points.routes', () => {
  it('lets admins create and update a point, set its stock and staff; refuses everyone else', async () => {
    const id = `fp-${randomUUID().slice(0, 8)}`;
    const body = { name: 'Route point', location: { lat: 10, lon: 20 }, accepts_delivery: true, capacity: 2 };
    expect((await call('admin', 'PUT', `/api/v1/food-points/${id}`, body)).statusCode).toBe(201);
    const updated = await call('admin', 'PUT', `/api/v1/food-points/${id}`, { ...body, capacity: 3 });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ id, capacity: 3, in_kitchen: 0, stock: {} });
    const stocked = await call('admin', 'PUT', `/api/v1/food-points/${id}/stock`, {
      ingredients: { egg: 4 },
    });
    expect(stocked.json().stock).toEqual({ egg: 4 });
    const staffed = await call('admin', 'PUT', `/api/v1/food-points/${id}/staff/${randomUUID()}`);
    expect(staffed.json().staff).toHaveLength(1);
    expectProblem(await call('kitchen', 'PUT', `/api/v1/food-points/${id}`, body), 403, 'FORBIDDEN');
    expectProblem(await call(undefined, 'GET', '/api/v1/food-points'), 401, 'UNAUTHENTICATED');
    expectProblem(
      await call('admin', 'PUT', `/api/v1/food-points/${id}`, { ...body, location: { lat: 91, lon: 0 } }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await call('admin', 'PUT', `/api/v1/food-points/${id}/stock`, { ingredients: { egg: -1 } }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await call('admin', 'GET', '/api/v1/food-points/nowhere'), 404, 'FOOD_POINT_NOT_FOUND');
  });

  it("reads and replaces a product's recipe", async () => {
    const product = await newProduct();
    expectProblem(await call('admin', 'GET', `/api/v1/products/${product}/recipe`), 404, 'RECIPE_NOT_FOUND');
    const put = await call('admin', 'PUT', `/api/v1/products/${product}/recipe`, { ingredients: { egg: 2 } });
    expect(put.json()).toEqual({ product_id: product, ingredients: { egg: 2 } });
    expect((await call('admin', 'GET', `/api/v1/products/${product}/recipe`)).json().ingredients).toEqual({
      egg: 2,
    });
    expectProblem(
      await call('admin', 'PUT', '/api/v1/products/nothing-here/recipe', { ingredients: { egg: 2 } }),
      404,
      'PRODUCT_NOT_FOUND',
    );
    expectProblem(await call('alice', 'GET', `/api/v1/products/${product}/recipe`), 403, 'FORBIDDEN');
  });
});

describe('kitchen.routes', () => {
  it("shows kitchen staff their point's orders; other roles get 403", async () => {
    const queue = await call('kitchen', 'GET', '/api/v1/kitchen/orders');
    expect(queue.statusCode).toBe(200);
    expect(queue.json()).toMatchObject({ food_point_id: 'fp-mitte', orders: expect.any(Array) });
    expectProblem(await call('courier', 'GET', '/api/v1/kitchen/orders'), 403, 'FORBIDDEN');
    expectProblem(
      await call('alice', 'POST', `/api/v1/kitchen/orders/${randomUUID()}/ready`),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await call('kitchen', 'POST', `/api/v1/kitchen/orders/${randomUUID()}/ready`),
      404,
      'ORDER_NOT_FOUND',
    );
  });

  it('keeps the courier location and lists READY orders; unknown orders are 404', async () => {
    const put = await call('courier', 'PUT', '/api/v1/courier/location', { lat: 52.5, lon: 13.4 });
    expect(put.statusCode).toBe(200);
    const jobs = await call('courier', 'GET', '/api/v1/courier/orders');
    expect(jobs.json()).toMatchObject({ location: { lat: 52.5, lon: 13.4 }, orders: expect.any(Array) });
    expectProblem(
      await call('courier', 'PUT', '/api/v1/courier/location', { lat: '52.5', lon: 13.4 }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await call('kitchen', 'GET', '/api/v1/courier/orders'), 403, 'FORBIDDEN');
    for (const action of ['pickup', 'deliver']) {
      expectProblem(
        await call('courier', 'POST', `/api/v1/courier/orders/${randomUUID()}/${action}`),
        404,
        'ORDER_NOT_FOUND',
      );
    }
  });
});

describe('operations.routes and metrics', () => {
  it('answers liveness, readiness and metrics', async () => {
    expect((await call(undefined, 'GET', '/healthz')).json()).toEqual({ status: 'ok' });
    expect((await call(undefined, 'GET', '/readyz')).json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', broker: 'ok', accepting: 'ok' },
    });
    const metrics = await call(undefined, 'GET', '/metrics');
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('orderflow_http_request_duration_seconds');
  });
});

describe('sign-in-method.routes', () => {
  it('tells the web app, without a token, to use the built-in password grant on this server', async () => {
    const method = await call(undefined, 'GET', '/api/v1/sign-in-method');
    expect(method.statusCode).toBe(200);
    expect(method.json()).toEqual({
      mode: 'password',
      issuer: expect.stringMatching(/\/realms\/orderflow$/),
      token_endpoint: '/realms/orderflow/protocol/openid-connect/token',
      client_id: 'orderflow-web',
    });
    // No external issuer: the web app may fetch only from its own origin.
    expect(method.headers['content-security-policy']).toContain("default-src 'self'");
    expect(method.headers['content-security-policy']).not.toContain('connect-src');
  });
});

describe('live-updates.routes (adapters/realtime)', () => {
  it('issues one-time tickets to authenticated callers only', async () => {
    const issued = await call('alice', 'POST', '/api/v1/updates/ticket');
    expect(issued.statusCode, issued.body).toBe(201);
    expect(issued.headers['cache-control']).toContain('no-store');
    expect(issued.json()).toEqual({ ticket: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), expires_in: 30 });
    expectProblem(await call(undefined, 'POST', '/api/v1/updates/ticket'), 401, 'UNAUTHENTICATED');
  });

  it('answers a GET without an upgrade with 426, and checks the credential first', async () => {
    const plain = await call('alice', 'GET', '/api/v1/updates');
    expectProblem(plain, 426, 'UPGRADE_REQUIRED');
    expect(plain.headers.upgrade).toBe('websocket');
    expectProblem(await call(undefined, 'GET', '/api/v1/updates'), 401, 'UNAUTHENTICATED');
    expectProblem(await call('alice', 'GET', '/api/v1/updates?after=-1'), 400, 'VALIDATION_FAILED');
    // A plain GET does not use up a ticket.
    const { ticket } = (await call('alice', 'POST', '/api/v1/updates/ticket')).json();
    expectProblem(await call(undefined, 'GET', `/api/v1/updates?ticket=${ticket}`), 426, 'UPGRADE_REQUIRED');
    expect((await server.running.services.updateTickets.redeem(ticket)) !== undefined).toBe(true);
  });
});

describe('the OpenAPI document', () => {
  type Operation = {
    summary?: string;
    parameters?: { name: string; in: string; required?: boolean }[];
    requestBody?: {
      required?: boolean;
      content: Record<string, { schema: { properties?: Record<string, unknown> } }>;
    };
    responses: Record<string, { description: string; content?: Record<string, unknown> }>;
  };
  let document: { paths: Record<string, Record<string, Operation>> };
  beforeAll(async () => {
    document = (await call(undefined, 'GET', '/openapi.json')).json();
  });
  const operation = (path: string, method: string) => {
    const found = document.paths[path]?.[method];
    if (!found) throw new Error(`${method} ${path} is not described`);
    return found;
  };

  it('is a valid OpenAPI document', async () => {
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it('describes every registered route, each with a summary and typed responses', () => {
    const registered = registeredRoutes(app).filter(
      ([method, path]) =>
        !['head', 'options'].includes(method) &&
        !/^\/docs|^\/openapi\.json$|^\/metrics$|^\/$|^\/\*$|^\/assets\//.test(path),
    );
    expect(registered.length).toBeGreaterThanOrEqual(17);
    for (const [method, path] of registered) {
      const documented = operation(path.replace(/:([A-Za-z_]+)/g, '{$1}'), method);
      expect(documented.summary, `${method} ${path}`).toMatch(/\w/);
      for (const [status, response] of Object.entries(documented.responses)) {
        expect(response.description, `${method} ${path} ${status}`).not.toBe('Default Response');
        if (Number(status) >= 400)
          expect(Object.keys(response.content ?? {}), `${method} ${path} ${status}`).toEqual([PROBLEM]);
      }
      // A WebSocket route succeeds with 101 Switching Protocols.
      expect(
        Object.keys(documented.responses).some((status) => status.startsWith('2') || status === '101'),
        `${method} ${path}`,
      ).toBe(true);
    }
  });

  it('has an optional limit, an optional cancel body, and the token form', () => {
    const limit = operation('/api/v1/orders', 'get').parameters?.find((p) => p.name === 'limit');
    expect(limit?.required ?? false).toBe(false);
    expect(operation('/api/v1/orders/{id}/cancel', 'post').requestBody?.required).toBe(false);
    const token = operation('/realms/orderflow/protocol/openid-connect/token', 'post');
    const form = token.requestBody?.content['application/x-www-form-urlencoded']?.schema.properties;
    expect(Object.keys(form ?? {})).toEqual(
      expect.arrayContaining(['grant_type', 'client_id', 'username', 'password']),
    );
    expect(token.responses['200']?.content).toBeDefined();
    expect(Object.keys(token.responses)).toEqual(expect.arrayContaining(['400', '401', '429']));
  });

  it('names the error codes a route answers and states amounts in minor units', () => {
    const payment = operation('/api/v1/orders/{id}/payment', 'post');
    expect(payment.responses['406']?.description).toBe('INSUFFICIENT_FUNDS');
    expect(payment.responses['429']?.description).toBe('RATE_LIMITED');
    expect(JSON.stringify(operation('/api/v1/wallets/{customer_id}/top-ups', 'post').requestBody)).toContain(
      'minor units',
    );
    expect(JSON.stringify(operation('/api/v1/orders', 'post').responses['201'])).toContain(
      '5000 = 50.00 EUR',
    );
  });
});

/** Every [method, path] Fastify routes, read off `printRoutes`' tree (four columns per level). */
function registeredRoutes(fastify: FastifyInstance): (readonly [string, string])[] {
  const stack: string[] = [];
  return fastify
    .printRoutes({ commonPrefix: false })
    .split('\n')
    .flatMap((line) => {
      const match = /^(.*?)(\/\S*) \(([^)]+)\)$/.exec(line);
      if (!match) return [];
      const depth = match[1]!.length / 4;
      stack.length = depth;
      stack.push(match[2]!);
      const path = stack.join('');
      return match[3]!.split(', ').map((method) => [method.toLowerCase(), path] as const);
    });
}
