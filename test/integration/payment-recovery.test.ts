import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { api, getToken, startTestServer, type TestServer } from '../support/orderflow-server.ts';
import { createTestDatabase } from '../support/postgres.ts';

/**
 * A payment interrupted between the debit and "paid" (the process dies there), then the
 * system restarts on the same data: the order ends PAID with one debit, or — if it was
 * cancelled meanwhile — the debit is refunded. Never money lost, never taken twice.
 */
function paymentCrashScenario(
  name: string,
  storageEnv: () => Promise<{ env: Record<string, string>; cleanup(): Promise<void> }>,
) {
  describe(`payment interrupted between debit and "paid": ${name}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    const crashingServer = (env: Record<string, string>) =>
      startTestServer(env, {
        paymentFaults: {
          afterDebit: async () => {
            throw new Error('simulated crash after the debit committed');
          },
        },
      });

    const facts = async (server: TestServer, orderId: string, customerId: string) => {
      const db = server.running.storage.db;
      const ops = await sql<{ kind: string; amount: number }>`
        select kind, amount from wallet_operations where order_id = ${orderId} order by created_at`.execute(
        db,
      );
      const payment = await sql<{
        status: string;
      }>`select status from payments where order_id = ${orderId}`.execute(db);
      const wallet = await sql<{ balance: number; sum: string | number }>`
        select balance, (select sum(amount) from wallet_operations where customer_id = ${customerId}) as sum
        from wallets where customer_id = ${customerId}`.execute(db);
      return {
        operations: ops.rows.map((r) => [r.kind, r.amount]),
        payment: payment.rows[0]?.status,
        balance: wallet.rows[0]!.balance,
        ledgerMatches: Number(wallet.rows[0]!.sum) === wallet.rows[0]!.balance,
      };
    };

    for (const cancelBeforeRestart of [false, true]) {
      it(
        cancelBeforeRestart
          ? 'refunds the debit when the order was cancelled before recovery'
          : 'completes the payment after restart',
        async () => {
          const { env, cleanup } = await storageEnv();
          cleanups.push(cleanup);
          const first = await crashingServer({ ...env, AUTO_CONFIRM: 'false' });
          let alice = api(first.baseUrl, await getToken(first.baseUrl, 'alice'));
          const customerId = JSON.parse(
            Buffer.from((await getToken(first.baseUrl, 'alice')).split('.')[1]!, 'base64url').toString(),
          ).sub;
          const before = (await alice('GET', '/api/v1/me/wallet')).body.balance as number;
          const orderId = (
            await alice('POST', '/api/v1/orders', { items: [{ product_id: 'soup-tomato', quantity: 2 }] })
          ).body.order_id as string;
          const crashed = await alice('POST', `/api/v1/orders/${orderId}/payment`);
          expect(crashed.status).toBe(500);
          expect(await facts(first, orderId, customerId)).toEqual({
            operations: [['debit', -900]],
            payment: 'DEBITED',
            balance: before - 900,
            ledgerMatches: true,
          });
          expect((await alice('GET', `/api/v1/orders/${orderId}`)).body.status).toBe('PENDING');
          if (cancelBeforeRestart) {
            const admin = api(first.baseUrl, await getToken(first.baseUrl, 'admin'));
            expect(
              (await admin('POST', `/api/v1/orders/${orderId}/cancel`, { reason: 'stuck' })).status,
            ).toBe(200);
          }
          await first.running.stop();

          // Restart on the same data; recovery runs at start-up.
          const second = await startTestServer({
            ...env,
            AUTO_CONFIRM: 'false',
            PAYMENT_RECOVERY_GRACE_MS: '0',
          });
          cleanups.push(() => second.stop());
          alice = api(second.baseUrl, await getToken(second.baseUrl, 'alice'));
          if (cancelBeforeRestart) {
            await eventually(async () =>
              expect(await facts(second, orderId, customerId)).toEqual({
                operations: [
                  ['debit', -900],
                  ['refund', 900],
                ],
                payment: 'REFUNDED',
                balance: before,
                ledgerMatches: true,
              }),
            );
            expect((await alice('GET', `/api/v1/orders/${orderId}`)).body.status).toBe('CANCELLED');
          } else {
            await eventually(async () =>
              expect(await facts(second, orderId, customerId)).toEqual({
                operations: [['debit', -900]],
                payment: 'COMPLETED',
                balance: before - 900,
                ledgerMatches: true,
              }),
            );
            const order = await alice('GET', `/api/v1/orders/${orderId}`);
            expect(order.body.status).toBe('PAID');
            expect(order.body.payment).toMatchObject({ method: 'wallet' });
          }
          // Running recovery again changes nothing.
          expect(await second.running.services.paymentRecovery.run()).toEqual({ completed: 0, refunded: 0 });
        },
      );
    }
  });
}

paymentCrashScenario('PostgreSQL', async () => {
  const database = await createTestDatabase();
  return { env: { DATABASE_URL: database.url, DEMO_DATA: 'true' }, cleanup: database.drop };
});

paymentCrashScenario('PGlite', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'orderflow-crash-'));
  return { env: { DATA_DIR: dataDir }, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
});
