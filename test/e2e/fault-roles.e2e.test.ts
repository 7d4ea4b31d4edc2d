import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ChannelModel, connect } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USER_IDS } from '../../src/contexts/identity/index.ts';
import { brokerUrl, deleteNamespace, ORDERFLOW_GROUPS } from '../contract/rabbitmq-fixture.ts';
import { eventually } from '../support/eventually.ts';
import { type AuditFigures, auditOrders } from '../support/order-audit.ts';
import { api, getToken } from '../support/orderflow-server.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { RoleProcess } from '../support/role-process.ts';

const PRODUCT = 'fault-lemonade';
/** Orders placed at least; placing goes on until every kill and restart below has happened. */
const MIN_ORDERS = 150;
const MAX_IN_FLIGHT = 4;

// Issue 7, item 1: the production roles as separate OS processes on a fresh database and
// broker namespace, started in an adversarial order (consumers last) and SIGKILLed and restarted
// while paid orders keep coming. Nothing a buyer was told about may be lost or applied twice.
describe('fault: roles killed and restarted while paid orders are placed', () => {
  const namespace = `fault-${randomUUID().slice(0, 8)}`;
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const baseUrl = `http://127.0.0.1:${port}`;
  let databaseUrl: string;
  let dropDatabase: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  let roles: { api: RoleProcess; relay: RoleProcess; projections: RoleProcess } | undefined;

  beforeAll(async () => {
    const database = await createTestDatabase();
    databaseUrl = database.url;
    dropDatabase = database.drop;
    dataDir = await mkdtemp(join(tmpdir(), 'orderflow-fault-'));
    const shared = {
      DATABASE_URL: databaseUrl,
      BROKER_URL: brokerUrl,
      BROKER_EXCHANGE: namespace,
      BROKER_QUEUE_PREFIX: `${namespace}.`,
      DEMO_DATA: 'true',
      DATA_DIR: dataDir,
      PUBLIC_URL: baseUrl,
      HOST: '127.0.0.1',
      AUTO_CONFIRM: 'true',
      OUTBOX_POLL_MS: '50',
      // A payment cut off between debit and "paid" by a kill is finished soon, not in 30 s.
      PAYMENT_RECOVERY_GRACE_MS: '3000',
      PAYMENT_RECOVERY_INTERVAL_MS: '500',
      // Orders a kill left unpaid must not lock the buyers out of the rest of the run.
      MAX_UNPAID_ORDERS_PER_BUYER: '100000',
      MAX_UNPAID_UNITS_PER_BUYER: '100000000',
    };
    roles = {
      api: new RoleProcess('api', { ...shared, ROLES: 'api', PORT: String(port) }),
      relay: new RoleProcess('relay', { ...shared, ROLES: 'relay' }),
      projections: new RoleProcess('projections', { ...shared, ROLES: 'projections' }),
    };
  }, 60_000);

  afterAll(async () => {
    if (roles) await Promise.all(Object.values(roles).map((role) => role.stop()));
    const amqp = await connect(brokerUrl);
    try {
      await deleteNamespace(await amqp.createChannel(), namespace);
    } finally {
      await amqp.close();
    }
    await dropDatabase?.();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('answers every accepted order in the read model exactly once, confirmed, wallets equal to ledgers, no dead letters', async () => {
    const { api: apiRole, relay, projections } = roles!;
    // Publishers first (they migrate and seed together); no consumer runs yet.
    await Promise.all([apiRole.start(), relay.start()]);
    await prepareCatalogAndWallets(baseUrl);
    const buyers = await Promise.all(['alice', 'bob'].map((user) => getToken(baseUrl, user)));

    const accepted = new Map<string, string>();
    const refused = new Map<number, number>();
    let unanswered = 0;
    let attempts = 0;
    let scheduleDone = false;
    const inFlight = new Set<Promise<void>>();
    const placeOne = async (token: string): Promise<void> => {
      attempts++;
      try {
        const response = await api(baseUrl, token)('POST', '/api/v1/orders', {
          items: [{ product_id: PRODUCT, quantity: 1 }],
          payment: { method: 'wallet' },
        });
        if (response.status >= 200 && response.status < 300) {
          accepted.set(response.body.order_id as string, response.body.status as string);
        } else refused.set(response.status, (refused.get(response.status) ?? 0) + 1);
      } catch {
        unanswered++; // the api was down or killed mid-request: the buyer was told nothing
      }
    };
    const giveUpAt = Date.now() + 180_000;
    const placing = (async () => {
      for (let i = 0; (!scheduleDone || accepted.size < MIN_ORDERS) && Date.now() < giveUpAt; i++) {
        if (inFlight.size < MAX_IN_FLIGHT) {
          const placed: Promise<void> = placeOne(buyers[i % 2]!).finally(() => inFlight.delete(placed));
          inFlight.add(placed);
        }
        await sleep(150);
      }
      await Promise.all(inFlight);
    })();

    // Consumers come seconds later; every role then dies once, mid-run, and comes back. The
    // roles' timelines overlap, so orders keep coming while any of them is down or starting.
    const t0 = Date.now();
    const at = (ms: number) => sleep(Math.max(0, t0 + ms - Date.now()));
    const mark = (what: string) =>
      console.log(`${((Date.now() - t0) / 1000).toFixed(1)}s ${what}, ${accepted.size} orders accepted`);
    const schedule = Promise.all([
      (async () => {
        await at(4_000);
        await projections.start();
        mark('projections started');
        await sleep(4_000);
        await projections.restart(500);
        mark('projections killed and restarted');
      })(),
      (async () => {
        await at(7_000);
        await relay.restart(500);
        mark('relay killed and restarted');
      })(),
      (async () => {
        await at(12_000);
        await apiRole.restart();
        mark('api killed and restarted');
      })(),
    ]).finally(() => {
      scheduleDone = true;
    });
    await schedule;
    await placing;
    mark('placing done');

    const finalStatus = (answered: string) => (answered === 'PAID' ? 'CONFIRMED' : answered);
    let figures: AuditFigures | undefined;
    const settled = await eventually(
      async () => {
        figures = await auditOrders(databaseUrl, accepted, finalStatus);
        const { lost, behind, paidNotConfirmed, debited } = figures;
        if (lost.length + behind.length + paidNotConfirmed.length + debited > 0)
          throw new Error('not settled');
        return true;
      },
      { timeoutMs: 45_000, intervalMs: 500 },
    ).catch(() => false);
    mark('audit done');
    const deadLetters = await countDeadLetters(namespace);
    const kills = apiRole.kills + relay.kills + projections.kills;
    console.log(
      `fault scenario: ${accepted.size} orders accepted (${attempts} attempted, ${unanswered} unanswered, ` +
        `refused ${JSON.stringify(Object.fromEntries(refused))}), ${kills} kills, ` +
        `${figures?.lost.length} lost, ${figures?.duplicated.length} duplicated, ` +
        `${figures?.behind.length} streams behind in the read model, ` +
        `${figures?.paidNotConfirmed.length} paid not confirmed, ${figures?.debited} payments left debited, ` +
        `${figures?.walletsOff.length} wallets off their ledger, ${deadLetters} dead letters; settled: ${settled}`,
    );

    expect(accepted.size).toBeGreaterThanOrEqual(MIN_ORDERS);
    // A rate limit may slow the buyers down (429); any other refusal is a defect.
    expect([...refused.keys()].filter((status) => status !== 429)).toEqual([]);
    expect(apiRole.kills).toBeGreaterThanOrEqual(1);
    expect(relay.kills).toBeGreaterThanOrEqual(1);
    expect(projections.kills).toBeGreaterThanOrEqual(1);
    expect(figures, 'audit ran').toBeDefined();
    expect(figures!.lost).toEqual([]);
    expect(figures!.duplicated).toEqual([]);
    expect(figures!.behind).toEqual([]);
    expect(figures!.paidNotConfirmed).toEqual([]);
    expect(figures!.debited).toBe(0);
    expect(figures!.walletsOff).toEqual([]);
    expect(deadLetters).toBe(0);
  }, 300_000);
});

/** A product with stock for every order, and wallets that afford them all. */
async function prepareCatalogAndWallets(baseUrl: string): Promise<void> {
  const admin = api(baseUrl, await getToken(baseUrl, 'admin'));
  const product = await admin('PUT', `/api/v1/products/${PRODUCT}`, {
    name: 'Fault-test lemonade',
    price: 100,
    currency: 'EUR',
    stock: 100_000,
  });
  expect(product.status, product.text).toBeLessThan(300);
  for (const buyer of [DEMO_USER_IDS.alice, DEMO_USER_IDS.bob]) {
    const topUp = await admin('POST', `/api/v1/wallets/${buyer}/top-ups`, { amount: 1_000_000 });
    expect(topUp.status, topUp.text).toBeLessThan(300);
  }
}

/** Messages in the dead-letter queues of every consumer group in the registry. */
async function countDeadLetters(namespace: string): Promise<number> {
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
