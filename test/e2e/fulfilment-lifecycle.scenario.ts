import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EventEnvelope } from '../../src/shared/envelope.ts';
import type { Subscription } from '../../src/shared/ports/message-bus.ts';
import { eventually } from '../support/eventually.ts';
import { tokenWithClaims } from '../support/live-client.ts';
import { api, getToken, type TestServer } from '../support/orderflow-server.ts';

type Client = ReturnType<typeof api>;

/** The bus group the scenario listens on (tests delete its queue from a shared broker). */
export const STATUS_TAP_GROUP = 'test-fulfilment-tap';

/**
 * Seed 001's whole lifecycle over real HTTP with the demo users: alice orders without a
 * delivery location and pays → PAID → CONFIRMED (auto-confirm) → ASSIGNED to the kitchen
 * user's point → the kitchen marks it READY → the courier picks it up (IN_DELIVERY) and
 * delivers it (DELIVERED). Each status is read back from GET /api/v1/orders/{id} and seen on
 * the bus as `order.status_updated` with previous_status/current_status.
 */
export function fulfilmentLifecycleScenario(server: () => TestServer): void {
  let alice: Client;
  let bob: Client;
  let admin: Client;
  let kitchen: Client;
  let courier: Client;
  let courierId: string;
  /** A second courier (same role, another user): the racer. */
  let courier2: Client;
  let tap: Subscription | undefined;
  const published: EventEnvelope[] = [];

  beforeAll(async () => {
    const { baseUrl, running } = server();
    const tokens = await Promise.all(
      ['alice', 'bob', 'admin', 'kitchen', 'courier'].map((user) => getToken(baseUrl, user)),
    );
    const [a, b, ad, k, c] = tokens.map((token) => api(baseUrl, token));
    [alice, bob, admin, kitchen, courier] = [a!, b!, ad!, k!, c!];
    courierId = JSON.parse(Buffer.from(tokens[4]!.split('.')[1]!, 'base64url').toString()).sub;
    const other = await tokenWithClaims(server().dataDir, tokens[4]!, {
      sub: randomUUID(),
      preferred_username: 'courier-2',
    });
    courier2 = api(baseUrl, other);
    tap = await running.bus.subscribe(
      { group: STATUS_TAP_GROUP, topics: ['order.status_updated'] },
      async (message) => {
        published.push(message.envelope);
      },
    );
  });
  afterAll(async () => {
    await tap?.close();
  });

  const statusOf = async (client: Client, orderId: string) => {
    const read = await client('GET', `/api/v1/orders/${orderId}`);
    expect(read.status, read.text).toBe(200);
    return read.body.status as string;
  };
  const moves = (orderId: string) =>
    published
      .filter((e) => e.data.order_id === orderId)
      .map((e) => `${String(e.data.previous_status)}→${String(e.data.current_status)}`);

  it('walks created → paid → confirmed → assigned → ready → in_delivery → delivered with the demo users', async () => {
    const placed = await alice('POST', '/api/v1/orders', {
      items: [{ product_id: 'sandwich-club', quantity: 2 }],
      payment: { method: 'wallet' },
    });
    expect(placed.status, placed.text).toBe(201);
    expect(placed.body.status).toBe('PAID');
    const orderId = placed.body.order_id as string;

    // Auto-confirm, then assignment to the point where `kitchen` works (no delivery location).
    await eventually(async () => expect(await statusOf(alice, orderId)).toBe('ASSIGNED'));
    const assigned = await alice('GET', `/api/v1/orders/${orderId}`);
    expect(assigned.body.food_point_id).toBe('fp-mitte');
    const queue = await kitchen('GET', '/api/v1/kitchen/orders');
    expect(queue.status, queue.text).toBe(200);
    expect(queue.body.food_point_id).toBe('fp-mitte');
    const mine = (queue.body.orders as { order_id: string; items: unknown[] }[]).find(
      (o) => o.order_id === orderId,
    );
    expect(mine?.items).toEqual([expect.objectContaining({ product_id: 'sandwich-club', quantity: 2 })]);
    expect(await statusOf(kitchen, orderId)).toBe('ASSIGNED');
    // Not READY yet: couriers do not see it; buyers never see another's order.
    expect((await courier('GET', `/api/v1/orders/${orderId}`)).status).toBe(404);
    expect((await bob('GET', `/api/v1/orders/${orderId}`)).status).toBe(404);
    // Nor may they learn its status by trying to pick it up.
    const early = await courier('POST', `/api/v1/courier/orders/${orderId}/pickup`);
    expect(early.status).toBe(404);
    expect(early.body.code).toBe('ORDER_NOT_FOUND');
    expect(JSON.stringify(early.body)).not.toContain('ASSIGNED');

    const ready = await kitchen('POST', `/api/v1/kitchen/orders/${orderId}/ready`);
    expect(ready.status, ready.text).toBe(200);
    expect(ready.body).toEqual({ order_id: orderId, status: 'READY', previous_status: 'ASSIGNED' });
    expect(await statusOf(alice, orderId)).toBe('READY');

    expect((await courier('PUT', '/api/v1/courier/location', { lat: 52.52, lon: 13.41 })).status).toBe(200);
    const jobs = await courier('GET', '/api/v1/courier/orders');
    expect(jobs.status, jobs.text).toBe(200);
    expect((jobs.body.orders as { order_id: string }[]).map((o) => o.order_id)).toContain(orderId);
    expect(await statusOf(courier, orderId)).toBe('READY');

    const pickedUp = await courier('POST', `/api/v1/courier/orders/${orderId}/pickup`);
    expect(pickedUp.status, pickedUp.text).toBe(200);
    expect(pickedUp.body).toMatchObject({ status: 'IN_DELIVERY', previous_status: 'READY' });
    expect(await statusOf(alice, orderId)).toBe('IN_DELIVERY');
    expect(await statusOf(courier, orderId)).toBe('IN_DELIVERY');

    const delivered = await courier('POST', `/api/v1/courier/orders/${orderId}/deliver`);
    expect(delivered.status, delivered.text).toBe(200);
    expect(delivered.body).toMatchObject({ status: 'DELIVERED', previous_status: 'IN_DELIVERY' });
    const final = await alice('GET', `/api/v1/orders/${orderId}`);
    expect(final.body.status).toBe('DELIVERED');
    expect((final.body.history as { status: string }[]).map((h) => h.status)).toEqual([
      'PENDING',
      'PAID',
      'CONFIRMED',
      'ASSIGNED',
      'READY',
      'IN_DELIVERY',
      'DELIVERED',
    ]);
    expect(typeof final.body.delivered_at).toBe('string');

    await eventually(() =>
      expect(moves(orderId)).toEqual([
        'PENDING→PAID',
        'PAID→CONFIRMED',
        'CONFIRMED→ASSIGNED',
        'ASSIGNED→READY',
        'READY→IN_DELIVERY',
        'IN_DELIVERY→DELIVERED',
      ]),
    );
    const pickup = published.find(
      (e) => e.data.order_id === orderId && e.data.current_status === 'IN_DELIVERY',
    );
    expect(pickup).toMatchObject({ event_type: 'order.status_updated', data: { courier_id: courierId } });
    const done = published.find((e) => e.data.order_id === orderId && e.data.current_status === 'DELIVERED');
    expect(typeof done?.data.delivered_at).toBe('string');

    // The slot came free at pickup: the point's load is back where it was.
    const point = await admin('GET', '/api/v1/food-points/fp-mitte');
    expect(point.status).toBe(200);
    expect(point.body.in_kitchen).toBe(0);
  });

  it('lets exactly one of two couriers racing over HTTP pick an order up; the other gets 409', async () => {
    const placed = await alice('POST', '/api/v1/orders', {
      items: [{ product_id: 'sandwich-club', quantity: 1 }],
      payment: { method: 'wallet' },
    });
    expect(placed.status, placed.text).toBe(201);
    const orderId = placed.body.order_id as string;
    await eventually(async () => expect(await statusOf(alice, orderId)).toBe('ASSIGNED'));
    expect((await kitchen('POST', `/api/v1/kitchen/orders/${orderId}/ready`)).status).toBe(200);
    const path = `/api/v1/courier/orders/${orderId}/pickup`;
    const answers = await Promise.all([courier('POST', path), courier2('POST', path)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const lost = answers.find((a) => a.status === 409)!;
    expect(lost.body).toMatchObject({ code: 'ORDER_INVALID_TRANSITION', current_status: 'IN_DELIVERY' });
    // Only the winner delivers; the loser is told the order does not exist.
    const [winner, loser] = answers[0]!.status === 200 ? [courier, courier2] : [courier2, courier];
    expect((await loser('POST', `/api/v1/courier/orders/${orderId}/deliver`)).status).toBe(404);
    expect((await winner('POST', `/api/v1/courier/orders/${orderId}/deliver`)).status).toBe(200);
    // Still the loser of a race once delivered: 409.
    expect((await loser('POST', path)).status).toBe(409);
  });

  it("answers 403 to the wrong role and 404 for another point's order", async () => {
    expect((await alice('GET', '/api/v1/kitchen/orders')).status).toBe(403);
    expect((await courier('GET', '/api/v1/kitchen/orders')).status).toBe(403);
    expect((await kitchen('PUT', '/api/v1/courier/location', { lat: 1, lon: 2 })).status).toBe(403);
    expect((await alice('GET', '/api/v1/courier/orders')).status).toBe(403);
    const forbidden = await kitchen('GET', '/api/v1/food-points');
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get('content-type')).toContain('application/problem+json');

    // Delivered near Kreuzberg: its kitchen, not the demo kitchen user's, gets it.
    const placed = await alice('POST', '/api/v1/orders', {
      items: [{ product_id: 'soup-tomato', quantity: 1 }],
      delivery: { address: 'Bergmannstr. 1', lat: 52.4987, lon: 13.4031 },
      payment: { method: 'wallet' },
    });
    expect(placed.status, placed.text).toBe(201);
    const orderId = placed.body.order_id as string;
    await eventually(async () => expect(await statusOf(alice, orderId)).toBe('ASSIGNED'));
    expect((await alice('GET', `/api/v1/orders/${orderId}`)).body.food_point_id).toBe('fp-kreuzberg');
    const ready = await kitchen('POST', `/api/v1/kitchen/orders/${orderId}/ready`);
    expect(ready.status).toBe(404);
    expect(ready.body.code).toBe('ORDER_NOT_FOUND');
    expect((await kitchen('GET', `/api/v1/orders/${orderId}`)).status).toBe(404);
    const queue = await kitchen('GET', '/api/v1/kitchen/orders');
    expect((queue.body.orders as { order_id: string }[]).map((o) => o.order_id)).not.toContain(orderId);
    expect((await courier('POST', `/api/v1/courier/orders/${orderId}/deliver`)).status).toBe(404);
  });

  it('lets admins manage food points, stock, staff and recipes', async () => {
    const id = `fp-${Date.now()}`;
    const body = { name: 'Test point', location: { lat: 1, lon: 2 }, accepts_delivery: false, capacity: 3 };
    const created = await admin('PUT', `/api/v1/food-points/${id}`, body);
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ id, in_kitchen: 0, stock: {} });
    expect((await admin('PUT', `/api/v1/food-points/${id}`, { ...body, capacity: 4 })).status).toBe(200);
    const stocked = await admin('PUT', `/api/v1/food-points/${id}/stock`, { ingredients: { bread: 5 } });
    expect(stocked.body).toMatchObject({ capacity: 4, stock: { bread: 5 } });
    const staffed = await admin('PUT', `/api/v1/food-points/${id}/staff/some-user`);
    expect(staffed.body.staff).toEqual(['some-user']);
    expect((await admin('GET', '/api/v1/food-points')).body.food_points).toContainEqual(
      expect.objectContaining({ id: 'fp-mitte', accepts_delivery: true }),
    );
    expect((await admin('PUT', `/api/v1/food-points/${id}`, { ...body, capacity: '4' })).status).toBe(400);
    expect((await admin('PUT', '/api/v1/food-points/nope/stock', { ingredients: { a: 1 } })).body.code).toBe(
      'FOOD_POINT_NOT_FOUND',
    );
    expect((await admin('GET', '/api/v1/products/sandwich-club/recipe')).body).toMatchObject({
      product_id: 'sandwich-club',
      ingredients: { bread: 2 },
    });
    const recipe = await admin('PUT', '/api/v1/products/no-such-product/recipe', { ingredients: { a: 1 } });
    expect(recipe.body.code).toBe('PRODUCT_NOT_FOUND');
    expect((await alice('GET', '/api/v1/products/sandwich-club/recipe')).status).toBe(403);
  });
}
