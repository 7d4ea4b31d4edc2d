import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'amqplib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerUrl, deleteNamespace } from '../contract/rabbitmq-fixture.ts';
import { type OrderflowProcess, spawnOrderflow } from '../support/child-process.ts';
import { eventually } from '../support/eventually.ts';
import { freePort } from '../support/free-port.ts';
import { api, getToken } from '../support/orderflow-server.ts';
import { createTestDatabase } from '../support/postgres.ts';

const ORDERS = 100;
const ASSIGNERS = 3;

// Issue 9: 100 orders confirmed at once compete for a point with 10 slots, and for a second
// point whose ingredients run out after 7 orders, with several assigner processes (the
// `projections` role runs the fulfilment consumer and the waiting list's retries) on one
// PostgreSQL database and one RabbitMQ namespace. No slot or ingredient may be taken twice.
describe('assignment with several assigner processes (PostgreSQL + RabbitMQ)', () => {
  const namespace = `test-${randomUUID().slice(0, 8)}`;
  const processes: OrderflowProcess[] = [];
  let baseUrl: string;
  let dataDir: string;
  let databaseUrl: string;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    const database = await createTestDatabase();
    databaseUrl = database.url;
    dropDatabase = database.drop;
    dataDir = await mkdtemp(join(tmpdir(), 'orderflow-assigners-'));
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const shared = {
      DATABASE_URL: database.url,
      BROKER_URL: brokerUrl,
      BROKER_EXCHANGE: namespace,
      BROKER_QUEUE_PREFIX: `${namespace}.`,
      DEMO_DATA: 'true',
      DATA_DIR: dataDir,
      PUBLIC_URL: baseUrl,
      HOST: '127.0.0.1',
      OUTBOX_POLL_MS: '50',
      RATE_LIMIT_PER_IP: '0',
      RATE_LIMIT_PER_USER: '0',
      ASSIGNMENT_RETRY_INTERVAL_MS: '200',
    };
    // The first process migrates and seeds alone; the assigners start together.
    processes.push(await spawnOrderflow({ ...shared, ROLES: 'api,relay', PORT: String(port) }, 90_000));
    processes.push(
      ...(await Promise.all(
        Array.from({ length: ASSIGNERS }, () =>
          spawnOrderflow({ ...shared, ROLES: 'projections,fulfilment,notifications' }, 90_000),
        ),
      )),
    );
  }, 180_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    const amqp = await connect(brokerUrl);
    await deleteNamespace(await amqp.createChannel(), namespace);
    await amqp.close();
    await dropDatabase?.();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('assigns exactly 10 orders to the 10-slot point and 7 to the one with ingredients for 7; the rest wait', async () => {
    const admin = api(baseUrl, await getToken(baseUrl, 'admin'));
    const aliceToken = await getToken(baseUrl, 'alice');
    const alice = api(baseUrl, aliceToken);
    const aliceId = JSON.parse(Buffer.from(aliceToken.split('.')[1]!, 'base64url').toString()).sub as string;
    const tag = randomUUID().slice(0, 8);
    const [bread, product] = [`bread-${tag}`, `race-${tag}`];
    const put = async (path: string, body: unknown) => {
      const response = await admin('PUT', path, body);
      expect(response.status, `${path}: ${response.text}`).toBeLessThan(300);
    };
    await put(`/api/v1/products/${product}`, {
      name: 'Race sandwich',
      price: 1,
      currency: 'EUR',
      stock: 1000,
    });
    await put(`/api/v1/products/${product}/recipe`, { ingredients: { [bread]: 2 } });
    // Far from the demo points (Berlin), and only these two hold the recipe's ingredient.
    const slots = 'race-slots';
    const stock = 'race-stock';
    await put(`/api/v1/food-points/${slots}`, {
      name: 'Ten slots',
      location: { lat: 40.001, lon: -3.7 },
      accepts_delivery: true,
      capacity: 10,
    });
    await put(`/api/v1/food-points/${slots}/stock`, { ingredients: { [bread]: 1000 } });
    await put(`/api/v1/food-points/${stock}`, {
      name: 'Bread for seven',
      location: { lat: 40.01, lon: -3.7 },
      accepts_delivery: true,
      capacity: 1000,
    });
    await put(`/api/v1/food-points/${stock}/stock`, { ingredients: { [bread]: 15 } });
    expect((await admin('POST', `/api/v1/wallets/${aliceId}/top-ups`, { amount: 10_000 })).status).toBe(201);

    const placed = await Promise.all(
      Array.from({ length: ORDERS }, () =>
        alice('POST', '/api/v1/orders', {
          items: [{ product_id: product, quantity: 1 }],
          delivery: { address: 'Plaza Mayor', lat: 40, lon: -3.7 },
          payment: { method: 'wallet' },
        }),
      ),
    );
    expect(placed.map((p) => p.status)).toEqual(Array(ORDERS).fill(201));
    const ids = placed.map((p) => p.body.order_id as string);

    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
        (await db.query<T>(text, values)).rows;
      // Every order was confirmed and handled by an assigner: assigned, or on the waiting list.
      await eventually(
        async () => {
          const [{ n }] = (await query<{ n: string }>(
            'select count(*) as n from fulfilment_orders where order_id = any($1)',
            [ids],
          )) as [{ n: string }];
          expect(Number(n)).toBe(ORDERS);
        },
        { timeoutMs: 60_000, intervalMs: 200 },
      );
      const assigned = await query<{ point: string; n: string }>(
        `select data ->> 'food_point_id' as point, count(*) as n from events
         where event_type = 'FoodPointAssigned' and data ->> 'order_id' = any($1) group by 1 order by 1`,
        [ids],
      );
      expect(assigned.map((r) => [r.point, Number(r.n)])).toEqual([
        [slots, 10],
        [stock, 7],
      ]);
      // Each order assigned at most once.
      const [{ n: twice }] = (await query<{ n: string }>(
        `select count(*) as n from (select data ->> 'order_id' from events where event_type = 'FoodPointAssigned'
         group by 1 having count(*) > 1) x`,
      )) as [{ n: string }];
      expect(Number(twice)).toBe(0);
      const points = await query<{ id: string; in_kitchen: number; quantity: number }>(
        `select p.id, p.in_kitchen, s.quantity from food_points p
         join food_point_stock s on s.food_point_id = p.id and s.ingredient = $1 order by p.id`,
        [bread],
      );
      expect(points).toEqual([
        { id: slots, in_kitchen: 10, quantity: 1000 - 20 },
        { id: stock, in_kitchen: 7, quantity: 1 },
      ]);
      const waiting = await query<{ n: string }>(
        "select count(*) as n from fulfilment_orders where status = 'WAITING' and order_id = any($1)",
        [ids],
      );
      expect(Number(waiting[0]!.n)).toBe(ORDERS - 17);
      const negative = await query<{ n: string }>(
        'select count(*) as n from food_point_stock where quantity < 0',
      );
      expect(Number(negative[0]!.n)).toBe(0);
      // The read side agrees.
      await eventually(async () => {
        const fresh = await query<{ status: string; n: string }>(
          'select status, count(*) as n from order_summaries where order_id = any($1::uuid[]) group by 1 order by 1',
          [ids],
        );
        expect(fresh.map((r) => [r.status, Number(r.n)])).toEqual([
          ['ASSIGNED', 17],
          ['CONFIRMED', ORDERS - 17],
        ]);
      });
    } finally {
      await db.end();
    }
  });
});
