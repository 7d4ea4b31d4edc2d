import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildOrderInfo } from '../../src/read-model/order-info/rebuild.ts';
import { eventually } from '../support/eventually.ts';
import { api, getToken, startTestServer, type TestServer } from '../support/orderflow-server.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { runCli } from '../support/run-process.ts';

/** A mixed workload: plain, paid, failed-payment, cancelled, confirmed and refunded orders. */
async function mixedWorkload(server: TestServer): Promise<string[]> {
  const { baseUrl } = server;
  const client = async (user: string) => api(baseUrl, await getToken(baseUrl, user));
  const alice = await client('alice');
  const bob = await client('bob');
  const admin = await client('admin');
  await admin('PUT', '/api/v1/products/rebuild-cheap', {
    name: 'Rebuild bagel',
    price: 120,
    currency: 'EUR',
    stock: 500,
  });
  await admin('PUT', '/api/v1/products/rebuild-dear', {
    name: 'Rebuild caviar',
    price: 9_000_000,
    currency: 'EUR',
    stock: 5,
  });
  const ids: string[] = [];
  const place = async (as: typeof alice, body: object) => {
    const response = await as('POST', '/api/v1/orders', body);
    ids.push(response.body.order_id as string);
    return response.body.order_id as string;
  };
  for (let i = 0; i < 4; i++)
    await place(alice, { items: [{ product_id: 'rebuild-cheap', quantity: i + 1 }] });
  const paid = await place(alice, {
    items: [{ product_id: 'rebuild-cheap', quantity: 1 }],
    payment: { method: 'wallet' },
  });
  await place(bob, { items: [{ product_id: 'rebuild-dear', quantity: 1 }], payment: { method: 'wallet' } });
  const toCancel = await place(bob, {
    items: [{ product_id: 'rebuild-cheap', quantity: 2 }],
    payment: { method: 'wallet' },
  });
  await admin('POST', `/api/v1/orders/${paid}/confirm`);
  await bob('POST', `/api/v1/orders/${toCancel}/cancel`, { reason: 'rebuild test' });
  await alice('POST', `/api/v1/orders/${ids[0]}/payment`);
  await admin('POST', `/api/v1/orders/${ids[1]}/cancel`);
  return ids;
}

const snapshot = async (server: TestServer) =>
  (
    await sql<Record<string, unknown>>`
      select order_id, customer_id, customer_name, customer_email, status, items, total, currency, delivery,
             history, details, version, created_at, last_event_at, search::text as search
      from order_summaries order by order_id`.execute(server.running.storage.db)
  ).rows;

/** Waits until every order's view has caught up with its stream. */
async function settled(server: TestServer): Promise<void> {
  await eventually(async () => {
    const { rows } = await sql<{ behind: string | number }>`
      select count(*) as behind from streams s
      left join order_summaries o on s.stream_id = 'order-' || o.order_id::text
      where s.stream_type = 'order' and (o.order_id is null or o.version < s.version)`.execute(
      server.running.storage.db,
    );
    expect(Number(rows[0]!.behind)).toBe(0);
  });
}

describe('rebuilding the order-info view from the event store', () => {
  let server: TestServer;
  let databaseUrl: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await createTestDatabase();
    databaseUrl = database.url;
    drop = database.drop;
    server = await startTestServer({ DATABASE_URL: database.url, DEMO_DATA: 'true', AUTO_CONFIRM: 'false' });
  });
  afterAll(async () => {
    await server?.stop();
    await drop?.();
  });

  it('yields the same view as the live projection after a mixed workload', async () => {
    const ids = await mixedWorkload(server);
    await settled(server);
    const live = await snapshot(server);
    expect(live.length).toBeGreaterThanOrEqual(ids.length);
    expect(new Set(live.map((r) => r.status))).toEqual(
      new Set(['PENDING', 'PAID', 'CONFIRMED', 'CANCELLED']),
    );

    await sql`update order_summaries set status = 'DELIVERED', total = 0`.execute(server.running.storage.db);
    const result = await rebuildOrderInfo(server.running.storage);
    expect(result.orders).toBe(live.length);
    expect(await snapshot(server)).toEqual(live);
  });

  it('runs as a command, `orderflow projections rebuild`, with progress and a summary', async () => {
    await settled(server);
    const live = await snapshot(server);
    await sql`delete from order_summaries`.execute(server.running.storage.db);
    const run = await runCli(['projections', 'rebuild', '--batch-size', '5'], {
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'silent',
    });
    expect(run.code, run.stderr).toBe(0);
    const done = [...run.stderr.matchAll(/^ {2}(\d+) of (\d+) events \(\d+%\)$/gm)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    const total = done[0]?.[1] ?? -1;
    expect(done.length).toBeGreaterThan(2);
    expect(done.map(([n]) => n)).toEqual(done.map(([n]) => n).sort((x, y) => x! - y!));
    expect(done.at(-1)).toEqual([total, total]);
    expect(run.stdout).toMatch(
      new RegExp(`^rebuilt order-info: ${live.length} orders from ${total} events in [\\d.]+ s\n$`),
    );
    expect(await snapshot(server)).toEqual(live);
  });
});
