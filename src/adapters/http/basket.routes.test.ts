import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { injectedServer } from '../../../test/support/orderflow-server.ts';

// basket.routes over the real application (embedded PGlite, in-process bus, built-in identity).

const PROBLEM = 'application/problem+json';
const { call } = injectedServer(['alice', 'bob', 'admin'] as const);

const expectProblem = (response: Awaited<ReturnType<typeof call>>, status: number, code: string) => {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toContain(PROBLEM);
  expect(response.json()).toMatchObject({ status, code });
  return response.json();
};

const newProduct = async (price: number, stock: number, category = 'test') => {
  const id = `p-${randomUUID().slice(0, 8)}`;
  const response = await call('admin', 'PUT', `/api/v1/products/${id}`, {
    name: id,
    price,
    currency: 'EUR',
    stock,
    category,
  });
  expect(response.statusCode).toBe(200);
  return id;
};

const stockOf = async (id: string) =>
  (await call(undefined, 'GET', '/api/v1/products')).json().products.find((p: { id: string }) => p.id === id)
    .stock as number;

describe('GET /api/v1/menu', () => {
  it('groups products by category with what is available now', async () => {
    const response = await call(undefined, 'GET', '/api/v1/menu');
    expect(response.statusCode).toBe(200);
    const { categories } = response.json();
    expect(categories.map((c: { category: string }) => c.category)).toEqual(
      expect.arrayContaining(['sandwiches', 'soups', 'drinks', 'desserts']),
    );
    const desserts = categories.find((c: { category: string }) => c.category === 'desserts');
    expect(desserts.items).toContainEqual({
      product_id: 'cake-limited',
      name: 'Limited cheesecake',
      price: 550,
      currency: 'EUR',
      available: 0,
      is_available: false,
    });
  });
});

describe('/api/v1/me/basket', () => {
  it('starts empty, keeps what the buyer puts (merging repeated products) and prices it', async () => {
    expect((await call('bob', 'GET', '/api/v1/me/basket')).json()).toEqual({
      items: [],
      total: 0,
      currency: null,
      all_available: true,
      version: 0,
    });
    const put = await call('bob', 'PUT', '/api/v1/me/basket', {
      items: [
        { product_id: 'sandwich-club', quantity: 1 },
        { product_id: 'soup-tomato', quantity: 2 },
        { product_id: 'sandwich-club', quantity: 1 },
      ],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({
      total: 2 * 850 + 2 * 450,
      currency: 'EUR',
      all_available: true,
      version: 1,
      items: [
        {
          product_id: 'sandwich-club',
          quantity: 2,
          unit_price: 850,
          line_total: 1700,
          name: 'Club sandwich',
        },
        { product_id: 'soup-tomato', quantity: 2, line_total: 900 },
      ],
    });
    expect((await call('bob', 'GET', '/api/v1/me/basket')).json()).toEqual(put.json());
  });

  it('refuses unknown products, quantities beyond the limits and wrong types with 400', async () => {
    const unknown = expectProblem(
      await call('bob', 'PUT', '/api/v1/me/basket', { items: [{ product_id: 'nope', quantity: 1 }] }),
      400,
      'VALIDATION_FAILED',
    );
    expect(unknown.unknown_products).toEqual(['nope']);
    expectProblem(
      await call('bob', 'PUT', '/api/v1/me/basket', {
        items: [{ product_id: 'soup-tomato', quantity: 100 }],
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await call('bob', 'PUT', '/api/v1/me/basket', { items: [{ product_id: 'soup-tomato', quantity: 0 }] }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await call('bob', 'PUT', '/api/v1/me/basket', {
        items: [{ product_id: 'soup-tomato', quantity: '1' }],
      }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('is for buyers only', async () => {
    expectProblem(await call(undefined, 'GET', '/api/v1/me/basket'), 401, 'UNAUTHENTICATED');
    expectProblem(await call('admin', 'GET', '/api/v1/me/basket'), 403, 'FORBIDDEN');
    expectProblem(await call('admin', 'POST', '/api/v1/me/basket/checkout', {}), 403, 'FORBIDDEN');
  });
});

describe('POST /api/v1/me/basket/checkout', () => {
  it('places and pays the order from the basket, empties it, and replays on the same Idempotency-Key', async () => {
    const product = await newProduct(120, 10);
    await call('alice', 'PUT', '/api/v1/me/basket', { items: [{ product_id: product, quantity: 3 }] });
    const key = randomUUID();
    const placed = await call(
      'alice',
      'POST',
      '/api/v1/me/basket/checkout',
      { payment: { method: 'wallet' } },
      { 'idempotency-key': key },
    );
    expect(placed.statusCode, placed.body).toBe(201);
    expect(placed.json()).toMatchObject({
      status: 'PAID',
      total: 360,
      items: [{ product_id: product, quantity: 3 }],
    });
    expect(placed.headers.location).toBe(`/api/v1/orders/${placed.json().order_id}`);
    expect((await call('alice', 'GET', '/api/v1/me/basket')).json()).toMatchObject({ items: [], total: 0 });
    expect(await stockOf(product)).toBe(7);

    const retry = await call(
      'alice',
      'POST',
      '/api/v1/me/basket/checkout',
      { payment: { method: 'wallet' } },
      { 'idempotency-key': key },
    );
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().order_id).toBe(placed.json().order_id);
    expect(await stockOf(product)).toBe(7);
    expectProblem(await call('alice', 'POST', '/api/v1/me/basket/checkout', {}), 400, 'BASKET_EMPTY');
  });

  it('answers 400 with the availability items and keeps the basket when stock is short', async () => {
    const product = await newProduct(100, 2);
    await call('alice', 'PUT', '/api/v1/me/basket', { items: [{ product_id: product, quantity: 5 }] });
    const refused = expectProblem(
      await call('alice', 'POST', '/api/v1/me/basket/checkout', { payment: { method: 'wallet' } }),
      400,
      'PRODUCT_UNAVAILABLE',
    );
    expect(refused.items).toEqual([{ product_id: product, requested: 5, available: 2, is_available: false }]);
    const basket = (await call('alice', 'GET', '/api/v1/me/basket')).json();
    expect(basket).toMatchObject({
      all_available: false,
      items: [{ product_id: product, quantity: 5, available: 2 }],
    });
    expect(await stockOf(product)).toBe(2);
  });

  it('answers 406 INSUFFICIENT_FUNDS with balance and total and keeps the basket', async () => {
    const product = await newProduct(90_000, 5);
    await call('alice', 'PUT', '/api/v1/me/basket', { items: [{ product_id: product, quantity: 1 }] });
    const refused = expectProblem(
      await call('alice', 'POST', '/api/v1/me/basket/checkout', { payment: { method: 'wallet' } }),
      406,
      'INSUFFICIENT_FUNDS',
    );
    expect(refused).toMatchObject({ order_status: 'CANCELLED', required: 90_000, currency: 'EUR' });
    expect(typeof refused.balance).toBe('number');
    expect((await call('alice', 'GET', '/api/v1/me/basket')).json().items).toHaveLength(1);
  });
});

describe('GET /api/v1/me/order-page', () => {
  it('assembles recent orders, basket, menu and profile in one answer', async () => {
    const product = await newProduct(50, 10);
    await call('bob', 'PUT', '/api/v1/me/basket', { items: [{ product_id: product, quantity: 1 }] });
    const placed = await call('bob', 'POST', '/api/v1/me/basket/checkout', { payment: { method: 'wallet' } });
    expect(placed.statusCode, placed.body).toBe(201);
    await call('bob', 'PUT', '/api/v1/me/basket', { items: [{ product_id: 'soup-tomato', quantity: 1 }] });
    const page = await call('bob', 'GET', '/api/v1/me/order-page');
    expect(page.statusCode, page.body).toBe(200);
    const body = page.json();
    expect(body.orders[0].order_id).toBe(placed.json().order_id);
    expect(body.basket.items).toMatchObject([{ product_id: 'soup-tomato', quantity: 1 }]);
    expect(body.menu.categories.length).toBeGreaterThan(0);
    expect(body.profile).toMatchObject({ username: 'bob', roles: expect.arrayContaining(['buyer']) });
    expectProblem(await call('admin', 'GET', '/api/v1/me/order-page'), 403, 'FORBIDDEN');
  });
});
