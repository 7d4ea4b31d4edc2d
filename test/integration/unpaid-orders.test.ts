import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostgresStorage } from '../../src/adapters/storage/postgres-storage.ts';
import type { Services } from '../../src/composition/services.ts';
import { ExpireUnpaidOrders } from '../../src/contexts/ordering/index.ts';
import { DomainError } from '../../src/shared/errors.ts';
import {
  testContext as context,
  type ManualClock,
  openServices,
  refusal,
  type ServicesFixture,
  STORAGE_MODES,
} from '../support/services-fixture.ts';

const TTL_SECONDS = 900;
const MAX_UNPAID = 3;
const MAX_UNITS = 12;

/** Issue 7, item 4: unpaid orders expire and release their stock; a buyer's unpaid orders are capped. */
function unpaidOrders(name: string, mode: (typeof STORAGE_MODES)[number][1]) {
  describe(`unpaid orders: ${name}`, () => {
    let fixture: ServicesFixture;
    let storage: PostgresStorage;
    let clock: ManualClock;
    let services: Services;

    beforeAll(async () => {
      fixture = await openServices(mode, {
        ttlSeconds: TTL_SECONDS,
        maxPerBuyer: MAX_UNPAID,
        maxUnitsPerBuyer: MAX_UNITS,
      });
      ({ storage, clock, services } = fixture);
    });
    afterAll(async () => {
      await fixture?.close();
    });

    const newProduct = async (stock: number, price = 250) => {
      const id = `p-${randomUUID().slice(0, 8)}`;
      await storage.read.products.upsert({ id, name: id, category: 'test', price, currency: 'EUR', stock });
      return id;
    };
    const stockOf = async (id: string) => (await storage.read.products.findMany([id]))[0]!.stock;
    const place = (buyer: string, product: string, quantity = 1, payment = false) =>
      services.placeOrder.execute(
        {
          customer_id: buyer,
          items: [{ product_id: product, quantity }],
          delivery: null,
          ...(payment ? { payment: { method: 'wallet' as const } } : {}),
        },
        context,
      );
    const eventsOf = async (orderId: string) => storage.read.events.readStream(`order-${orderId}`);
    const statusMessages = async (orderId: string) =>
      (
        await sql<{ payload: { data: Record<string, unknown> } }>`
          select payload from outbox where message_key = ${orderId} and topic = 'order.status_updated'
          order by id`.execute(storage.db)
      ).rows.map((r) => r.payload.data);
    it('cancels a PENDING order after the TTL: by the system, reason "payment timeout", stock released, announced', async () => {
      const product = await newProduct(10);
      const buyer = await fixture.buyer();
      const old = (await place(buyer, product, 4)).body.order_id;
      clock.advance(TTL_SECONDS - 60);
      const young = (await place(buyer, product, 3)).body.order_id;
      expect(await stockOf(product)).toBe(3);

      expect(await services.expireUnpaidOrders.run()).toEqual({ expired: 0, failed: [] });
      clock.advance(60);
      expect(await services.expireUnpaidOrders.run()).toEqual({ expired: 1, failed: [] });

      const cancelled = (await eventsOf(old)).at(-1)!;
      expect(cancelled.type).toBe('OrderCancelled');
      expect(cancelled.data).toMatchObject({
        reason: 'payment timeout',
        cancelled_by: { id: 'system', kind: 'system' },
        previous_status: 'PENDING',
        refund: null,
      });
      expect(await stockOf(product)).toBe(7);
      expect(await statusMessages(old)).toEqual([
        expect.objectContaining({
          previous_status: 'PENDING',
          current_status: 'CANCELLED',
          reason: 'payment timeout',
        }),
      ]);
      expect((await eventsOf(young)).at(-1)!.type).toBe('OrderSubscriptionAdded');

      // Nothing is expired twice.
      clock.advance(TTL_SECONDS);
      expect(await services.expireUnpaidOrders.run()).toEqual({ expired: 1, failed: [] });
      expect(await services.expireUnpaidOrders.run()).toEqual({ expired: 0, failed: [] });
      expect(await stockOf(product)).toBe(10);
    });

    it('goes on past a candidate that fails, and reports it', async () => {
      const product = await newProduct(10);
      const buyer = await fixture.buyer();
      // An index row with no order behind it, older than any real one: the first candidate, and
      // expiring it fails (ORDER_NOT_FOUND) on every run.
      const broken = randomUUID();
      const before = new Date(clock.now().getTime() - 1000).toISOString();
      await storage.read.unpaidOrders.add({
        order_id: broken,
        customer_id: buyer,
        created_at: before,
        units: 1,
      });
      const order = (await place(buyer, product, 2)).body.order_id;
      clock.advance(TTL_SECONDS);

      const result = await services.expireUnpaidOrders.run();
      expect(result.expired).toBe(1);
      expect(result.failed).toEqual([{ order_id: broken, error: expect.any(DomainError) }]);
      expect((result.failed[0]!.error as DomainError).code).toBe('ORDER_NOT_FOUND');
      expect((await eventsOf(order)).at(-1)!.type).toBe('OrderCancelled');
      expect(await stockOf(product)).toBe(10);
      await storage.read.unpaidOrders.remove(broken);
    });

    it('never expires a paid or cancelled order', async () => {
      const product = await newProduct(10, 100);
      const buyer = await fixture.buyer();
      await services.wallets.topUp(buyer, 1_000);
      const paid = (await place(buyer, product, 1, true)).body;
      expect(paid.status).toBe('PAID');
      const cancelled = (await place(buyer, product)).body.order_id;
      await services.cancelOrder.execute(cancelled, { userId: buyer, isAdmin: false }, 'no', context);
      clock.advance(TTL_SECONDS * 2);
      expect(await services.expireUnpaidOrders.run()).toEqual({ expired: 0, failed: [] });
      expect((await eventsOf(paid.order_id)).at(-1)!.type).toBe('OrderPaid');
      expect(await stockOf(product)).toBe(9);
    });

    it('is safe with several expiry processes at once: each order cancelled once, stock released once', async () => {
      const product = await newProduct(40);
      const ids: string[] = [];
      for (let i = 0; i < 8; i++) ids.push((await place(randomUUID(), product, 5)).body.order_id);
      expect(await stockOf(product)).toBe(0);
      clock.advance(TTL_SECONDS);
      const workers = Array.from(
        { length: 3 },
        () => new ExpireUnpaidOrders(storage, services.commands, clock, TTL_SECONDS),
      );
      const results = await Promise.all(workers.map((w) => w.run()));
      expect(results.reduce((sum, r) => sum + r.expired, 0)).toBe(8);
      for (const id of ids) {
        const events = await eventsOf(id);
        expect(events.filter((e) => e.type === 'OrderCancelled')).toHaveLength(1);
        expect(await statusMessages(id)).toHaveLength(1);
      }
      expect(await stockOf(product)).toBe(40);
    });

    it(`refuses a buyer's ${MAX_UNPAID + 1}th open unpaid order with 409 TOO_MANY_UNPAID_ORDERS, even when placed at once`, async () => {
      const product = await newProduct(100);
      const buyer = await fixture.buyer();
      const attempts = await Promise.allSettled(Array.from({ length: 8 }, () => place(buyer, product)));
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(MAX_UNPAID);
      for (const failed of attempts.filter((a) => a.status === 'rejected')) {
        expect(failed.reason).toBeInstanceOf(DomainError);
        expect((failed.reason as DomainError).code).toBe('TOO_MANY_UNPAID_ORDERS');
        expect((failed.reason as DomainError).status).toBe(409);
      }
      expect(await stockOf(product)).toBe(100 - MAX_UNPAID);
      // Another buyer is not affected; an order paid in the same request is not held unpaid.
      expect((await place(randomUUID(), product)).body.status).toBe('PENDING');
      await services.wallets.topUp(buyer, 10_000);
      expect((await place(buyer, product, 1, true)).body.status).toBe('PAID');
      // Cancelling one frees a place.
      const open = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value.body.order_id] : []));
      expect((await refusal(place(buyer, product))).code).toBe('TOO_MANY_UNPAID_ORDERS');
      await services.cancelOrder.execute(open[0]!, { userId: buyer, isAdmin: false }, 'no', context);
      expect((await place(buyer, product)).body.status).toBe('PENDING');
    });

    it(`refuses unpaid orders past ${MAX_UNITS} units per buyer with 409 TOO_MANY_UNPAID_ORDERS: one order cannot take all the stock`, async () => {
      // The reproduction: a buyer with 2.00 EUR reserved all 100 sandwiches (700 EUR).
      const product = await newProduct(100, 700);
      const buyer = await fixture.buyer();
      await services.wallets.topUp(buyer, 200);
      const hoard = await refusal(place(buyer, product, 100));
      expect(hoard.code).toBe('TOO_MANY_UNPAID_ORDERS');
      expect(hoard.status).toBe(409);
      expect(hoard.details).toMatchObject({
        unpaid_units: 0,
        requested_units: 100,
        max_unpaid_units: MAX_UNITS,
      });
      expect(await stockOf(product)).toBe(100);

      const first = (await place(buyer, product, 10)).body.order_id;
      expect((await refusal(place(buyer, product, 3))).details).toMatchObject({
        unpaid_units: 10,
        requested_units: 3,
      });
      expect((await place(buyer, product, 2)).body.status).toBe('PENDING');
      expect(await stockOf(product)).toBe(100 - MAX_UNITS);
      // Cancelling (or paying) an order frees its units.
      await services.cancelOrder.execute(first, { userId: buyer, isAdmin: false }, 'no', context);
      expect((await place(buyer, product, 10)).body.status).toBe('PENDING');
    });

    it('holds the unit cap when one buyer places at once, and leaves orders paid in the same request alone', async () => {
      const product = await newProduct(1000, 10);
      const buyer = await fixture.buyer();
      const attempts = await Promise.allSettled(Array.from({ length: 6 }, () => place(buyer, product, 5)));
      // 5 + 5 fit in 12; a third would make 15.
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(2);
      for (const failed of attempts.filter((a) => a.status === 'rejected')) {
        expect((failed.reason as DomainError).code).toBe('TOO_MANY_UNPAID_ORDERS');
      }
      expect(await stockOf(product)).toBe(1000 - 10);
      await services.wallets.topUp(buyer, 10_000);
      const paid = (await place(buyer, product, 50, true)).body;
      expect(paid.status).toBe('PAID');
      expect(await stockOf(product)).toBe(1000 - 60);
      // Another buyer has their own allowance.
      expect((await place(randomUUID(), product, MAX_UNITS)).body.status).toBe('PENDING');
    });
  });
}

for (const [name, mode] of STORAGE_MODES) unpaidOrders(name, mode);
