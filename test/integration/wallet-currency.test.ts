import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PostgresWalletStore } from '../../src/adapters/storage/postgres-wallet-store.ts';
import type { Product } from '../../src/contexts/catalog/index.ts';
import { DomainError } from '../../src/shared/errors.ts';
import {
  testContext as context,
  openServices,
  type ServicesFixture,
  STORAGE_MODES,
} from '../support/services-fixture.ts';

/**
 * A paid order and the buyer's wallet currency: an order paid in its own transaction reads no
 * wallet first (its debit refuses a wallet in another currency, and nothing is created); a free
 * order, which is not debited, is checked before.
 */
for (const [name, mode] of STORAGE_MODES) {
  describe(`paid orders and the wallet's currency: ${name}`, () => {
    let fixture: ServicesFixture;
    beforeAll(async () => {
      fixture = await openServices(mode);
    });
    afterAll(async () => {
      await fixture?.close();
    });

    const newProduct = async (price: number, currency = 'USD'): Promise<Product> => {
      const product = {
        id: `wc-${randomUUID().slice(0, 8)}`,
        name: 'Bagel',
        category: 'bakery',
        price,
        currency,
        stock: 5,
      };
      await fixture.storage.read.products.upsert(product);
      return product;
    };
    const payFor = (buyer: string, product: Product) =>
      fixture.services.placeOrder.execute(
        {
          customer_id: buyer,
          items: [{ product_id: product.id, quantity: 1 }],
          delivery: null,
          payment: { method: 'wallet' },
        },
        context,
      );
    const streams = async () =>
      Number(
        (await sql<{ n: number }>`select count(*)::int as n from streams`.execute(fixture.storage.db))
          .rows[0]!.n,
      );
    const stockOf = async (id: string) => (await fixture.storage.read.products.findMany([id]))[0]!.stock;

    it('pays without reading the wallet before its transaction', async () => {
      const buyer = await fixture.buyer();
      await fixture.services.wallets.topUp(buyer, 5000, 'USD');
      const product = await newProduct(700);
      // Any wallet store's (the unit of work's stores are made per transaction).
      const find = vi.spyOn(PostgresWalletStore.prototype, 'find');
      try {
        expect((await payFor(buyer, product)).body).toMatchObject({
          status: 'PAID',
          total: 700,
          currency: 'USD',
        });
        expect(find).not.toHaveBeenCalled();
      } finally {
        find.mockRestore();
      }
      expect((await fixture.storage.read.wallets.find(buyer))?.balance).toBe(4300);
    });

    it('refuses a wallet in another currency with 400 and creates nothing, paid or free', async () => {
      const buyer = await fixture.buyer();
      await fixture.services.wallets.topUp(buyer, 5000, 'EUR');
      for (const price of [700, 0]) {
        const product = await newProduct(price);
        const before = await streams();
        const refused = await payFor(buyer, product).catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(DomainError);
        expect(refused).toMatchObject({
          code: 'VALIDATION_FAILED',
          message: 'the wallet is in EUR; these items are priced in USD',
          details: { wallet_currency: 'EUR', currency: 'USD' },
        });
        expect(await streams()).toBe(before);
        expect(await stockOf(product.id)).toBe(5);
      }
      expect((await fixture.storage.read.wallets.find(buyer))?.balance).toBe(5000);
    });

    it("answers the wallet's currency first for a basket the order would refuse too (mixed currencies)", async () => {
      const buyer = await fixture.buyer();
      await fixture.services.wallets.topUp(buyer, 5000, 'EUR');
      const [usd, eur] = [await newProduct(700, 'USD'), await newProduct(300, 'EUR')];
      const refused = await fixture.services.placeOrder
        .execute(
          {
            customer_id: buyer,
            items: [
              { product_id: usd.id, quantity: 1 },
              { product_id: eur.id, quantity: 1 },
            ],
            delivery: null,
            payment: { method: 'wallet' },
          },
          context,
        )
        .catch((error: unknown) => error);
      expect(refused).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { wallet_currency: 'EUR', currency: 'USD' },
      });
    });
  });
}
