import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerUrl, deleteNamespace } from '../contract/rabbitmq-fixture.ts';
import { type OrderflowProcess, spawnOrderflow } from '../support/child-process.ts';
import { eventually } from '../support/eventually.ts';
import { freePorts } from '../support/free-port.ts';
import { LiveClient } from '../support/live-client.ts';
import { auditOrders } from '../support/order-audit.ts';
import { api, getToken } from '../support/orderflow-server.ts';
import { createTestDatabase } from '../support/postgres.ts';

const ORDER = { items: [{ product_id: 'sandwich-veggie', quantity: 1 }] };
const TRICKLED = 4;

// Issue 13: SIGTERM under load. An API process and a consumer process are stopped while orders
// keep coming (through a second API, consumed by a second worker): readiness goes false first,
// requests the API had accepted are answered 2xx, its sockets close with 1012, no message is
// lost or applied twice, and both exit 0 within SHUTDOWN_GRACE_SECONDS.
describe('graceful shutdown on SIGTERM under load', () => {
  const namespace = `stop-${randomUUID().slice(0, 8)}`;
  const processes: OrderflowProcess[] = [];
  let databaseUrl: string;
  let dropDatabase: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  let apiA: OrderflowProcess;
  let workerA: OrderflowProcess;
  let urlA: string;
  let urlB: string;

  beforeAll(async () => {
    const database = await createTestDatabase();
    databaseUrl = database.url;
    dropDatabase = database.drop;
    dataDir = await mkdtemp(join(tmpdir(), 'orderflow-stop-'));
    const [portA, portB] = await freePorts(2);
    urlA = `http://127.0.0.1:${portA}`;
    urlB = `http://127.0.0.1:${portB}`;
    const shared = {
      DATABASE_URL: databaseUrl,
      BROKER_URL: brokerUrl,
      BROKER_EXCHANGE: namespace,
      BROKER_QUEUE_PREFIX: `${namespace}.`,
      DEMO_DATA: 'true',
      DATA_DIR: dataDir,
      PUBLIC_URL: urlA,
      HOST: '127.0.0.1',
      OUTBOX_POLL_MS: '50',
      SHUTDOWN_GRACE_SECONDS: '20',
    };
    const worker = { ...shared, ROLES: 'projections,fulfilment,notifications' };
    apiA = await spawnOrderflow(
      { ...shared, ROLES: 'api', PORT: String(portA), SHUTDOWN_READINESS_DELAY_MS: '1500' },
      90_000,
    );
    processes.push(apiA);
    const rest = await Promise.all([
      spawnOrderflow({ ...shared, ROLES: 'api', PORT: String(portB) }, 90_000),
      spawnOrderflow({ ...shared, ROLES: 'relay' }, 90_000),
      spawnOrderflow(worker, 90_000),
      spawnOrderflow(worker, 90_000),
    ]);
    processes.push(...rest);
    workerA = rest[2]!;
  }, 180_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    const amqp = await connect(brokerUrl);
    try {
      await deleteNamespace(await amqp.createChannel(), namespace);
    } finally {
      await amqp.close();
    }
    await dropDatabase?.();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('drains an API and a worker: 2xx for accepted requests, 1012 for sockets, nothing lost, exit 0', async () => {
    const token = await getToken(urlA, 'alice');
    // Stock for however many orders the load places before the SIGTERMs.
    const stocked = await api(urlA, await getToken(urlA, 'admin'))(
      'PUT',
      '/api/v1/products/sandwich-veggie',
      {
        name: 'Veggie sandwich',
        price: 550,
        currency: 'EUR',
        stock: 1_000_000,
      },
    );
    expect(stocked.status, stocked.text).toBeLessThan(300);
    const socket = await LiveClient.connect(urlA, { token });
    const accepted = new Map<string, string>();
    const failures: string[] = [];

    // Load on the other API, consumed by both workers, until well after the SIGTERMs.
    let loading = true;
    const onB = api(urlB, token);
    const load = Promise.all(
      Array.from({ length: 3 }, async () => {
        while (loading) {
          const placed = await onB('POST', '/api/v1/orders', ORDER);
          if (placed.status === 201) accepted.set(placed.body.order_id as string, 'PENDING');
          else failures.push(`B: ${placed.status} ${placed.text}`);
        }
      }),
    );
    await eventually(() => expect(accepted.size).toBeGreaterThanOrEqual(20), { timeoutMs: 60_000 });

    // Requests A has accepted (headers in, body half sent) when the signal comes.
    const trickled = Array.from({ length: TRICKLED }, () => trickledOrder(urlA, token));
    await eventually(() => expect(incomingOrders(apiA)).toBeGreaterThanOrEqual(TRICKLED), {
      timeoutMs: 20_000,
    });

    const exitA = once(apiA.child, 'exit');
    const exitWorker = once(workerA.child, 'exit');
    apiA.child.kill('SIGTERM');
    workerA.child.kill('SIGTERM');

    // Readiness goes false first, while the API still answers.
    const notReady = await eventually(
      async () => {
        const readyz = await fetch(`${urlA}/readyz`);
        expect(readyz.status).toBe(503);
        return (await readyz.json()) as { checks: Record<string, string> };
      },
      { timeoutMs: 5000 },
    );
    expect(notReady.checks).toEqual({ database: 'ok', broker: 'ok', accepting: 'down' });

    // Then the sockets are told to reconnect elsewhere, and the accepted requests complete.
    expect(await socket.closed).toMatchObject({ code: 1012 });
    await sleep(300);
    for (const order of trickled) order.finish();
    const answers = await Promise.all(trickled.map((order) => order.response));
    for (const answer of answers) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      accepted.set(answer.body.order_id as string, 'PENDING');
    }
    const [codeA] = (await exitA) as [number | null];
    const [codeWorker] = (await exitWorker) as [number | null];
    expect(codeA, apiA.output()).toBe(0);
    expect(codeWorker, workerA.output()).toBe(0);
    expect(workerA.output()).toContain('"msg":"orderflow stopped"');

    await sleep(1000);
    loading = false;
    await load;
    expect(failures).toEqual([]);

    // Every order's messages were handled once by the remaining worker (the stopped one handed
    // back what it had not acknowledged).
    const figures = await eventually(
      async () => {
        const audit = await auditOrders(databaseUrl, accepted, (answered) => answered);
        expect(audit.lost).toEqual([]);
        expect(audit.behind).toEqual([]);
        return audit;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(figures.duplicated).toEqual([]);
    console.log(`graceful shutdown: ${accepted.size} orders, ${TRICKLED} in flight at SIGTERM, none lost`);
  }, 240_000);
});

/** A POST /api/v1/orders on a connection of its own whose body is sent in two parts. */
function trickledOrder(baseUrl: string, token: string) {
  const text = JSON.stringify(ORDER);
  const half = Math.floor(text.length / 2);
  const req = request(`${baseUrl}/api/v1/orders`, {
    method: 'POST',
    agent: false,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    },
  });
  const response = new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    req.on('response', (res) => {
      let data = '';
      res.on('data', (chunk: Buffer) => (data += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data ? JSON.parse(data) : {} }));
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  req.write(text.slice(0, half));
  return { response, finish: () => req.end(text.slice(half)) };
}

/** POST /api/v1/orders requests the process has logged as arriving. */
function incomingOrders(process: OrderflowProcess): number {
  return process
    .output()
    .split('\n')
    .filter((line) => line.includes('"msg":"incoming request"') && line.includes('"url":"/api/v1/orders"'))
    .length;
}
