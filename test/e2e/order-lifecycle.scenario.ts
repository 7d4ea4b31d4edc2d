import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { api, getToken, type TestServer } from '../support/orderflow-server.ts';

type Client = ReturnType<typeof api>;

/**
 * Seeds 003 (wallet payment) and 004 (admin search and confirmation) over real HTTP.
 * `autoConfirm` says how the server under test is configured.
 */
export function orderLifecycleScenario(
  server: () => TestServer,
  { autoConfirm }: { autoConfirm: boolean },
): void {
  let alice: Client;
  let bob: Client;
  let admin: Client;
  let kitchen: Client;
  let courier: Client;
  let aliceId: string;
  let bobId: string;

  const subOf = (token: string) =>
    JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub as string;

  beforeAll(async () => {
    const { baseUrl } = server();
    const token = (user: string) => getToken(baseUrl, user);
    const [a, b, ad, k, c] = await Promise.all(['alice', 'bob', 'admin', 'kitchen', 'courier'].map(token));
    aliceId = subOf(a!);
    bobId = subOf(b!);
    alice = api(baseUrl, a);
    bob = api(baseUrl, b);
    admin = api(baseUrl, ad);
    kitchen = api(baseUrl, k);
    courier = api(baseUrl, c);
  });

  const db = () => server().running.storage.db;
  const newProduct = async (price: number, stock = 1000) => {
    const id = `p-${randomUUID().slice(0, 8)}`;
    expect(
      (await admin('PUT', `/api/v1/products/${id}`, { name: `Gadget ${id}`, price, currency: 'EUR', stock }))
        .status,
    ).toBe(200);
    return id;
  };
  const stockOf = async (id: string) =>
    Number(
      (await sql<{ stock: number }>`select stock from products where id = ${id}`.execute(db())).rows[0]!
        .stock,
    );
  const wallet = async (client: Client) =>
    (await client('GET', '/api/v1/me/wallet')).body as {
      balance: number;
      operations: { kind: string; order_id: string | null; amount: number }[];
    };
  const topUp = async (customerId: string, amount: number) =>
    expect((await admin('POST', `/api/v1/wallets/${customerId}/top-ups`, { amount })).status).toBe(201);
  const ledger = async (customerId: string) => {
    const { rows } = await sql<{ sum: string | number | null; balance: number }>`
      select (select sum(amount) from wallet_operations where customer_id = ${customerId}) as sum,
             (select balance from wallets where customer_id = ${customerId}) as balance`.execute(db());
    return { sum: Number(rows[0]!.sum ?? 0), balance: Number(rows[0]!.balance) };
  };
  const debitsFor = async (orderId: string) =>
    Number(
      (
        await sql<{
          n: string | number;
        }>`select count(*) as n from wallet_operations where order_id = ${orderId} and kind = 'debit'`.execute(
          db(),
        )
      ).rows[0]!.n,
    );
  const eventCount = async (orderId: string) =>
    Number(
      (
        await sql<{
          n: string | number;
        }>`select count(*) as n from events where stream_id = ${`order-${orderId}`}`.execute(db())
      ).rows[0]!.n,
    );
  const place = (client: Client, product: string, quantity = 1, payment = false) =>
    client('POST', '/api/v1/orders', {
      items: [{ product_id: product, quantity }],
      ...(payment ? { payment: { method: 'wallet' } } : {}),
    });

  describe('seed 003: pay from the wallet', () => {
    it('happy path: creates, debits and marks the order PAID with the operation id', async () => {
      await topUp(aliceId, 10_000);
      const product = await newProduct(1250);
      const before = await wallet(alice);
      const created = await place(alice, product, 2, true);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ status: 'PAID', total: 2500, payment: { method: 'wallet' } });
      const orderId = created.body.order_id as string;
      const after = await wallet(alice);
      expect(after.balance).toBe(before.balance - 2500);
      expect(after.operations[0]).toMatchObject({ kind: 'debit', amount: -2500, order_id: orderId });
      expect(after.operations[0]).toHaveProperty(
        'id',
        (created.body.payment as { operation_id: string }).operation_id,
      );
      const read = await alice('GET', `/api/v1/orders/${orderId}`);
      expect(read.body.payment).toEqual(created.body.payment);
      if (autoConfirm) {
        await eventually(async () =>
          expect((await alice('GET', `/api/v1/orders/${orderId}`)).body.status).toBe('CONFIRMED'),
        );
      } else {
        expect(read.body.status).toBe('PAID');
      }
      expect(await ledger(aliceId)).toEqual({ sum: after.balance, balance: after.balance });
    });

    it('sad path: 406 INSUFFICIENT_FUNDS with the order id; the order is CANCELLED and its stock released', async () => {
      const product = await newProduct(50_000_000, 10);
      const before = await wallet(bob);
      const refused = await place(bob, product, 1, true);
      expect(refused.status).toBe(406);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body).toMatchObject({
        code: 'INSUFFICIENT_FUNDS',
        status: 406,
        order_id: expect.any(String),
      });
      const orderId = refused.body.order_id as string;
      const read = await bob('GET', `/api/v1/orders/${orderId}`);
      expect(read.body.status).toBe('CANCELLED');
      expect(await stockOf(product)).toBe(10);
      expect((await wallet(bob)).balance).toBe(before.balance);
      const stream = await bob('GET', `/api/v1/orders/${orderId}/events`);
      expect((stream.body.events as { type: string }[]).map((e) => e.type)).toEqual([
        'OrderCreated',
        'OrderSubscriptionAdded',
        'OrderPaymentFailed',
        'OrderCancelled',
      ]);
    });

    it('refuses to pay from a wallet in another currency before creating anything', async () => {
      const id = `usd-${randomUUID().slice(0, 8)}`;
      await admin('PUT', `/api/v1/products/${id}`, {
        name: 'Imported soda',
        price: 100,
        currency: 'USD',
        stock: 5,
      });
      const streams = async () =>
        Number(
          (await sql<{ n: string | number }>`select count(*) as n from streams`.execute(db())).rows[0]!.n,
        );
      const before = await streams();
      const refused = await alice(
        'POST',
        '/api/v1/orders',
        { items: [{ product_id: id, quantity: 1 }], payment: { method: 'wallet' } },
        { 'idempotency-key': randomUUID() },
      );
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        wallet_currency: 'EUR',
        currency: 'USD',
      });
      expect(await streams()).toBe(before);
      expect(await stockOf(id)).toBe(5);
    });

    it('pays a PENDING order later; paying again is 409; someone else’s order is 404', async () => {
      await topUp(aliceId, 5_000);
      const product = await newProduct(700);
      const created = await place(alice, product);
      const orderId = created.body.order_id as string;
      expect((await bob('POST', `/api/v1/orders/${orderId}/payment`)).status).toBe(404);
      const paid = await alice('POST', `/api/v1/orders/${orderId}/payment`);
      expect(paid.status).toBe(200);
      expect(paid.body).toMatchObject({ order_id: orderId, status: 'PAID', amount: 700, currency: 'EUR' });
      const again = await alice('POST', `/api/v1/orders/${orderId}/payment`);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ORDER_INVALID_TRANSITION');
      expect(await debitsFor(orderId)).toBe(1);
    });

    it('debits exactly once for 100 concurrent payment attempts', async () => {
      await topUp(aliceId, 5_000);
      const product = await newProduct(300);
      const orderId = (await place(alice, product)).body.order_id as string;
      const before = await wallet(alice);
      const attempts = await Promise.all(
        Array.from({ length: 100 }, () => alice('POST', `/api/v1/orders/${orderId}/payment`)),
      );
      expect(attempts.filter((a) => a.status === 200)).toHaveLength(1);
      expect(attempts.every((a) => a.status === 200 || a.status === 409)).toBe(true);
      expect(await debitsFor(orderId)).toBe(1);
      expect((await wallet(alice)).balance).toBe(before.balance - 300);
      const l = await ledger(aliceId);
      expect(l.sum).toBe(l.balance);
    });

    it('pays exactly 10 of 100 concurrent orders from a wallet that affords 10; the balance never goes below zero', async () => {
      const { balance } = await wallet(bob);
      expect(balance).toBeGreaterThanOrEqual(200);
      const price = Math.floor(balance / 10);
      const product = await newProduct(price, 1000);
      const answers = await Promise.all(Array.from({ length: 100 }, () => place(bob, product, 1, true)));
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(10);
      expect(statuses.filter((s) => s === 406)).toHaveLength(90);
      const after = await ledger(bobId);
      expect(after.balance).toBe(balance - 10 * price);
      expect(after.balance).toBeGreaterThanOrEqual(0);
      expect(after.sum).toBe(after.balance);
      expect(await stockOf(product)).toBe(990);
    });
  });

  describe('cancellation', () => {
    it('cancels a paid order: stock back, refunded exactly once; a second cancel is 409', async () => {
      await topUp(aliceId, 5_000);
      const product = await newProduct(900, 20);
      const orderId = (await place(alice, product, 2, true)).body.order_id as string;
      const paidBalance = (await wallet(alice)).balance;
      const cancelled = await alice('POST', `/api/v1/orders/${orderId}/cancel`, {
        reason: 'changed my mind',
      });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'CANCELLED', refunded: true });
      expect((await alice('GET', `/api/v1/orders/${orderId}`)).body).toMatchObject({
        status: 'CANCELLED',
        cancellation_reason: 'changed my mind',
      });
      expect(await stockOf(product)).toBe(20);
      expect((await wallet(alice)).balance).toBe(paidBalance + 1800);
      const again = await Promise.all([
        alice('POST', `/api/v1/orders/${orderId}/cancel`),
        admin('POST', `/api/v1/orders/${orderId}/cancel`),
      ]);
      expect(again.map((a) => a.status)).toEqual([409, 409]);
      expect((await wallet(alice)).balance).toBe(paidBalance + 1800);
      const refunds = await sql<{
        n: string | number;
      }>`select count(*) as n from wallet_operations where order_id = ${orderId} and kind = 'refund'`.execute(
        db(),
      );
      expect(Number(refunds.rows[0]!.n)).toBe(1);
    });

    it('lets the buyer cancel an unpaid order without a refund, and admins cancel any order', async () => {
      const product = await newProduct(100, 5);
      const mine = (await place(alice, product)).body.order_id as string;
      expect((await alice('POST', `/api/v1/orders/${mine}/cancel`)).body).toMatchObject({
        status: 'CANCELLED',
        refunded: false,
      });
      const other = (await place(bob, product)).body.order_id as string;
      expect((await admin('POST', `/api/v1/orders/${other}/cancel`, { reason: 'out of bread' })).status).toBe(
        200,
      );
      expect(await stockOf(product)).toBe(5);
    });
  });

  describe('seed 004: admin search and confirmation', () => {
    it('finds paid-but-unconfirmed orders by status, customer, date range and full text, with cursor paging', async () => {
      await topUp(aliceId, 20_000);
      const product = await newProduct(111);
      const rename = `Zephyr${randomUUID().slice(0, 6)}`;
      await admin('PUT', `/api/v1/products/${product}`, {
        name: `${rename} sandwich`,
        price: 111,
        currency: 'EUR',
        stock: 1000,
      });
      const startedAt = new Date(Date.now() - 1000).toISOString();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await place(alice, product, 1, true)).body.order_id as string);
      const pending = (await place(alice, product)).body.order_id as string;
      await alice('GET', `/api/v1/orders/${pending}`); // read-your-writes: the view has caught up

      const byText = await admin('GET', `/api/v1/orders?q=${rename}&limit=100`);
      expect(byText.status).toBe(200);
      const found = byText.body.orders as { order_id: string; status: string; customer_email: string }[];
      expect(found.map((o) => o.order_id).sort()).toEqual([...ids, pending].sort());
      expect(found[0]!.customer_email).toBe('alice@orderflow.local');

      const wanted = autoConfirm ? 'CONFIRMED' : 'PAID';
      await eventually(async () => {
        const byStatus = await admin('GET', `/api/v1/orders?status=${wanted}&q=${rename}&limit=100`);
        expect((byStatus.body.orders as { order_id: string }[]).map((o) => o.order_id).sort()).toEqual(
          [...ids].sort(),
        );
      });
      const byEmail = await admin(
        'GET',
        `/api/v1/orders?q=${encodeURIComponent('alice@orderflow.local')}&customer_id=${aliceId}&created_from=${startedAt}&limit=100`,
      );
      expect((byEmail.body.orders as { order_id: string }[]).map((o) => o.order_id)).toEqual(
        expect.arrayContaining(ids),
      );
      const byName = await admin('GET', `/api/v1/orders?q=Alice&created_from=${startedAt}&limit=100`);
      expect((byName.body.orders as unknown[]).length).toBeGreaterThanOrEqual(4);
      const future = await admin(
        'GET',
        `/api/v1/orders?created_from=${new Date(Date.now() + 60_000).toISOString()}`,
      );
      expect(future.body.orders).toEqual([]);
      const ofBob = await admin('GET', `/api/v1/orders?customer_id=${bobId}&q=${rename}`);
      expect(ofBob.body.orders).toEqual([]);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: Record<string, unknown> } = await admin(
          'GET',
          `/api/v1/orders?q=${rename}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...(page.body.orders as { order_id: string }[]).map((o) => o.order_id));
        cursor = page.body.next_cursor as string | null;
      } while (cursor);
      expect(seen.sort()).toEqual([...ids, pending].sort());

      expect((await admin('GET', '/api/v1/orders?limit=101')).body.code).toBe('PAGE_SIZE_TOO_LARGE');
      expect((await admin('GET', '/api/v1/orders?status=LOST')).status).toBe(400);
      expect((await admin('GET', '/api/v1/orders?cursor=garbage')).status).toBe(400);
      // A buyer's search is limited to their own orders, whatever customer_id says.
      const bobSearch = await bob('GET', `/api/v1/orders?q=${rename}&customer_id=${aliceId}`);
      expect(bobSearch.body.orders).toEqual([]);
    });

    it('confirms a PAID order (admin only); confirming again is 409', async () => {
      await topUp(aliceId, 5_000);
      const product = await newProduct(222);
      const orderId = (await place(alice, product, 1, true)).body.order_id as string;
      if (autoConfirm) {
        await eventually(async () =>
          expect((await alice('GET', `/api/v1/orders/${orderId}`)).body.status).toBe('CONFIRMED'),
        );
        expect((await admin('POST', `/api/v1/orders/${orderId}/confirm`)).status).toBe(409);
        return;
      }
      expect((await alice('POST', `/api/v1/orders/${orderId}/confirm`)).status).toBe(403);
      const confirmed = await admin('POST', `/api/v1/orders/${orderId}/confirm`);
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toEqual({ order_id: orderId, status: 'CONFIRMED', previous_status: 'PAID' });
      // Read your own write, straight away.
      expect((await admin('GET', `/api/v1/orders/${orderId}`)).body.status).toBe('CONFIRMED');
      expect((await alice('GET', `/api/v1/orders/${orderId}`)).body.status).toBe('CONFIRMED');
      const again = await admin('POST', `/api/v1/orders/${orderId}/confirm`);
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'ORDER_INVALID_TRANSITION', current_status: 'CONFIRMED' });
      const pending = (await place(alice, product)).body.order_id as string;
      expect((await admin('POST', `/api/v1/orders/${pending}/confirm`)).body).toMatchObject({
        code: 'ORDER_INVALID_TRANSITION',
        current_status: 'PENDING',
        attempted_status: 'CONFIRMED',
      });
    });

    it('reads its own writes in lists too, right after each command', async () => {
      await topUp(bobId, 2_000);
      const product = await newProduct(150);
      for (let i = 0; i < 3; i++) {
        const created = await place(bob, product, 1, true);
        const listed = await bob('GET', '/api/v1/orders?limit=100');
        const mine = (listed.body.orders as { order_id: string; status: string }[]).find(
          (o) => o.order_id === created.body.order_id,
        );
        expect(mine?.status).toMatch(/PAID|CONFIRMED/);
        await bob('POST', `/api/v1/orders/${created.body.order_id}/cancel`);
        const after = await bob('GET', '/api/v1/orders?limit=100');
        expect(
          (after.body.orders as { order_id: string; status: string }[]).find(
            (o) => o.order_id === created.body.order_id,
          )?.status,
        ).toBe('CANCELLED');
      }
    });

    it('shows the stream for audit to the owner and admins only', async () => {
      const product = await newProduct(10);
      const orderId = (await place(alice, product)).body.order_id as string;
      const own = await alice('GET', `/api/v1/orders/${orderId}/events`);
      expect(own.status).toBe(200);
      expect(
        (own.body.events as { type: string; version: number }[]).map((e) => [e.version, e.type]),
      ).toEqual([
        [1, 'OrderCreated'],
        [2, 'OrderSubscriptionAdded'],
      ]);
      expect((await admin('GET', `/api/v1/orders/${orderId}/events`)).status).toBe(200);
      expect((await bob('GET', `/api/v1/orders/${orderId}/events`)).status).toBe(404);
    });
  });

  describe('authorisation matrix and hostile bodies', () => {
    it('refuses every role on every route of an order that is not theirs, and changes nothing', async () => {
      await topUp(aliceId, 5_000);
      const product = await newProduct(400, 10);
      const orderId = (await place(alice, product)).body.order_id as string;
      const snapshot = async () => ({
        events: await eventCount(orderId),
        stock: await stockOf(product),
        wallet: await ledger(aliceId),
      });
      const before = await snapshot();
      // DESIGN.md: an order the caller may not see is 404 on every route; a route the caller's
      // role may not use is 403 (roles are checked first).
      const routes: [string, string, unknown, { bob: number; kitchen: number; courier: number }][] = [
        ['GET', `/api/v1/orders/${orderId}`, undefined, { bob: 404, kitchen: 404, courier: 404 }],
        ['GET', `/api/v1/orders/${orderId}/events`, undefined, { bob: 404, kitchen: 404, courier: 404 }],
        ['POST', `/api/v1/orders/${orderId}/payment`, undefined, { bob: 404, kitchen: 403, courier: 403 }],
        ['POST', `/api/v1/orders/${orderId}/confirm`, undefined, { bob: 403, kitchen: 403, courier: 403 }],
        [
          'POST',
          `/api/v1/orders/${orderId}/cancel`,
          { reason: 'not mine' },
          { bob: 404, kitchen: 403, courier: 403 },
        ],
      ];
      for (const [who, client] of [
        ['bob', bob],
        ['kitchen', kitchen],
        ['courier', courier],
      ] as const) {
        for (const [method, path, body, expected] of routes) {
          const response = await client(method, path, body);
          expect(response.status, `${who} ${method} ${path}`).toBe(expected[who]);
          expect(response.body.code).toBe(expected[who] === 404 ? 'ORDER_NOT_FOUND' : 'FORBIDDEN');
          expect(response.headers.get('content-type')).toContain('application/problem+json');
        }
      }
      const anonymous = api(server().baseUrl);
      for (const [method, path, body] of routes)
        expect((await anonymous(method, path, body)).status).toBe(401);
      expect((await admin('POST', `/api/v1/orders/${orderId}/payment`)).status).toBe(403);
      expect(await snapshot()).toEqual(before);
      expect((await alice('GET', `/api/v1/orders/${orderId}`)).body.status).toBe('PENDING');
    });

    it('rejects extra fields (status, price, balance, another customer) and changes nothing', async () => {
      const product = await newProduct(100, 10);
      const before = { stock: await stockOf(product), wallet: await ledger(aliceId) };
      // Body validation answers 400; a buyer on the admins' top-up route is refused by role first (403).
      const hostile: [string, string, unknown, number][] = [
        [
          'POST',
          '/api/v1/orders',
          { items: [{ product_id: product, quantity: 1 }], status: 'DELIVERED' },
          400,
        ],
        ['POST', '/api/v1/orders', { items: [{ product_id: product, quantity: 1, price: 0 }] }, 400],
        ['POST', '/api/v1/orders', { items: [{ product_id: product, quantity: 1 }], total: 0 }, 400],
        [
          'POST',
          '/api/v1/orders',
          { items: [{ product_id: product, quantity: 1 }], payment: { method: 'wallet', amount: 1 } },
          400,
        ],
        [
          'POST',
          '/api/v1/orders',
          { items: [{ product_id: product, quantity: 1 }], payment: { method: 'credit' } },
          400,
        ],
        [
          'POST',
          '/api/v1/orders',
          { items: [{ product_id: product, quantity: 1 }], balance: 1_000_000 },
          400,
        ],
        ['POST', `/api/v1/wallets/${aliceId}/top-ups`, { amount: 1 }, 403],
      ];
      for (const [method, path, body, status] of hostile) {
        const response = await alice(method, path, body);
        expect(response.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(status);
      }
      expect(
        (
          await alice('POST', '/api/v1/orders', {
            items: [{ product_id: product, quantity: 1 }],
            customer_id: bobId,
          })
        ).status,
      ).toBe(403);
      expect(
        (await admin('POST', `/api/v1/wallets/${aliceId}/top-ups`, { amount: 1, balance: 5 })).status,
      ).toBe(400);
      expect(
        (
          await admin('PUT', `/api/v1/products/${product}`, {
            name: 'x',
            price: 1,
            currency: 'EUR',
            stock: 1,
            id: 'other',
          })
        ).status,
      ).toBe(400);
      const orderId = (await place(alice, product)).body.order_id as string;
      expect(
        (await alice('POST', `/api/v1/orders/${orderId}/cancel`, { reason: 'x', status: 'DELIVERED' }))
          .status,
      ).toBe(400);
      expect((await alice('GET', `/api/v1/orders/${orderId}`)).body.status).toBe('PENDING');
      expect(await stockOf(product)).toBe(before.stock - 1);
      expect(await ledger(aliceId)).toEqual(before.wallet);
    });
  });
}
