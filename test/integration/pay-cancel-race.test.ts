import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, getToken, startTestServer, type TestServer } from '../support/orderflow-server.ts';
import { createTestDatabase } from '../support/postgres.ts';

type Client = ReturnType<typeof api>;

const RUNS = 50;
const PRICE = 130;

/**
 * Issue 7, item 2: a payment racing a cancellation of the same PENDING order. Whoever wins,
 * no money is kept for a cancelled order, no payment is left half-done, and the loser answers
 * with the order's real state — in the same request, not after recovery.
 */
function payCancelRace(
  name: string,
  storageEnv: () => Promise<{ env: Record<string, string>; cleanup(): Promise<void> }>,
) {
  describe(`pay ‖ cancel: ${name}`, () => {
    let server: TestServer;
    let cleanup: () => Promise<void>;
    let alice: Client;
    let admin: Client;
    let aliceId: string;
    let release: (() => void) | undefined;
    let held: Promise<void> | undefined;
    let holdNext = false;

    beforeAll(async () => {
      const storage = await storageEnv();
      cleanup = storage.cleanup;
      server = await startTestServer(
        { ...storage.env, AUTO_CONFIRM: 'false', PAYMENT_RECOVERY_GRACE_MS: '3600000' },
        {
          paymentFaults: {
            // Holds one payment between its debit and "paid", so a retry arrives mid-payment.
            afterDebit: async () => {
              if (!holdNext) return;
              holdNext = false;
              await held;
            },
          },
        },
      );
      const token = await getToken(server.baseUrl, 'alice');
      aliceId = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub;
      alice = api(server.baseUrl, token);
      admin = api(server.baseUrl, await getToken(server.baseUrl, 'admin'));
    });
    afterAll(async () => {
      release?.();
      await server?.stop();
      await cleanup?.();
    });

    const db = () => server.running.storage.db;
    const walletKinds = async (orderId: string) =>
      (
        await sql<{ kind: string }>`select kind from wallet_operations where order_id = ${orderId}`.execute(
          db(),
        )
      ).rows
        .map((r) => r.kind)
        .sort();
    /** Holds the next payment between its debit's commit and step 2 until `release()`. */
    const holdNextPayment = async () => {
      held = new Promise<void>((resolve) => {
        release = resolve;
      });
      holdNext = true;
    };
    const untilHeld = async () => {
      for (let i = 0; i < 1000 && holdNext; i++) await new Promise((r) => setTimeout(r, 10));
      expect(holdNext).toBe(false);
    };

    it('a cancel that commits between the debit and "paid": the payment answers 409 CANCELLED and refunds in the same request', async () => {
      const created = await alice('POST', '/api/v1/orders', {
        items: [{ product_id: 'drink-lemonade', quantity: 1 }],
      });
      expect(created.status).toBe(201);
      const orderId = created.body.order_id as string;
      const total = created.body.total as number;
      expect((await admin('POST', `/api/v1/wallets/${aliceId}/top-ups`, { amount: total })).status).toBe(201);
      const initial = (await alice('GET', '/api/v1/me/wallet')).body.balance as number;

      await holdNextPayment();
      const pay = alice('POST', `/api/v1/orders/${orderId}/payment`);
      await untilHeld();
      // The debit has committed; the payment is held before step 2.
      expect(await walletKinds(orderId)).toEqual(['debit']);
      expect((await alice('GET', '/api/v1/me/wallet')).body.balance).toBe(initial - total);
      const cancel = await alice('POST', `/api/v1/orders/${orderId}/cancel`, { reason: 'changed my mind' });
      expect(cancel.status).toBe(200);
      release!();
      const paid = await pay;

      expect(paid.status).toBe(409);
      expect(paid.body).toMatchObject({ code: 'ORDER_INVALID_TRANSITION', current_status: 'CANCELLED' });
      // Refunded by the payment's own request, not left DEBITED for recovery.
      expect((await alice('GET', '/api/v1/me/wallet')).body.balance).toBe(initial);
      const payment = await sql<{ status: string }>`
        select status from payments where order_id = ${orderId}`.execute(db());
      expect(payment.rows).toEqual([{ status: 'REFUNDED' }]);
      expect(await walletKinds(orderId)).toEqual(['debit', 'refund']);
      expect((await alice('GET', `/api/v1/orders/${orderId}`)).body.status).toBe('CANCELLED');
    });

    it(`keeps no money for a cancelled order over ${RUNS} races, and the loser answers the real state`, async () => {
      const product = `race-${randomUUID().slice(0, 8)}`;
      expect(
        (
          await admin('PUT', `/api/v1/products/${product}`, {
            name: 'Race',
            price: PRICE,
            currency: 'EUR',
            stock: 10_000,
          })
        ).status,
      ).toBe(200);
      expect(
        (await admin('POST', `/api/v1/wallets/${aliceId}/top-ups`, { amount: RUNS * PRICE })).status,
      ).toBe(201);
      const initial = (await alice('GET', '/api/v1/me/wallet')).body.balance as number;
      const outcomes = { paid: 0, cancelledUnpaid: 0, cancelledRefunded: 0 };
      for (let run = 0; run < RUNS; run++) {
        const created = await alice('POST', '/api/v1/orders', {
          items: [{ product_id: product, quantity: 1 }],
        });
        expect(created.status).toBe(201);
        const orderId = created.body.order_id as string;
        const [pay, cancel] = await Promise.all([
          alice('POST', `/api/v1/orders/${orderId}/payment`),
          alice('POST', `/api/v1/orders/${orderId}/cancel`, { reason: 'race' }),
        ]);
        const order = await alice('GET', `/api/v1/orders/${orderId}`);
        const status = order.body.status as string;
        const { rows } = await sql<{ kind: string }>`
          select kind from wallet_operations where order_id = ${orderId}`.execute(db());
        const kinds = rows.map((r) => r.kind).sort();
        // Which one wins is up to the scheduler; the invariants hold either way (the
        // interleaving "debit, cancel, step 2" is forced in the test above).
        expect([200, 409]).toContain(pay.status);
        expect([200, 409]).toContain(cancel.status);
        if (pay.status === 409) {
          // The payment lost: it says so with the order's real state, and kept nothing.
          expect(pay.body).toMatchObject({ code: 'ORDER_INVALID_TRANSITION', current_status: 'CANCELLED' });
          expect(cancel.status).toBe(200);
          expect(status).toBe('CANCELLED');
          expect([[], ['debit', 'refund']]).toContainEqual(kinds);
        } else {
          // The payment won: the order is paid, or was cancelled after it, with a refund.
          expect(pay.body).toMatchObject({ status: 'PAID', amount: PRICE });
          if (status === 'PAID') expect(kinds).toEqual(['debit']);
          else expect({ status, kinds }).toEqual({ status: 'CANCELLED', kinds: ['debit', 'refund'] });
        }
        if (cancel.status === 409) {
          expect(pay.status).toBe(200);
          expect(status).toBe('PAID');
        }
        if (status === 'CANCELLED') {
          // Never debited, or debited and refunded in the same request.
          expect([[], ['debit', 'refund']]).toContainEqual(kinds);
          if (kinds.length === 0) outcomes.cancelledUnpaid++;
          else outcomes.cancelledRefunded++;
        } else {
          expect(status).toBe('PAID');
          expect(kinds).toEqual(['debit']);
          outcomes.paid++;
        }
      }
      const debited = await sql<{ n: string | number }>`
        select count(*) as n from payments where status = 'DEBITED'`.execute(db());
      expect(Number(debited.rows[0]!.n)).toBe(0);
      const cancelledWithMoney = await sql<{ n: string | number }>`
        select count(*) as n from order_summaries s
        where s.status = 'CANCELLED'
          and (select coalesce(sum(amount), 0) from wallet_operations w where w.order_id = s.order_id) <> 0`.execute(
        db(),
      );
      expect(Number(cancelledWithMoney.rows[0]!.n)).toBe(0);
      const wallet = (await alice('GET', '/api/v1/me/wallet')).body.balance as number;
      expect(wallet).toBe(initial - outcomes.paid * PRICE);
      const ledger = await sql<{ sum: string | number }>`
        select sum(amount) as sum from wallet_operations where customer_id = ${aliceId}`.execute(db());
      expect(Number(ledger.rows[0]!.sum)).toBe(wallet);
      console.log(`pay ‖ cancel (${name}): ${JSON.stringify(outcomes)}`);
    });

    it('a paying retry with the same Idempotency-Key waits for the first and returns its answer', async () => {
      await holdNextPayment();
      const key = randomUUID();
      const body = { items: [{ product_id: 'drink-lemonade', quantity: 1 }], payment: { method: 'wallet' } };
      const first = alice('POST', '/api/v1/orders', body, { 'idempotency-key': key });
      // Wait until the first request is between its debit and "paid".
      await untilHeld();
      let retryDone = false;
      const retry = alice('POST', '/api/v1/orders', body, { 'idempotency-key': key }).finally(() => {
        retryDone = true;
      });
      await new Promise((r) => setTimeout(r, 200));
      expect(retryDone).toBe(false);
      release!();
      const [a, b] = await Promise.all([first, retry]);
      expect(a.status).toBe(201);
      expect(b.status).toBe(201);
      expect(b.body.order_id).toBe(a.body.order_id);
      expect(a.body).toMatchObject({ status: 'PAID', payment: { method: 'wallet' } });
      expect(b.body).toMatchObject({ status: 'PAID', payment: a.body.payment as object });
      const { rows } = await sql<{ n: string | number }>`
        select count(*) as n from wallet_operations where order_id = ${a.body.order_id as string}`.execute(
        db(),
      );
      expect(Number(rows[0]!.n)).toBe(1);
    });
  });
}

payCancelRace('PostgreSQL', async () => {
  const database = await createTestDatabase();
  return { env: { DATABASE_URL: database.url, DEMO_DATA: 'true' }, cleanup: database.drop };
});

payCancelRace('PGlite', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'orderflow-race-'));
  return { env: { DATA_DIR: dataDir }, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
});
