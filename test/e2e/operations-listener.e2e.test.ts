import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerUrl, deleteNamespace } from '../contract/rabbitmq-fixture.ts';
import { type OrderflowProcess, spawnOrderflow } from '../support/child-process.ts';
import { freePort } from '../support/free-port.ts';
import { createTestDatabase } from '../support/postgres.ts';

// A process without the api role (the relay, the projections) used to expose no HTTP at all:
// its unroutable counter, outbox lag and consumers could not be scraped.
describe('operations listener in processes without the api role', { timeout: 240_000 }, () => {
  const namespace = `test-${randomUUID().slice(0, 8)}`;
  const processes: OrderflowProcess[] = [];
  let dropDatabase: (() => Promise<void>) | undefined;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    const database = await createTestDatabase();
    dropDatabase = database.drop;
    dataDir = await mkdtemp(join(tmpdir(), 'orderflow-ops-'));
    env = {
      DATABASE_URL: database.url,
      BROKER_URL: brokerUrl,
      BROKER_EXCHANGE: namespace,
      BROKER_QUEUE_PREFIX: `${namespace}.`,
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      OUTBOX_POLL_MS: '50',
    };
  }, 120_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    const amqp = await connect(brokerUrl);
    const channel = await amqp.createChannel();
    await deleteNamespace(channel, namespace, []);
    await amqp.close();
    await dropDatabase?.();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const get = async (port: number, path: string) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      text: await response.text(),
    };
  };

  it('a relay-only process serves /metrics, /healthz and /readyz on METRICS_PORT, on 127.0.0.1', async () => {
    const metricsPort = await freePort();
    const relay = await spawnOrderflow(
      { ...env, ROLES: 'relay', METRICS_PORT: String(metricsPort) },
      120_000,
    );
    processes.push(relay);
    expect(relay.output()).toContain(`"metricsUrl":"http://127.0.0.1:${metricsPort}"`);

    const metrics = await get(metricsPort, '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.type).toContain('text/plain');
    expect(metrics.text).toContain('orderflow_bus_unroutable_total');
    expect(metrics.text).toContain('orderflow_outbox_lag_seconds');
    expect(metrics.text).toContain('orderflow_outbox_pending_messages');

    expect(await get(metricsPort, '/healthz')).toMatchObject({ status: 200 });
    const ready = await get(metricsPort, '/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toEqual({
      status: 'ready',
      checks: { database: 'ok', broker: 'ok', accepting: 'ok' },
    });
    // Only operations routes: the API is not served there.
    const api = await get(metricsPort, '/api/v1/products');
    expect(api.status).toBe(404);
    expect(api.type).toContain('application/problem+json');
  });

  it('a projections-only process too, and behind METRICS_TOKEN when one is set', async () => {
    const metricsPort = await freePort();
    const token = 'a-scrape-token-of-some-length';
    processes.push(
      await spawnOrderflow(
        { ...env, ROLES: 'projections', METRICS_PORT: String(metricsPort), METRICS_TOKEN: token },
        120_000,
      ),
    );
    expect((await get(metricsPort, '/metrics')).status).toBe(401);
    const response = await fetch(`http://127.0.0.1:${metricsPort}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('orderflow_bus_unroutable_total');
  });
});
