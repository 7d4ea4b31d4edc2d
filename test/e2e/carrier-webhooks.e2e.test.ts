import { randomUUID } from 'node:crypto';
import { connect } from 'amqplib';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CARRIER_SECRET } from '../../src/contexts/delivery/index.ts';
import type { EventEnvelope } from '../../src/shared/envelope.ts';
import type { Subscription } from '../../src/shared/ports/message-bus.ts';
import { brokerUrl, deleteNamespace } from '../contract/rabbitmq-fixture.ts';
import { eventually } from '../support/eventually.ts';
import { api, getToken, startTestServer, type TestServer } from '../support/orderflow-server.ts';
import { createTestDatabase } from '../support/postgres.ts';

// Seed 002's shipped → delivered by signed carrier webhook (seed 000's status flow), over real
// HTTP, embedded and on PostgreSQL + RabbitMQ. Webhooks are signed by the `standardwebhooks`
// package — a client we did not write. Orders are placed by alice and made
// READY by the demo kitchen (fulfilment), as a newcomer would.

const RATE_LIMIT = 40;
const TAP = 'delivery-tap';

describe('carrier webhooks, embedded (PGlite)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ CARRIER_WEBHOOK_RATE_LIMIT: String(RATE_LIMIT) });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });
  carrierWebhookScenario(() => server);
});

describe('carrier webhooks, on PostgreSQL + RabbitMQ', () => {
  const namespace = `test-${randomUUID().slice(0, 8)}`;
  let server: TestServer;
  let dropDatabase: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const database = await createTestDatabase();
    dropDatabase = database.drop;
    server = await startTestServer({
      DATABASE_URL: database.url,
      BROKER_URL: brokerUrl,
      BROKER_EXCHANGE: namespace,
      BROKER_QUEUE_PREFIX: `${namespace}.`,
      DEMO_DATA: 'true',
      OUTBOX_POLL_MS: '50',
      CARRIER_WEBHOOK_RATE_LIMIT: String(RATE_LIMIT),
    });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    const amqp = await connect(brokerUrl);
    try {
      const channel = await amqp.createChannel();
      await deleteNamespace(channel, namespace, [`${namespace}.${TAP}`, `${namespace}.${TAP}.dlq`]);
    } finally {
      await amqp.close();
    }
    await dropDatabase?.();
  });
  carrierWebhookScenario(() => server);
});

type Client = ReturnType<typeof api>;

function carrierWebhookScenario(server: () => TestServer): void {
  let alice: Client;
  let admin: Client;
  let kitchen: Client;
  let courier: Client;
  let tap: Subscription;
  const published: EventEnvelope[] = [];

  beforeAll(async () => {
    const { baseUrl } = server();
    const aliceToken = await getToken(baseUrl, 'alice');
    alice = api(baseUrl, aliceToken);
    admin = api(baseUrl, await getToken(baseUrl, 'admin'));
    kitchen = api(baseUrl, await getToken(baseUrl, 'kitchen'));
    courier = api(baseUrl, await getToken(baseUrl, 'courier'));
    // Enough for every order this scenario places.
    const aliceId = JSON.parse(Buffer.from(aliceToken.split('.')[1]!, 'base64url').toString()).sub as string;
    expect((await admin('POST', `/api/v1/wallets/${aliceId}/top-ups`, { amount: 100_000 })).status).toBe(201);
    tap = await server().running.bus.subscribe(
      { group: TAP, topics: ['order.status_updated'] },
      async (m) => {
        published.push(m.envelope);
      },
    );
  });
  afterAll(async () => {
    await tap?.close();
  });

  const sign = (secret: string, id: string, body: string, at = new Date()) => ({
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  });
  const send = async (carrier: string, body: string, headers: Record<string, string>) =>
    api(server().baseUrl)('POST', `/api/v1/webhooks/carriers/${carrier}`, body, headers);
  const signedSend = (carrier: string, payload: unknown, secret = DEMO_CARRIER_SECRET, id = randomUUID()) => {
    const body = JSON.stringify(payload);
    return send(carrier, body, sign(secret, id, body));
  };
  const expectProblem = (response: Awaited<ReturnType<Client>>, status: number, code: string) => {
    expect(response.status, response.text).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, code });
  };

  const orderStatus = async (orderId: string) => {
    const { state } = await server().running.services.commands.load(orderId);
    return state.exists ? state.status : undefined;
  };
  /** alice orders without a delivery location: assigned to the demo kitchen's point, which marks it READY. */
  const readyOrder = async () => {
    const orderId = await assignedOrder();
    const ready = await kitchen('POST', `/api/v1/kitchen/orders/${orderId}/ready`);
    expect(ready.status, ready.text).toBe(200);
    return orderId;
  };
  const assignedOrder = async () => {
    const created = await alice('POST', '/api/v1/orders', {
      items: [{ product_id: 'sandwich-blt', quantity: 1 }],
      payment: { method: 'wallet' },
    });
    expect(created.status, created.text).toBe(201);
    const orderId = created.body.order_id as string;
    // Auto-confirm, then fulfilment assigns it (both from the bus).
    await eventually(async () => expect(await orderStatus(orderId)).toBe('ASSIGNED'));
    return orderId;
  };
  const shipped = async (carrier = 'demo') => {
    const orderId = await readyOrder();
    const shipment = await admin('POST', `/api/v1/orders/${orderId}/shipment`, { carrier });
    expect(shipment.status, shipment.text).toBe(201);
    return orderId;
  };
  const report = (orderId: string, status: string, extra: Record<string, unknown> = {}) => ({
    order_id: orderId,
    status,
    occurred_at: new Date().toISOString(),
    ...extra,
  });
  /** The order's status messages from the carrier's part on (IN_DELIVERY, DELIVERED). */
  const statusMessages = (orderId: string) =>
    published
      .filter((e) => e.data.order_id === orderId)
      .map((e) => e.data as Record<string, unknown>)
      .filter((data) => data.current_status === 'IN_DELIVERY' || data.current_status === 'DELIVERED');

  it('seed 002: shipment, signed SHIPPED → IN_DELIVERY with tracking, signed DELIVERED → DELIVERED; on the read side and the bus', async () => {
    const orderId = await readyOrder();
    const inKitchen = async () =>
      (await admin('GET', '/api/v1/food-points/fp-mitte')).body.in_kitchen as number;
    const before = await inKitchen();
    // The kitchen of the order's point hands it over; its slot comes free.
    const shipment = await kitchen('POST', `/api/v1/orders/${orderId}/shipment`, { carrier: 'demo' });
    expect(shipment.status, shipment.text).toBe(201);
    expect(shipment.body).toMatchObject({ order_id: orderId, carrier_id: 'demo', tracking_number: null });
    expect(await inKitchen()).toBe(before - 1);
    expect(await orderStatus(orderId)).toBe('READY');

    const first = await signedSend(
      'demo',
      report(orderId, 'SHIPPED', { tracking_number: 'TRK123456789', carrier: 'FedEx' }),
    );
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({ order_id: orderId, outcome: 'APPLIED', status: 'IN_DELIVERY' });
    await eventually(async () => {
      const view = await alice('GET', `/api/v1/orders/${orderId}`);
      expect(view.body).toMatchObject({
        status: 'IN_DELIVERY',
        tracking_number: 'TRK123456789',
        carrier: 'Demo Express',
      });
    });
    await eventually(() =>
      expect(statusMessages(orderId)).toContainEqual(
        expect.objectContaining({
          previous_status: 'READY',
          current_status: 'IN_DELIVERY',
          tracking_number: 'TRK123456789',
          carrier: 'Demo Express',
        }),
      ),
    );

    const deliveredAt = '2030-01-17T16:45:00.000Z';
    const second = await signedSend(
      'demo',
      report(orderId, 'DELIVERED', { delivered_at: deliveredAt, delivery_location: 'Front door' }),
    );
    expect(second.status, second.text).toBe(200);
    expect(second.body).toMatchObject({ outcome: 'APPLIED', status: 'DELIVERED' });
    await eventually(async () => {
      const view = await alice('GET', `/api/v1/orders/${orderId}`);
      expect(view.body).toMatchObject({
        status: 'DELIVERED',
        tracking_number: 'TRK123456789',
        carrier: 'Demo Express',
        delivered_at: deliveredAt,
        delivery_location: 'Front door',
      });
    });
    await eventually(() =>
      expect(statusMessages(orderId)).toContainEqual(
        expect.objectContaining({
          previous_status: 'IN_DELIVERY',
          current_status: 'DELIVERED',
          delivered_at: deliveredAt,
          delivery_location: 'Front door',
        }),
      ),
    );
    const envelope = published.find(
      (e) => e.data.order_id === orderId && e.data.current_status === 'DELIVERED',
    )!;
    expect(Object.keys(envelope).sort()).toEqual(['data', 'event_id', 'event_type', 'source', 'timestamp']);
    expect(envelope.event_type).toBe('order.status_updated');

    const history = await admin('GET', `/api/v1/orders/${orderId}/shipment`);
    expect(history.status).toBe(200);
    expect(
      (history.body.history as { carrier_status: string; outcome: string }[]).map((h) => [
        h.carrier_status,
        h.outcome,
      ]),
    ).toEqual([
      ['SHIPPED', 'APPLIED'],
      ['DELIVERED', 'APPLIED'],
    ]);
    expect(history.body.tracking_number).toBe('TRK123456789');
  });

  it('a replayed webhook-id changes nothing; an older status is recorded and answered 200', async () => {
    const orderId = await shipped();
    const body = JSON.stringify(report(orderId, 'SHIPPED', { tracking_number: 'TRK-R' }));
    const headers = sign(DEMO_CARRIER_SECRET, `msg_${randomUUID()}`, body);
    expect((await send('demo', body, headers)).body).toMatchObject({
      outcome: 'APPLIED',
      status: 'IN_DELIVERY',
    });
    const events = async () =>
      ((await admin('GET', `/api/v1/orders/${orderId}/events`)).body.events as unknown[]).length;
    const before = await events();
    const replay = await send('demo', body, headers);
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ outcome: 'DUPLICATE', status: 'IN_DELIVERY' });
    expect(await events()).toBe(before);

    const delivered = await signedSend('demo', report(orderId, 'DELIVERED'));
    expect(delivered.body).toMatchObject({ outcome: 'APPLIED', status: 'DELIVERED' });
    const late = await signedSend('demo', report(orderId, 'IN_TRANSIT'));
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ outcome: 'STALE', status: 'DELIVERED' });
    await eventually(() =>
      expect(statusMessages(orderId).map((m) => m.current_status)).toEqual(['IN_DELIVERY', 'DELIVERED']),
    );
  });

  it('a DELIVERED report for a READY order picks it up and delivers it in one go', async () => {
    const orderId = await shipped();
    const response = await signedSend('demo', report(orderId, 'COMPLETED', { tracking_number: 'TRK-D' }));
    expect(response.body).toMatchObject({ outcome: 'APPLIED', status: 'DELIVERED' });
    await eventually(() =>
      expect(statusMessages(orderId).map((m) => [m.previous_status, m.current_status])).toEqual([
        ['READY', 'IN_DELIVERY'],
        ['IN_DELIVERY', 'DELIVERED'],
      ]),
    );
  });

  it('401 for a tampered body, a wrong secret, a stale or future timestamp, a missing header, an unknown carrier', async () => {
    const orderId = await shipped();
    const body = JSON.stringify(report(orderId, 'SHIPPED'));
    const good = sign(DEMO_CARRIER_SECRET, randomUUID(), body);
    expectProblem(
      await send('demo', body.replace('SHIPPED', 'DELIVERED'), good),
      401,
      'WEBHOOK_SIGNATURE_INVALID',
    );
    const wrongSecret = `whsec_${Buffer.from(randomUUID()).toString('base64')}`;
    expectProblem(
      await send('demo', body, sign(wrongSecret, randomUUID(), body)),
      401,
      'WEBHOOK_SIGNATURE_INVALID',
    );
    const stale = new Date(Date.now() - 6 * 60_000);
    expectProblem(
      await send('demo', body, sign(DEMO_CARRIER_SECRET, randomUUID(), body, stale)),
      401,
      'WEBHOOK_TIMESTAMP_OUT_OF_RANGE',
    );
    const future = new Date(Date.now() + 6 * 60_000);
    expectProblem(
      await send('demo', body, sign(DEMO_CARRIER_SECRET, randomUUID(), body, future)),
      401,
      'WEBHOOK_TIMESTAMP_OUT_OF_RANGE',
    );
    for (const missing of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      const { [missing]: _gone, ...rest } = good as Record<string, string>;
      expectProblem(await send('demo', body, rest), 401, 'WEBHOOK_HEADERS_MISSING');
    }
    expectProblem(await send('nobody', body, good), 401, 'WEBHOOK_CARRIER_UNKNOWN');
    // None of them moved the order; the good one still does.
    expect((await send('demo', body, good)).body).toMatchObject({
      outcome: 'APPLIED',
      status: 'IN_DELIVERY',
    });
  });

  it('rotation: a second secret works beside the first; a retired one is refused (401)', async () => {
    const id = `rot-${randomUUID().slice(0, 8)}`;
    const created = await admin('POST', '/api/v1/carriers', { carrier_id: id, display_name: 'Rotating Co' });
    expect(created.status, created.text).toBe(201);
    const oldSecret = created.body.secret as { secret: string; secret_id: string };
    const listed = await admin('GET', '/api/v1/carriers');
    expect(JSON.stringify(listed.body)).not.toContain(oldSecret.secret);
    const added = await admin('POST', `/api/v1/carriers/${id}/secrets`);
    expect(added.status).toBe(201);
    const newSecret = added.body.secret as string;
    const orderId = await shipped(id);
    // Several signatures in one header: any one matching is enough.
    const body = JSON.stringify(report(orderId, 'SHIPPED'));
    const both = sign(oldSecret.secret, randomUUID(), body);
    const viaNew = new Webhook(newSecret).sign(
      both['webhook-id'],
      new Date(Number(both['webhook-timestamp']) * 1000),
      body,
    );
    expect((await send(id, body, { ...both, 'webhook-signature': `v1,bm90LWl0 ${viaNew}` })).status).toBe(
      200,
    );
    expect((await signedSend(id, report(orderId, 'IN_TRANSIT'), oldSecret.secret)).status).toBe(200);
    expect((await admin('DELETE', `/api/v1/carriers/${id}/secrets/${oldSecret.secret_id}`)).status).toBe(204);
    expectProblem(
      await signedSend(id, report(orderId, 'DELIVERED'), oldSecret.secret),
      401,
      'WEBHOOK_SIGNATURE_INVALID',
    );
    expect((await signedSend(id, report(orderId, 'DELIVERED'), newSecret)).body).toMatchObject({
      status: 'DELIVERED',
    });
    const last = (await admin('GET', `/api/v1/carriers/${id}`)).body.secrets as { secret_id: string }[];
    expectProblem(
      await admin('DELETE', `/api/v1/carriers/${id}/secrets/${last[0]!.secret_id}`),
      409,
      'CARRIER_LAST_SECRET',
    );
  });

  it('400 for a signed but invalid body; 404 unknown order; 409 an order not handed to this carrier', async () => {
    const noTime = await signedSend('demo', { order_id: randomUUID(), status: 'SHIPPED' });
    expectProblem(noTime, 400, 'VALIDATION_FAILED');
    const notJson = 'not json';
    expectProblem(
      await send('demo', notJson, {
        ...sign(DEMO_CARRIER_SECRET, randomUUID(), notJson),
        'content-type': 'application/json',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await signedSend('demo', report(randomUUID(), 'SHIPPED')), 404, 'ORDER_NOT_FOUND');
    const orderId = await readyOrder();
    expectProblem(await signedSend('demo', report(orderId, 'SHIPPED')), 409, 'ORDER_NOT_WITH_CARRIER');
  });

  it('shipment: admin or the point’s kitchen, only a READY order (409), once (409); buyers and couriers 403', async () => {
    const assigned = await assignedOrder();
    expectProblem(
      await admin('POST', `/api/v1/orders/${assigned}/shipment`, { carrier: 'demo' }),
      409,
      'ORDER_INVALID_TRANSITION',
    );
    expect((await kitchen('POST', `/api/v1/kitchen/orders/${assigned}/ready`)).status).toBe(200);
    const orderId = assigned;
    expectProblem(
      await alice('POST', `/api/v1/orders/${orderId}/shipment`, { carrier: 'demo' }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await courier('POST', `/api/v1/orders/${orderId}/shipment`, { carrier: 'demo' }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await admin('POST', `/api/v1/orders/${orderId}/shipment`, { carrier: 'nope' }),
      404,
      'CARRIER_NOT_FOUND',
    );
    expectProblem(
      await admin('POST', `/api/v1/orders/${randomUUID()}/shipment`, { carrier: 'demo' }),
      404,
      'ORDER_NOT_FOUND',
    );
    expect((await admin('POST', `/api/v1/orders/${orderId}/shipment`, { carrier: 'demo' })).status).toBe(201);
    const again = await admin('POST', `/api/v1/orders/${orderId}/shipment`, { carrier: 'demo' });
    expect(again.status).toBe(409);
    // A handed-over order is no courier job any more, nor theirs to learn about.
    expectProblem(await courier('POST', `/api/v1/courier/orders/${orderId}/pickup`), 404, 'ORDER_NOT_FOUND');
  });

  it("shipment: another point's kitchen learns nothing, whatever the carrier (visibility first)", async () => {
    // Delivered near Kreuzberg: not the demo kitchen user's point.
    const placed = await alice('POST', '/api/v1/orders', {
      items: [{ product_id: 'soup-tomato', quantity: 1 }],
      delivery: { address: 'Bergmannstr. 1', lat: 52.4987, lon: 13.4031 },
      payment: { method: 'wallet' },
    });
    expect(placed.status, placed.text).toBe(201);
    const orderId = placed.body.order_id as string;
    await eventually(async () => expect(await orderStatus(orderId)).toBe('ASSIGNED'));
    for (const carrier of ['nope', 'demo']) {
      expectProblem(
        await kitchen('POST', `/api/v1/orders/${orderId}/shipment`, { carrier }),
        404,
        'ORDER_NOT_FOUND',
      );
    }
  });

  it(`rate limits each carrier: request ${RATE_LIMIT + 1} in a window is 429 with Retry-After`, async () => {
    const id = `rl-${randomUUID().slice(0, 8)}`;
    const created = await admin('POST', '/api/v1/carriers', { carrier_id: id, display_name: 'Busy Co' });
    const secret = (created.body.secret as { secret: string }).secret;
    // Forged requests under its name are refused and do not use up its quota.
    for (let i = 0; i < 5; i++) {
      const forged = await signedSend(id, report(randomUUID(), 'SHIPPED'), DEMO_CARRIER_SECRET);
      expect(forged.status).toBe(401);
    }
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT; i++)
      statuses.push((await signedSend(id, report(randomUUID(), 'SHIPPED'), secret)).status);
    expect(new Set(statuses)).toEqual(new Set([404]));
    const limited = await signedSend(id, report(randomUUID(), 'SHIPPED'), secret);
    expectProblem(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another carrier has a quota of its own.
    expect((await signedSend('demo', report(randomUUID(), 'SHIPPED'))).status).toBe(404);
  });
}
