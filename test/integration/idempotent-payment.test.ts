import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, getToken, startTestServer, type TestServer } from '../support/orderflow-server.ts';

let server: TestServer;
let failNext = false;

beforeAll(async () => {
  server = await startTestServer(
    { AUTO_CONFIRM: 'false' },
    {
      paymentFaults: {
        beforeDebit: async () => {
          if (!failNext) return;
          failNext = false;
          throw new Error('billing unreachable');
        },
      },
    },
  );
});
afterAll(async () => {
  await server?.stop();
});

it('resumes the payment when a paying request is retried with its Idempotency-Key after a failure', async () => {
  const alice = api(server.baseUrl, await getToken(server.baseUrl, 'alice'));
  const key = randomUUID();
  const body = { items: [{ product_id: 'drink-lemonade', quantity: 1 }], payment: { method: 'wallet' } };
  const before = (await alice('GET', '/api/v1/me/wallet')).body.balance as number;
  failNext = true;
  const first = await alice('POST', '/api/v1/orders', body, { 'idempotency-key': key });
  expect(first.status).toBe(500);
  const retry = await alice('POST', '/api/v1/orders', body, { 'idempotency-key': key });
  expect(retry.status).toBe(201);
  expect(retry.body).toMatchObject({ status: 'PAID', payment: { method: 'wallet' } });
  const again = await alice('POST', '/api/v1/orders', body, { 'idempotency-key': key });
  expect(again.body.order_id).toBe(retry.body.order_id);
  expect(again.body.status).toBe('PAID');
  const wallet = (await alice('GET', '/api/v1/me/wallet')).body as {
    balance: number;
    operations: { order_id: string }[];
  };
  expect(wallet.balance).toBe(before - 300);
  expect(wallet.operations.filter((o) => o.order_id === retry.body.order_id)).toHaveLength(1);
  const orders = (await alice('GET', '/api/v1/orders?limit=100')).body.orders as { order_id: string }[];
  expect(orders.filter((o) => o.order_id === retry.body.order_id)).toHaveLength(1);
});
