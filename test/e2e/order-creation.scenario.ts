import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, getToken, type TestServer } from '../support/orderflow-server.ts';

/**
 * Seed 002's order creation over real HTTP, run against each runtime mode. `server()` is
 * the running system of the calling test file.
 */
export function orderCreationScenario(server: () => TestServer): void {
  let alice: ReturnType<typeof api>;
  let bob: ReturnType<typeof api>;
  let admin: ReturnType<typeof api>;
  let kitchen: ReturnType<typeof api>;
  let anonymous: ReturnType<typeof api>;
  let aliceId: string;

  beforeAll(async () => {
    const { baseUrl } = server();
    const aliceToken = await getToken(baseUrl, 'alice');
    aliceId = JSON.parse(Buffer.from(aliceToken.split('.')[1]!, 'base64url').toString()).sub;
    alice = api(baseUrl, aliceToken);
    bob = api(baseUrl, await getToken(baseUrl, 'bob'));
    admin = api(baseUrl, await getToken(baseUrl, 'admin'));
    kitchen = api(baseUrl, await getToken(baseUrl, 'kitchen'));
    anonymous = api(baseUrl);
  });

  const newProduct = async (stock: number, price = 500) => {
    const id = `p-${randomUUID().slice(0, 8)}`;
    const put = await admin('PUT', `/api/v1/products/${id}`, {
      name: `Product ${id}`,
      price,
      currency: 'EUR',
      stock,
    });
    expect(put.status).toBe(200);
    return id;
  };
  const stockOf = async (id: string) => {
    const { body } = await anonymous('GET', '/api/v1/products');
    return (body.products as { id: string; stock: number }[]).find((p) => p.id === id)?.stock;
  };
  const countStreams = async () => {
    const { rows } = await sql<{ n: string | number }>`select count(*) as n from streams`.execute(
      server().running.storage.db,
    );
    return Number(rows[0]!.n);
  };
  const countOutbox = async () => {
    const { rows } = await sql<{ n: string | number }>`select count(*) as n from outbox`.execute(
      server().running.storage.db,
    );
    return Number(rows[0]!.n);
  };

  describe('seed 002: available basket', () => {
    it('checks availability, creates a PENDING order, and reads it back', async () => {
      const a = await newProduct(150, 850);
      const b = await newProduct(50, 450);
      const check = await anonymous('POST', '/api/v1/products/check-availability', {
        items: [
          { product_id: a, quantity: 2 },
          { product_id: b, quantity: 1 },
        ],
      });
      expect(check.status).toBe(200);
      expect(check.body).toEqual({
        all_available: true,
        items: [
          { product_id: a, requested: 2, available: 150, is_available: true },
          { product_id: b, requested: 1, available: 50, is_available: true },
        ],
      });

      const created = await alice('POST', '/api/v1/orders', {
        items: [
          { product_id: a, quantity: 2 },
          { product_id: b, quantity: 1 },
        ],
        delivery: { address: 'Front door, 1 Main St', lat: 52.5, lon: 13.4 },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        status: 'PENDING',
        customer_id: aliceId,
        total: 2150,
        currency: 'EUR',
      });
      const orderId = created.body.order_id as string;
      expect(orderId).toMatch(/^[0-9a-f-]{36}$/);
      expect(await stockOf(a)).toBe(148);
      expect(await stockOf(b)).toBe(49);

      // Read your own write: the projection is fed by the bus, the GET waits for it.
      const read = await alice('GET', `/api/v1/orders/${orderId}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ order_id: orderId, status: 'PENDING', total: 2150 });
      expect(read.body.items).toEqual([
        { product_id: a, name: `Product ${a}`, quantity: 2, unit_price: 850 },
        { product_id: b, name: `Product ${b}`, quantity: 1, unit_price: 450 },
      ]);
      const list = await alice('GET', '/api/v1/orders?limit=100');
      expect((list.body.orders as { order_id: string }[]).map((o) => o.order_id)).toContain(orderId);

      const events = await sql<{ event_type: string; version: number }>`
        select event_type, version from events where stream_id = ${`order-${orderId}`} order by version`.execute(
        server().running.storage.db,
      );
      expect(events.rows).toEqual([
        { event_type: 'OrderCreated', version: 1 },
        { event_type: 'OrderSubscriptionAdded', version: 2 },
      ]);
    });

    it('hides an order from anyone but its owner (404)', async () => {
      const p = await newProduct(5);
      const created = await alice('POST', '/api/v1/orders', { items: [{ product_id: p, quantity: 1 }] });
      expect(created.status).toBe(201);
      const byBob = await bob('GET', `/api/v1/orders/${created.body.order_id}`);
      expect(byBob.status).toBe(404);
      expect(byBob.headers.get('content-type')).toContain('application/problem+json');
      expect(byBob.body.code).toBe('ORDER_NOT_FOUND');
      expect((await bob('GET', '/api/v1/orders?limit=100')).body.orders).not.toContainEqual(
        expect.objectContaining({ order_id: created.body.order_id }),
      );
      expect((await alice('GET', `/api/v1/orders/${randomUUID()}`)).status).toBe(404);
      expect((await alice('GET', '/api/v1/orders/not-a-uuid')).status).toBe(404);
    });
  });

  describe('seed 002: unavailable basket', () => {
    it('answers 400 with per-item availability and writes nothing', async () => {
      const plenty = await newProduct(150);
      const none = await newProduct(0);
      const basket = {
        items: [
          { product_id: plenty, quantity: 2 },
          { product_id: none, quantity: 1 },
        ],
      };
      const check = await anonymous('POST', '/api/v1/products/check-availability', basket);
      expect(check.body).toEqual({
        all_available: false,
        items: [
          { product_id: plenty, requested: 2, available: 150, is_available: true },
          { product_id: none, requested: 1, available: 0, is_available: false },
        ],
      });
      const streamsBefore = await countStreams();
      const outboxBefore = await countOutbox();
      const ordersBefore = (await alice('GET', '/api/v1/orders?limit=100')).body.orders as unknown[];

      const refused = await alice('POST', '/api/v1/orders', basket);
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body).toMatchObject({ code: 'PRODUCT_UNAVAILABLE', status: 400, all_available: false });
      expect(refused.body.items).toEqual(check.body.items);

      expect(await stockOf(plenty)).toBe(150);
      expect(await countStreams()).toBe(streamsBefore);
      expect(await countOutbox()).toBe(outboxBefore);
      expect((await alice('GET', '/api/v1/orders?limit=100')).body.orders).toEqual(ordersBefore);
    });

    it('treats an unknown product as unavailable', async () => {
      const refused = await alice('POST', '/api/v1/orders', {
        items: [{ product_id: 'no-such-thing', quantity: 1 }],
      });
      expect(refused.status).toBe(400);
      expect(refused.body.items).toEqual([
        { product_id: 'no-such-thing', requested: 1, available: 0, is_available: false },
      ]);
    });
  });

  describe('who may order', () => {
    it('refuses an order in another customer’s name (403) and non-buyers (403), and no token (401)', async () => {
      const p = await newProduct(10);
      const body = { items: [{ product_id: p, quantity: 1 }] };
      const forBob = await alice('POST', '/api/v1/orders', { ...body, customer_id: randomUUID() });
      expect(forBob.status).toBe(403);
      expect(forBob.body.code).toBe('FORBIDDEN');
      expect((await kitchen('POST', '/api/v1/orders', body)).status).toBe(403);
      const noToken = await anonymous('POST', '/api/v1/orders', body);
      expect(noToken.status).toBe(401);
      expect(noToken.body.code).toBe('UNAUTHENTICATED');
      expect((await api(server().baseUrl, 'garbage')('POST', '/api/v1/orders', body)).status).toBe(401);
      expect(await stockOf(p)).toBe(10);
      const own = await alice('POST', '/api/v1/orders', { ...body, customer_id: aliceId });
      expect(own.status).toBe(201);
    });

    it('lets only admins change products', async () => {
      const put = await alice('PUT', '/api/v1/products/sneaky', {
        name: 'x',
        price: 1,
        currency: 'EUR',
        stock: 1,
      });
      expect(put.status).toBe(403);
      expect(
        (
          await anonymous('PUT', '/api/v1/products/sneaky', {
            name: 'x',
            price: 1,
            currency: 'EUR',
            stock: 1,
          })
        ).status,
      ).toBe(401);
    });
  });

  describe('bad input', () => {
    it.each([
      ['no items', { items: [] }],
      ['zero quantity', { items: [{ product_id: 'x', quantity: 0 }] }],
      ['fractional quantity', { items: [{ product_id: 'x', quantity: 1.5 }] }],
      ['unknown field', { items: [{ product_id: 'x', quantity: 1 }], status: 'PAID' }],
      ['unknown item field', { items: [{ product_id: 'x', quantity: 1, price: 0 }] }],
      ['not an object', [1, 2]],
    ])('answers 400 VALIDATION_FAILED for %s', async (_name, body) => {
      const response = await alice('POST', '/api/v1/orders', body);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.code).toBe('VALIDATION_FAILED');
    });

    it('answers malformed JSON with 400, a huge body with 413, and a wrong media type with 415', async () => {
      expect((await alice('POST', '/api/v1/orders', '{"items": [')).body.code).toBe('VALIDATION_FAILED');
      const huge = await alice('POST', '/api/v1/orders', {
        items: [{ product_id: 'x'.repeat(100), quantity: 1 }],
        pad: 'x'.repeat(200_000),
      });
      expect(huge.status).toBe(413);
      expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
      const text = await alice('POST', '/api/v1/orders', '<items/>', { 'content-type': 'application/xml' });
      expect(text.status).toBe(415);
      expect(text.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('never answers hostile values with a 500', async () => {
      const p = await newProduct(5);
      const probes: [ReturnType<typeof api>, string, string, unknown?][] = [
        [alice, 'GET', '/api/v1/orders/%00'],
        [alice, 'GET', '/api/v1/orders/%00/events'],
        [alice, 'POST', '/api/v1/orders/%00/payment'],
        [admin, 'GET', '/api/v1/orders?q=%00'],
        [admin, 'GET', '/api/v1/orders?created_from=0000-01-01T00:00:00Z'],
        [
          admin,
          'GET',
          `/api/v1/orders?cursor=${Buffer.from(JSON.stringify(['-100000-01-01T00:00:00Z', '00000000-0000-0000-0000-000000000000'])).toString('base64url')}`,
        ],
        [alice, 'POST', '/api/v1/orders', { items: [{ product_id: 'a\u0000', quantity: 1 }] }],
        [
          alice,
          'POST',
          '/api/v1/orders',
          { items: [{ product_id: p, quantity: 1 }], delivery: { address: 'x\u0000y' } },
        ],
        [admin, 'POST', '/api/v1/wallets/%00/top-ups', { amount: 1 }],
        [
          anonymous,
          'POST',
          '/api/v1/products/check-availability',
          { items: [{ product_id: '\u0000', quantity: 1 }] },
        ],
      ];
      for (const [client, method, path, body] of probes) {
        const response = await client(method, path, body);
        expect(response.status, `${method} ${path} → ${response.status} ${response.text}`).toBeLessThan(500);
        expect(response.headers.get('content-type')).toContain('json');
      }
      expect(await stockOf(p)).toBe(5);
    });

    it('refuses an order whose total the ledger could not hold', async () => {
      const p = await newProduct(100_000, 100_000_000);
      const response = await alice('POST', '/api/v1/orders', {
        items: [
          { product_id: p, quantity: 10_000 },
          { product_id: p, quantity: 10_000 },
        ],
      });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(await stockOf(p)).toBe(100_000);
    });

    it('authenticates before it validates: no token and a bad body is 401', async () => {
      const response = await anonymous('POST', '/api/v1/orders', { nonsense: true });
      expect(response.status).toBe(401);
    });

    it('answers unknown routes with a problem', async () => {
      const response = await anonymous('GET', '/api/v1/nothing-here');
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('NOT_FOUND');
    });

    it('caps page size at 100', async () => {
      const response = await alice('GET', '/api/v1/orders?limit=101');
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('PAGE_SIZE_TOO_LARGE');
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a retry with the first response, and does the work once', async () => {
      const p = await newProduct(10);
      const key = randomUUID();
      const body = { items: [{ product_id: p, quantity: 3 }] };
      const first = await alice('POST', '/api/v1/orders', body, { 'idempotency-key': key });
      const second = await alice('POST', '/api/v1/orders', body, { 'idempotency-key': key });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(await stockOf(p)).toBe(7);
    });

    it('answers the same key with a different body with 422, and changes nothing', async () => {
      const p = await newProduct(10);
      const key = randomUUID();
      await alice(
        'POST',
        '/api/v1/orders',
        { items: [{ product_id: p, quantity: 1 }] },
        { 'idempotency-key': key },
      );
      const other = await alice(
        'POST',
        '/api/v1/orders',
        { items: [{ product_id: p, quantity: 2 }] },
        { 'idempotency-key': key },
      );
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await stockOf(p)).toBe(9);
    });

    it('does the work once when the same request races itself', async () => {
      const p = await newProduct(100);
      const key = randomUUID();
      const body = { items: [{ product_id: p, quantity: 1 }] };
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => alice('POST', '/api/v1/orders', body, { 'idempotency-key': key })),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
      expect(new Set(answers.map((a) => a.body.order_id)).size).toBe(1);
      expect(await stockOf(p)).toBe(99);
    });

    it('keeps keys per buyer', async () => {
      const p = await newProduct(10);
      const key = randomUUID();
      const body = { items: [{ product_id: p, quantity: 1 }] };
      const a = await alice('POST', '/api/v1/orders', body, { 'idempotency-key': key });
      const b = await bob('POST', '/api/v1/orders', body, { 'idempotency-key': key });
      expect(b.status).toBe(201);
      expect(b.body.order_id).not.toBe(a.body.order_id);
    });
  });

  describe('no oversell', () => {
    it('sells exactly the last 10 units to 200 concurrent buyers', async () => {
      const p = await newProduct(10);
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          (i % 2 ? alice : bob)('POST', '/api/v1/orders', { items: [{ product_id: p, quantity: 1 }] }),
        ),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(10);
      expect(statuses.filter((s) => s === 400)).toHaveLength(190);
      expect(
        results.filter((r) => r.status === 400).every((r) => r.body.code === 'PRODUCT_UNAVAILABLE'),
      ).toBe(true);
      expect(await stockOf(p)).toBe(0);
    });
  });

  describe('operations', () => {
    it('serves health, readiness, metrics and the OpenAPI document', async () => {
      expect((await anonymous('GET', '/healthz')).body).toEqual({ status: 'ok' });
      const ready = await anonymous('GET', '/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: 'ready', checks: { database: 'ok', broker: 'ok' } });
      const metrics = await anonymous('GET', '/metrics');
      expect(metrics.text).toContain('orderflow_orders_created_total');
      expect(metrics.text).toContain('orderflow_outbox_lag_seconds');
      expect(metrics.text).toMatch(
        /orderflow_http_request_duration_seconds_bucket\{[^}]*route="\/api\/v1\/orders"/,
      );
      const openapi = await anonymous('GET', '/openapi.json');
      expect(openapi.body.openapi).toBe('3.1.0');
      expect(Object.keys(openapi.body.paths as object)).toEqual(
        expect.arrayContaining([
          '/api/v1/orders',
          '/api/v1/orders/{id}',
          '/api/v1/products/check-availability',
        ]),
      );
      expect((await fetch(`${server().baseUrl}/docs`)).status).toBe(200);
      const withId = await fetch(`${server().baseUrl}/healthz`, {
        headers: { 'x-request-id': 'trace-me-123' },
      });
      expect(withId.headers.get('x-request-id')).toBe('trace-me-123');
    });
  });
}
