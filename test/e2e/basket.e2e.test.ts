import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { api, getToken, type TestServer } from '../support/orderflow-server.ts';
import { describeOnEmbeddedAndPostgres } from '../support/server-modes.ts';

// Seed 001's basket over real HTTP, on PGlite and on PostgreSQL: fill, check out (paid), retry
// the checkout with the same Idempotency-Key, read the order page; concurrent checkouts of one
// basket with one key place one order.
describeOnEmbeddedAndPostgres('Basket and order page over HTTP', (server: () => TestServer) => {
  const client = async (user: string) => api(server().baseUrl, await getToken(server().baseUrl, user));

  it('checks out the basket once, replays the retry and shows the order on the order page', async () => {
    const bob = await client('bob');
    const put = await bob('PUT', '/api/v1/me/basket', {
      items: [
        { product_id: 'sandwich-blt', quantity: 1 },
        { product_id: 'drink-lemonade', quantity: 2 },
      ],
    });
    expect(put.status, put.text).toBe(200);
    expect(put.body).toMatchObject({ total: 750 + 2 * 300, currency: 'EUR' });

    const key = randomUUID();
    const checkout = () =>
      bob(
        'POST',
        '/api/v1/me/basket/checkout',
        { payment: { method: 'wallet' } },
        { 'idempotency-key': key },
      );
    const [first, second] = await Promise.all([checkout(), checkout()]);
    expect([first.status, second.status], first.text + second.text).toEqual([201, 201]);
    expect(first.body.order_id).toBe(second.body.order_id);
    expect(first.body).toMatchObject({ status: 'PAID', total: 1350 });
    const retry = await checkout();
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.order_id).toBe(first.body.order_id);

    const page = await bob('GET', '/api/v1/me/order-page');
    expect(page.status, page.text).toBe(200);
    const orders = page.body.orders as { order_id: string }[];
    expect(orders.filter((o) => o.order_id === first.body.order_id)).toHaveLength(1);
    expect(page.body.basket).toMatchObject({ items: [], total: 0 });
    expect((page.body.profile as { username: string }).username).toBe('bob');
    const wallet = await bob('GET', '/api/v1/me/wallet');
    expect(
      (wallet.body.operations as { order_id: string | null }[]).filter(
        (o) => o.order_id === first.body.order_id,
      ),
    ).toHaveLength(1);
  });

  it('keeps the basket when the checkout is refused', async () => {
    const alice = await client('alice');
    await alice('PUT', '/api/v1/me/basket', { items: [{ product_id: 'cake-limited', quantity: 1 }] });
    const refused = await alice('POST', '/api/v1/me/basket/checkout', { payment: { method: 'wallet' } });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({
      code: 'PRODUCT_UNAVAILABLE',
      items: [{ product_id: 'cake-limited', available: 0 }],
    });
    expect((await alice('GET', '/api/v1/me/basket')).body.items).toHaveLength(1);
  });
});
