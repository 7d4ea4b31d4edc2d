import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerUrl, deleteNamespace } from '../contract/rabbitmq-fixture.ts';
import { eventually } from '../support/eventually.ts';
import { auditSystem, readModelSnapshot, stillOpen } from '../support/fault-audit.ts';
import { FollowingSocket, LifecycleDriver, prepareLifecycles } from '../support/fault-load.ts';
import { freePorts } from '../support/free-port.ts';
import { auditOrders } from '../support/order-audit.ts';
import { getToken } from '../support/orderflow-server.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { RoleProcess } from '../support/role-process.ts';
import { runCli } from '../support/run-process.ts';
import { type SmtpTestServer, startSmtpTestServer } from '../support/smtp-test-server.ts';

const ORDERS = 120;
const STARTUP_MS = 240_000;

// Loopback ports the kernel says are free (see freePorts), asked once for the whole file.
const ports = await freePorts(2);

// An operator starts the roles in whatever order the platform does: the consumers and the hub
// first, on a database no process has migrated yet; the API after them; orders taken while no
// relay and no projection runs; the relay and the projections late; then the relay and the
// projections killed mid-load and started again. Every order must still run its whole
// lifecycle, every consumer group apply every message once, and the read model equal a rebuild.
describe('roles started in a hostile order, publishers before consumers and consumers before the schema', () => {
  const namespace = `hostile-${randomUUID().slice(0, 8)}`;
  const apiUrl = `http://127.0.0.1:${ports[0]}`;
  const hubUrl = `http://127.0.0.1:${ports[1]}`;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;
  let smtp: SmtpTestServer;
  const roles: RoleProcess[] = [];
  let role: (name: string, kind: string, extra?: Record<string, string>) => RoleProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'orderflow-hostile-'));
    smtp = await startSmtpTestServer();
    const shared = {
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: '4',
      BROKER_URL: brokerUrl,
      BROKER_EXCHANGE: namespace,
      BROKER_QUEUE_PREFIX: `${namespace}.`,
      DEMO_DATA: 'true',
      DATA_DIR: dataDir,
      PUBLIC_URL: apiUrl,
      HOST: '127.0.0.1',
      AUTO_CONFIRM: 'true',
      SMTP_URL: smtp.url,
      ASSIGNMENT_RETRY_INTERVAL_MS: '500',
      LIVE_UPDATES_CATCHUP_MS: '1000',
      SHUTDOWN_GRACE_SECONDS: '10',
    };
    role = (name, kind, extra = {}) => {
      const process = new RoleProcess(name, { ...shared, ROLES: kind, ...extra });
      roles.push(process);
      return process;
    };
  }, 60_000);

  afterAll(async () => {
    await Promise.all(roles.map((r) => r.stop()));
    const amqp = await connect(brokerUrl);
    await deleteNamespace(await amqp.createChannel(), namespace).catch(() => {});
    await amqp.close();
    await smtp?.close();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('loses nothing and applies nothing twice', async () => {
    // Consumers and the hub first, on an empty database; the API a moment later.
    const early = [
      role('notifications', 'notifications'),
      role('fulfilment', 'fulfilment'),
      role('hub', 'hub', { PORT: String(ports[1]) }),
    ];
    const starting = Promise.all(early.map((r) => r.start(STARTUP_MS)));
    await sleep(1000);
    await role('api', 'api', { PORT: String(ports[0]) }).start(STARTUP_MS);
    await starting;

    const tokens = Object.fromEntries(
      await Promise.all(
        ['alice', 'bob', 'admin', 'kitchen', 'courier'].map(
          async (u) => [u, await getToken(apiUrl, u)] as const,
        ),
      ),
    ) as Record<string, string>;
    await prepareLifecycles(apiUrl, tokens.admin!, tokens.courier!);
    const sockets = [
      new FollowingSocket('alice', [hubUrl], tokens.alice!),
      new FollowingSocket('bob', [hubUrl], tokens.bob!),
    ];
    await Promise.all(sockets.map((s) => s.start()));

    // Orders are taken with no relay and no projection running.
    const driver = new LifecycleDriver([apiUrl], tokens);
    const running = driver.run(ORDERS, 8);
    while (driver.placed < 8 && !driver.failed) await sleep(50);
    await sleep(2000);
    expect(driver.completed).toBe(0);
    const relay = role('relay', 'relay');
    await relay.start(STARTUP_MS);
    await sleep(2000);
    const projections = role('projections', 'projections');
    await projections.start(STARTUP_MS);
    const reached = async (n: number) => {
      while (driver.completed < n && !driver.failed) await sleep(100);
    };
    await reached(ORDERS * 0.3);
    await relay.kill();
    await sleep(500);
    await relay.start(STARTUP_MS);
    await reached(ORDERS * 0.6);
    await projections.kill();
    await sleep(500);
    await projections.start(STARTUP_MS);
    await running;
    expect(driver.failed, driver.failed).toBeUndefined();
    expect(driver.accepted.size).toBe(ORDERS);

    const settled = await eventually(
      async () => {
        const orders = await auditOrders(database.url, driver.accepted, () => 'DELIVERED');
        const system = await auditSystem(database.url);
        if (stillOpen(orders, system, sockets) > 0) throw new Error('not settled');
        return { orders, system };
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const { orders, system } = settled;
    expect(orders.duplicated).toEqual([]);
    expect(orders.walletsOff).toEqual([]);
    expect(system.withoutOutbox).toEqual([]);
    expect(system.counters).toEqual([]);
    expect(system.notifications.sentTwice).toEqual([]);
    expect(smtp.received).toHaveLength(ORDERS);
    for (const socket of sockets) {
      expect(socket.duplicates(), socket.user).toBe(0);
      expect(socket.outOfOrder(), socket.user).toBe(0);
    }
    await Promise.all(sockets.map((s) => s.stop()));

    // The read model equals a rebuild from the event store.
    await projections.stop();
    const before = await readModelSnapshot(database.url);
    const rebuild = await runCli(['projections', 'rebuild'], { DATABASE_URL: database.url }, 120_000);
    expect(rebuild.code, rebuild.stderr).toBe(0);
    const after = await readModelSnapshot(database.url);
    expect(after.size).toBe(ORDERS);
    expect([...after.keys()].filter((id) => before.get(id) !== after.get(id))).toEqual([]);
  }, 600_000);
});
