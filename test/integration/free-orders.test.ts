import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  testContext as context,
  openServices,
  type ServicesFixture,
  STORAGE_MODES,
} from '../support/services-fixture.ts';

/**
 * Issue 7, item 5: an order whose total is 0 (an admin priced the product at 0) once hit the
 * ledger's `amount <> 0` check with a 500. The rule: a free order is paid without a debit (and
 * cancelling it refunds nothing); its payment is recorded like any other.
 */
for (const [name, mode] of STORAGE_MODES) {
  describe(`free orders: ${name}`, () => {
    let fixture: ServicesFixture;
    beforeAll(async () => {
      fixture = await openServices(mode);
    });
    afterAll(async () => {
      await fixture?.close();
    });

    const freeProduct = async () => {
      const id = `free-${randomUUID().slice(0, 8)}`;
      await fixture.storage.read.products.upsert({
        id,
        name: 'Free sample',
        category: 'test',
        price: 0,
        currency: 'EUR',
        stock: 10,
      });
      return id;
    };
    const ledgerRows = async (customerId: string) =>
      Number(
        (
          await sql<{ n: string | number }>`
            select count(*) as n from wallet_operations where customer_id = ${customerId}`.execute(
            fixture.storage.db,
          )
        ).rows[0]!.n,
      );
    const paymentStatus = async (orderId: string) =>
      (await fixture.storage.read.payments.find(orderId))?.status;

    it('pays a free order placed with payment, without touching the wallet (none needed)', async () => {
      const buyer = await fixture.buyer();
      const placed = await fixture.services.placeOrder.execute(
        {
          customer_id: buyer,
          items: [{ product_id: await freeProduct(), quantity: 2 }],
          delivery: null,
          payment: { method: 'wallet' },
        },
        context,
      );
      expect(placed.body).toMatchObject({ status: 'PAID', total: 0, payment: { method: 'wallet' } });
      expect(await ledgerRows(buyer)).toBe(0);
      expect(await paymentStatus(placed.body.order_id)).toBe('COMPLETED');
    });

    it('pays a PENDING free order, then cancels it without a refund', async () => {
      const buyer = await fixture.buyer();
      await fixture.services.wallets.topUp(buyer, 500);
      const product = await freeProduct();
      const placed = await fixture.services.placeOrder.execute(
        { customer_id: buyer, items: [{ product_id: product, quantity: 1 }], delivery: null },
        context,
      );
      const paid = await fixture.services.payOrder.execute(placed.body.order_id, { userId: buyer }, context);
      expect(paid).toMatchObject({ status: 'PAID', amount: 0 });
      const cancelled = await fixture.services.manageOrder.cancel(
        placed.body.order_id,
        { userId: buyer, isAdmin: false },
        'changed my mind',
        context,
      );
      expect(cancelled.after.status).toBe('CANCELLED');
      expect(cancelled.events[0]).toMatchObject({ type: 'OrderCancelled', data: { refund: null } });
      expect(await ledgerRows(buyer)).toBe(1); // the top-up only
      expect((await fixture.storage.read.wallets.find(buyer))?.balance).toBe(500);
      expect((await fixture.storage.read.products.findMany([product]))[0]!.stock).toBe(10);
    });
  });
}
