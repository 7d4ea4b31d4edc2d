import { randomUUID } from 'node:crypto';
import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';
import { connect } from 'amqplib';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { brokerUrl, deleteNamespace } from '../contract/rabbitmq-fixture.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { lines, runServerToExit, spawnServer } from '../support/run-process.ts';

const EX_UNAVAILABLE = 69;
const cleanups: (() => Promise<unknown>)[] = [];
/** Connections through forwarders: a server's `close` waits for them, so they are cut first. */
const forwarded = new Set<Socket>();
afterEach(async () => {
  for (const socket of forwarded) socket.destroy();
  forwarded.clear();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}, 120_000);

async function freshDatabase(): Promise<string> {
  const database = await createTestDatabase();
  cleanups.push(database.drop);
  return database.url;
}

async function tableCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select count(*)::int as n from information_schema.tables where table_schema = 'public'`,
    );
    return rows[0].n as number;
  } finally {
    await client.end();
  }
}

async function listen(server: Server, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  cleanups.push(() => new Promise((done) => server.close(done)));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

/** A port nothing listens on (bound for a moment, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((done) => server.close(done));
  return port;
}

/** A TCP forwarder to `target` on `port`, standing in for a service that comes up late. */
function forwarder(target: number): Server {
  return createServer((socket) => {
    const upstream = netConnect(target, '127.0.0.1');
    forwarded.add(socket).add(upstream);
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
}

const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);

describe('start-up failures are one line naming what is wrong, with no partial work', {
  timeout: 300_000,
}, () => {
  it('an unreachable database names DATABASE_URL, password redacted', async () => {
    const run = await runServerToExit({
      DATABASE_URL: 'postgres://orderflow:s3cret-pw@127.0.0.1:1/orderflow',
      BROKER_URL: brokerUrl,
      STARTUP_TIMEOUT_SECONDS: '1',
    });
    expect(run.code).toBe(EX_UNAVAILABLE);
    expect(lines(run.stderr)).toEqual([
      expect.stringContaining(
        'cannot connect to the database (DATABASE_URL=postgres://orderflow:***@127.0.0.1:1/orderflow): connect ECONNREFUSED 127.0.0.1:1',
      ),
    ]);
    expect(run.stdout + run.stderr).not.toContain('s3cret-pw');
  });

  it('an unreachable broker names BROKER_URL and fails before migrating or seeding', async () => {
    const databaseUrl = await freshDatabase();
    const run = await runServerToExit({
      DATABASE_URL: databaseUrl,
      BROKER_URL: 'amqp://guest:s3cret-pw@127.0.0.1:1',
      DEMO_DATA: 'true',
      STARTUP_TIMEOUT_SECONDS: '1',
    });
    expect(run.code).toBe(EX_UNAVAILABLE);
    expect(lines(run.stderr)).toEqual([
      expect.stringContaining(
        'cannot connect to the message broker (BROKER_URL=amqp://guest:***@127.0.0.1:1): connect ECONNREFUSED 127.0.0.1:1',
      ),
    ]);
    expect(run.stdout + run.stderr).not.toContain('s3cret-pw');
    expect(await tableCount(databaseUrl)).toBe(0);
  });

  it('a port in use names PORT, HOST and the address, before migrating', async () => {
    const databaseUrl = await freshDatabase();
    const namespace = `test-${randomUUID().slice(0, 8)}`;
    cleanups.push(async () => {
      const amqp = await connect(brokerUrl);
      await deleteNamespace(await amqp.createChannel(), namespace);
      await amqp.close();
    });
    const port = await listen(createServer());
    const run = await runServerToExit({
      DATABASE_URL: databaseUrl,
      BROKER_URL: brokerUrl,
      BROKER_EXCHANGE: namespace,
      BROKER_QUEUE_PREFIX: `${namespace}.`,
      DEMO_DATA: 'true',
      HOST: '127.0.0.1',
      PORT: String(port),
    });
    expect(run.code).toBe(EX_UNAVAILABLE);
    expect(lines(run.stderr)).toEqual([
      `orderflow: cannot listen on 127.0.0.1:${port} (PORT=${port}, HOST=127.0.0.1): the address is already in use`,
    ]);
    noStack(run.stdout + run.stderr);
    expect(await tableCount(databaseUrl)).toBe(0);
  });

  it('waits, with retries, for a database and a broker that come up late', async () => {
    const realDatabase = await freshDatabase();
    const namespace = `test-${randomUUID().slice(0, 8)}`;
    cleanups.push(async () => {
      const amqp = await connect(brokerUrl);
      await deleteNamespace(await amqp.createChannel(), namespace);
      await amqp.close();
    });
    const [databasePort, brokerPort] = [await closedPort(), await closedPort()];
    const lateDatabase = new URL(realDatabase);
    lateDatabase.host = `127.0.0.1:${databasePort}`;
    const lateBroker = new URL(brokerUrl);
    lateBroker.host = `127.0.0.1:${brokerPort}`;
    const server = spawnServer({
      DATABASE_URL: lateDatabase.toString(),
      BROKER_URL: lateBroker.toString(),
      BROKER_EXCHANGE: namespace,
      BROKER_QUEUE_PREFIX: `${namespace}.`,
      HOST: '127.0.0.1',
      PORT: String(await closedPort()),
      STARTUP_TIMEOUT_SECONDS: '240',
    });
    cleanups.push(async () => {
      server.kill();
      await server.exited;
    });
    await server.waitFor('database not reachable yet; retrying');
    expect(await tableCount(realDatabase)).toBe(0);
    await listen(forwarder(Number(new URL(realDatabase).port || 5432)), databasePort);
    await server.waitFor('broker not reachable yet; retrying');
    await listen(forwarder(Number(new URL(brokerUrl).port || 5672)), brokerPort);
    await server.waitFor('"msg":"orderflow started"');
    expect(await tableCount(realDatabase)).toBeGreaterThan(0);
  });
});
