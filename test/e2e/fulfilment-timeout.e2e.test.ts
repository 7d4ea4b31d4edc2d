import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { api, getToken, startTestServer, type TestServer } from '../support/orderflow-server.ts';

// An order no kitchen can make waits CONFIRMED, then is cancelled by the system and refunded
// after ASSIGNMENT_TIMEOUT_SECONDS; the admin list shows why.
describe('assignment timeout over real HTTP (embedded)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ ASSIGNMENT_TIMEOUT_SECONDS: '1', ASSIGNMENT_RETRY_INTERVAL_MS: '100' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('cancels and refunds an order nobody can take, with the reason in the admin list', async () => {
    const { baseUrl } = server;
    const admin = api(baseUrl, await getToken(baseUrl, 'admin'));
    const alice = api(baseUrl, await getToken(baseUrl, 'alice'));
    // A product without a recipe: no kitchen can make it.
    const product = `no-recipe-${Date.now()}`;
    const put = await admin('PUT', `/api/v1/products/${product}`, {
      name: `Mystery ${product}`,
      price: 300,
      currency: 'EUR',
      stock: 5,
    });
    expect(put.status).toBe(200);
    const before = (await alice('GET', '/api/v1/me/wallet')).body.balance as number;
    const placed = await alice('POST', '/api/v1/orders', {
      items: [{ product_id: product, quantity: 1 }],
      payment: { method: 'wallet' },
    });
    expect(placed.status, placed.text).toBe(201);
    const orderId = placed.body.order_id as string;
    await eventually(async () => {
      const read = await alice('GET', `/api/v1/orders/${orderId}`);
      expect(read.body.status).toBe('CANCELLED');
    });
    const read = await alice('GET', `/api/v1/orders/${orderId}`);
    expect((read.body.history as { status: string }[]).map((h) => h.status)).toEqual([
      'PENDING',
      'PAID',
      'CONFIRMED',
      'CANCELLED',
    ]);
    expect((await alice('GET', '/api/v1/me/wallet')).body.balance).toBe(before);
    const list = await admin('GET', `/api/v1/orders?status=CANCELLED&q=${product}`);
    expect(list.body.orders).toEqual([
      expect.objectContaining({ order_id: orderId, cancellation_reason: 'no kitchen available' }),
    ]);
  });
});
