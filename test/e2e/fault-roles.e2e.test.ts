import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ChannelModel, connect } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDERFLOW_GROUPS } from '../contract/rabbitmq-fixture.ts';
import { eventually } from '../support/eventually.ts';
import {
  auditLetters,
  auditSystem,
  describeUndelivered,
  readModelSnapshot,
  stillOpen,
  terminateBackends,
} from '../support/fault-audit.ts';
import { FollowingSocket, LifecycleDriver, prepareLifecycles } from '../support/fault-load.ts';
import { freePorts } from '../support/free-port.ts';
import { type AuditFigures, auditOrders } from '../support/order-audit.ts';
import { getToken } from '../support/orderflow-server.ts';
import { createTestDatabase, POSTGRES_ADMIN_URL } from '../support/postgres.ts';
import { createPrivateBroker, type PrivateBroker } from '../support/private-broker.ts';
import { RoleProcess } from '../support/role-process.ts';
import { runCli } from '../support/run-process.ts';
import { type SmtpTestServer, startSmtpTestServer } from '../support/smtp-test-server.ts';

/** Orders driven through the whole lifecycle: the issue's 2,000 (fewer for a quick look: FAULT_ORDERS=60). */
const ORDERS = Number(process.env.FAULT_ORDERS ?? 2000);
const IN_FLIGHT = 8;
/** Twelve processes compiling TypeScript at once on two cores start slowly. */
const STARTUP_MS = 480_000;
const KINDS = ['api', 'hub', 'relay', 'projections', 'fulfilment', 'notifications'] as const;
type Kind = (typeof KINDS)[number];

// Loopback ports the kernel says are free (see freePorts), asked once for the whole file.
const ports = await freePorts(4);

// Issue 13's fault suite: every role as two OS processes on a fresh database and a RabbitMQ
// node of the suite's own (so stopping it disturbs no other test on the machine). Paid orders
// go through payment, auto-confirm, assignment, the kitchen and the courier, with letters to an
// SMTP server and live sockets on the hubs, while one process of each kind is SIGKILLed and
// restarted, the broker connections are cut, the broker is stopped and started, and the
// database's connections are terminated. Then: nothing lost, nothing applied twice, anywhere.
describe('fault: two of every role, killed and cut while orders run their whole lifecycle', () => {
  const namespace = `fault-${randomUUID().slice(0, 8)}`;
  const apiUrls = [`http://127.0.0.1:${ports[0]}`, `http://127.0.0.1:${ports[1]}`];
  const hubUrls = [`http://127.0.0.1:${ports[2]}`, `http://127.0.0.1:${ports[3]}`];
  let databaseUrl: string;
  let dropDatabase: (() => Promise<void>) | undefined;
  let broker: PrivateBroker | undefined;
  let dataDir: string | undefined;
  let smtp: SmtpTestServer | undefined;
  const roles = new Map<Kind, RoleProcess[]>();
  const all = () => [...roles.values()].flat();

  beforeAll(async () => {
    broker = await createPrivateBroker(`orderflow-${namespace}`);
    const [database] = await Promise.all([createTestDatabase(), broker.start()]);
    databaseUrl = database.url;
    dropDatabase = database.drop;
    dataDir = await mkdtemp(join(tmpdir(), 'orderflow-fault-'));
    smtp = await startSmtpTestServer();
    const shared = {
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '4',
      BROKER_URL: broker.url,
      BROKER_EXCHANGE: namespace,
      BROKER_QUEUE_PREFIX: `${namespace}.`,
      DEMO_DATA: 'true',
      DATA_DIR: dataDir,
      PUBLIC_URL: apiUrls[0]!,
      HOST: '127.0.0.1',
      AUTO_CONFIRM: 'true',
      OUTBOX_POLL_MS: '50',
      SMTP_URL: smtp.url,
      // A payment cut off between debit and "paid" by a kill is finished soon, not in 30 s.
      PAYMENT_RECOVERY_GRACE_MS: '3000',
      PAYMENT_RECOVERY_INTERVAL_MS: '500',
      // A letter whose sender was killed is taken over soon, not after two minutes (the lease
      // must cover twice the longest send: 3 × the provider timeout).
      NOTIFICATION_PROVIDER_TIMEOUT_MS: '1500',
      NOTIFICATION_SEND_LEASE_MS: '10000',
      NOTIFICATION_RETRY_BASE_MS: '200',
      // Attempts cut off by the 1.5 s timeout on a loaded machine are retried for minutes, as the
      // default policy's 8 attempts from a 2 s base are (about 4), not given up after 25 s.
      NOTIFICATION_RETRY_MAX_MS: '5000',
      NOTIFICATION_MAX_ATTEMPTS: '40',
      NOTIFICATION_RETRY_POLL_MS: '200',
      ASSIGNMENT_RETRY_INTERVAL_MS: '500',
      LIVE_UPDATES_CATCHUP_MS: '1000',
      // The suite's end stops twelve processes at once on a loaded machine.
      SHUTDOWN_GRACE_SECONDS: '10',
    };
    const twoOf = (kind: Kind, env: (i: number) => Record<string, string> = () => ({})) =>
      roles.set(
        kind,
        [0, 1].map((i) => new RoleProcess(`${kind}#${i + 1}`, { ...shared, ROLES: kind, ...env(i) })),
      );
    twoOf('api', (i) => ({ PORT: String(ports[i]) }));
    twoOf('hub', (i) => ({ PORT: String(ports[2 + i]) }));
    for (const kind of ['relay', 'projections', 'fulfilment', 'notifications'] as const) twoOf(kind);
  }, 240_000);

  afterAll(async () => {
    await Promise.all(all().map((role) => role.stop()));
    await broker?.dispose();
    await smtp?.close();
    await dropDatabase?.();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 300_000);

  it(
    'loses nothing and applies nothing twice: orders, consumers, read model, wallets, stock, letters, sockets',
    async () => {
      const started = Date.now();
      // The first API migrates and seeds alone; the others start together (consumers included).
      await roles.get('api')![0]!.start(STARTUP_MS);
      await Promise.all(
        all()
          .slice(1)
          .map((role) => role.start(STARTUP_MS)),
      );
      console.log(
        `fault suite: ${all().length} processes up in ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );

      const tokens = Object.fromEntries(
        await Promise.all(
          ['alice', 'bob', 'admin', 'kitchen', 'courier'].map(
            async (u) => [u, await getToken(apiUrls[0]!, u)] as const,
          ),
        ),
      );
      await prepareLifecycles(apiUrls[0]!, tokens.admin!, tokens.courier!);
      const sockets = [
        new FollowingSocket('alice', [hubUrls[0]!, hubUrls[1]!], tokens.alice!),
        new FollowingSocket('bob', [hubUrls[1]!, hubUrls[0]!], tokens.bob!),
      ];
      await Promise.all(sockets.map((socket) => socket.start()));
      const driver = new LifecycleDriver(apiUrls, tokens as Record<string, string>);

      // The broker connections cut, the broker stopped and started, one process of each kind
      // SIGKILLed (and restarted), then the database connections terminated, all mid-stream.
      const t0 = Date.now();
      const mark = (what: string) =>
        console.log(
          `${((Date.now() - t0) / 1000).toFixed(1)}s ${what}, ${driver.completed} orders delivered`,
        );
      const restarts: Promise<void>[] = [];
      let brokerCuts = 0;
      let brokerRestarts = 0;
      let deliveredBeforeBrokerStop = 0;
      /** When a sender's attempt could be cut off: a notifications process killed, the connections terminated. */
      const notificationKills: number[] = [];
      let terminated = 0;
      let placedAtTermination = 0;
      const faults = (async () => {
        const reached = async (n: number) => {
          while (driver.completed < n && !driver.failed) await sleep(100);
        };
        // The broker first: rabbitmqctl takes seconds to start, and later in the run the last
        // orders could be through before the broker went away.
        let cut: Promise<void> = Promise.resolve();
        const schedule: (() => Promise<void>)[] = [
          async () => {
            // A killed process starting while the broker is down waits for it
            // (STARTUP_TIMEOUT_SECONDS, see startup-failures.test.ts).
            deliveredBeforeBrokerStop = driver.completed;
            await broker!.stop();
            mark('broker stopped');
            await sleep(2_000);
            await broker!.start();
            brokerRestarts++;
            mark('broker started again');
          },
          async () => {
            // Not awaited here: rabbitmqctl boots its own VM for seconds, during which the
            // orders run on; the schedule waits for it at the end.
            cut = broker!.ctl('close_all_connections', 'fault test: connections cut').then(() => {
              brokerCuts++;
              mark('broker connections cut');
            });
          },
          ...KINDS.map((kind) => async () => {
            const victim = roles.get(kind)![0]!;
            await victim.kill();
            if (kind === 'notifications') notificationKills.push(Date.now());
            mark(`${victim.name} killed`);
            restarts.push(
              sleep(300)
                .then(() => victim.start(STARTUP_MS))
                .then(() => mark(`${victim.name} restarted`)),
            );
          }),
          async () => {
            placedAtTermination = driver.placed;
            terminated = await terminateBackends(POSTGRES_ADMIN_URL, new URL(databaseUrl).pathname.slice(1));
            // A sender whose connection dies between the SMTP server's "250" and the receipt's
            // write is cut off as a killed one is: its lease runs out and the letter goes again.
            notificationKills.push(Date.now());
            mark(`${terminated} database connections terminated`);
          },
        ];
        const step = ORDERS / (schedule.length + 1);
        for (const [i, fault] of schedule.entries()) {
          await reached(step * (i + 1));
          await fault();
        }
        await cut;
        await cut;
      })();
      await driver.run(ORDERS, IN_FLIGHT);
      await faults;
      await Promise.all(restarts);
      mark('lifecycles done');

      // A retry with the same Idempotency-Key returns the stored answer: the orders placed
      // around the termination of the database connections.
      const replays = await driver.replaySome(20, placedAtTermination - 10);

      let orders: AuditFigures | undefined;
      let system: Awaited<ReturnType<typeof auditSystem>> | undefined;
      const settled = await eventually(
        async () => {
          orders = await auditOrders(databaseUrl, driver.accepted, () => 'DELIVERED');
          system = await auditSystem(databaseUrl);
          if (stillOpen(orders, system, sockets) > 0) throw new Error('not settled');
          return true;
        },
        // Letters whose attempts were cut off drain through retries with backoff: the window grows
        // with the backlog a loaded machine can leave (2 minutes at 2,000 orders).
        { timeoutMs: Math.max(60_000, ORDERS * 60), intervalMs: 500 },
      ).catch(() => false);
      mark('audit done');
      // Where the letters not sent stand (status, due, attempts, receipts): printed, and the
      // assertion's message, so that a CI log's excerpt of the failure says it.
      const undelivered = settled ? [] : await describeUndelivered(databaseUrl);
      if (!settled) console.log(`undelivered notifications:\n  ${undelivered.join('\n  ')}`);

      // The read model equals a rebuild from the event store (its consumers stopped first).
      await Promise.all(roles.get('projections')!.map((role) => role.stop()));
      const before = await readModelSnapshot(databaseUrl);
      const rebuild = await runCli(['projections', 'rebuild'], { DATABASE_URL: databaseUrl }, 120_000);
      expect(rebuild.code, rebuild.stderr).toBe(0);
      const after = await readModelSnapshot(databaseUrl);
      const differing = [...new Set([...before.keys(), ...after.keys()])].filter(
        (id) => before.get(id) !== after.get(id),
      );
      const deadLetters = await countDeadLetters(broker!.url, namespace);
      const letters = auditLetters(
        smtp!.received,
        system!.notifications.emails,
        notificationKills,
        system!.notifications.cutOff,
      );

      const o = orders!;
      const s = system!;
      const messages = s.groups.reduce((n, g) => n + g.applied, 0);
      const missingInGroups = s.groups.reduce((n, g) => n + g.missing.length, 0);
      const socketGaps = sockets.reduce((n, socket) => n + socket.missingFrom(s.feeds).length, 0);
      const socketDuplicates = sockets.reduce((n, socket) => n + socket.duplicates(), 0);
      const lost = o.lost.length + missingInGroups + s.notifications.notSent.length + socketGaps;
      const duplicated =
        o.duplicated.length +
        s.notifications.sentTwice.length +
        letters.unexplained.length +
        socketDuplicates;
      const kills = all().reduce((n, role) => n + role.kills, 0);
      console.log(
        [
          `fault suite figures: ${driver.accepted.size} orders delivered of ${ORDERS} (${driver.retries} retried requests, ` +
            `${driver.serverErrors} 5xx answers, ${driver.replayed} idempotent replays), ${kills} kills, ` +
            `${brokerCuts} broker connection cuts, ${brokerRestarts} broker restarts (${deliveredBeforeBrokerStop} delivered before the stop), ` +
            `${terminated} database connections terminated`,
          `  messages applied by consumer groups: ${messages} (${s.groups.map((g) => `${g.group} ${g.applied}/${g.expected}`).join(', ')})`,
          `  lost: ${lost} (orders ${o.lost.length}, consumer groups ${missingInGroups}, letters ${s.notifications.notSent.length}, socket updates ${socketGaps}); ` +
            `duplicated: ${duplicated} (orders ${o.duplicated.length}, letters ${s.notifications.sentTwice.length} by receipts and ${letters.unexplained.length} at SMTP, socket updates ${socketDuplicates})`,
          `  read model vs rebuild: ${differing.length} of ${after.size} differ; wallets off: ${o.walletsOff.length}; counters off: ${s.counters.length}; ` +
            `letters: ${s.notifications.deliveries} deliveries, ${smtp!.received.length} received by SMTP ` +
            `(${letters.resent.length} sent again after a cut-off attempt, ${letters.unexplained.length} sent twice otherwise); ` +
            `sockets: ${sockets.map((x) => `${x.user} ${x.received.length} updates over ${x.connections} connections`).join(', ')}; ` +
            `dead letters ${deadLetters}; half-written orders ${s.withoutOutbox.length}; settled: ${settled}; ` +
            `${((Date.now() - started) / 1000).toFixed(0)} s`,
        ].join('\n'),
      );

      expect(driver.failed, driver.failed).toBeUndefined();
      expect(driver.accepted.size).toBe(ORDERS);
      expect(kills).toBeGreaterThanOrEqual(KINDS.length);
      expect(brokerRestarts).toBe(1);
      // Publishing and consuming resumed on their own after the broker came back: every order
      // (also those still to be paid or assigned at the stop) went on to be delivered.
      expect(deliveredBeforeBrokerStop).toBeLessThan(ORDERS);
      expect(replays.mismatched).toEqual([]);
      expect(o.lost).toEqual([]);
      expect(o.duplicated).toEqual([]);
      expect(o.behind).toEqual([]);
      expect(o.debited).toBe(0);
      expect(o.walletsOff).toEqual([]);
      expect(s.unpublished).toBe(0);
      expect(s.groups.filter((g) => g.missing.length > 0)).toEqual([]);
      expect(s.withoutOutbox).toEqual([]);
      expect(s.counters).toEqual([]);
      expect(
        s.notifications.notSent.length,
        `letters not sent, e.g. ${s.notifications.notSent.slice(0, 3).join(', ')}; by status: ${undelivered.join('; ')}; ` +
          `the senders' last errors: ${lastErrors(roles.get('notifications')!).join(' | ')}`,
      ).toBe(0);
      expect(s.notifications.sentTwice.slice(0, 5)).toEqual([]);
      // Towards SMTP, at-least-once only where it is inherent: a letter reaches the server twice
      // only when an attempt was cut off between the server's acceptance and the sender knowing
      // (its sender SIGKILLed, or no answer within the provider timeout).
      expect(letters.unknown).toEqual([]);
      expect(letters.missing).toEqual([]);
      expect(letters.unexplained).toEqual([]);
      for (const socket of sockets) {
        expect(socket.missingFrom(s.feeds), socket.user).toEqual([]);
        expect(socket.duplicates(), socket.user).toBe(0);
        expect(socket.outOfOrder(), socket.user).toBe(0);
      }
      expect(differing).toEqual([]);
      expect(deadLetters).toBe(0);
      await Promise.all(sockets.map((socket) => socket.stop()));
    },
    Math.max(1_200_000, ORDERS * 1500),
  );
});

/** The last error lines (pino levels 50, 60) each process of a role logged, shortened. */
function lastErrors(processes: readonly RoleProcess[], each = 3): string[] {
  return processes.flatMap((role) =>
    role
      .output()
      .split('\n')
      .filter((line) => /"level":(50|60)/.test(line))
      .slice(-each)
      .map((line) => `${role.name}: ${line.slice(0, 400)}`),
  );
}

/** Messages in the dead-letter queues of every consumer group in the registry. */
async function countDeadLetters(brokerUrl: string, namespace: string): Promise<number> {
  const amqp: ChannelModel = await connect(brokerUrl);
  try {
    const channel = await amqp.createChannel();
    let total = 0;
    for (const group of ORDERFLOW_GROUPS) {
      total += (await channel.checkQueue(`${namespace}.${group}.dlq`)).messageCount;
    }
    return total;
  } finally {
    await amqp.close();
  }
}
