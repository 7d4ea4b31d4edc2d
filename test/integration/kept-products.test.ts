import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Product, ProductRepository } from '../../src/contexts/catalog/index.ts';
import { DomainError } from '../../src/shared/errors.ts';
import {
  testContext as context,
  openServices,
  type ServicesFixture,
  STORAGE_MODES,
} from '../support/services-fixture.ts';

/**
 * Orders placed from products kept in process (`PRODUCT_CACHE_TTL_MS`): a product changed
 * behind the process's back (another process, an operator's SQL) is never sold as it was.
 * The reservation re-checks stock, name, price and currency under the row lock; an order whose
 * product moved is checked again, fresh.
 */
for (const [name, mode] of STORAGE_MODES) {
  describe(`orders from kept products: ${name}`, () => {
    let fixture: ServicesFixture;
    beforeAll(async () => {
      fixture = await openServices(mode, undefined, { productCacheTtlMs: 300_000 });
    });
    afterAll(async () => {
      await fixture?.close();
    });

    const upsert = (product: Product) => fixture.storage.read.products.upsert(product);
    const stockOf = async (id: string) => (await fixture.storage.read.products.findMany([id]))[0]!.stock;
    const order = async (productId: string, quantity = 1) =>
      fixture.services.placeOrder.execute(
        { customer_id: await fixture.buyer(), items: [{ product_id: productId, quantity }], delivery: null },
        context,
      );
    const product = (): Product => ({
      id: `kept-${randomUUID().slice(0, 8)}`,
      name: 'Margherita',
      category: 'pizza',
      price: 850,
      currency: 'EUR',
      stock: 10,
    });

    it('charges a product as it is now, not as it was kept: name, price and currency', async () => {
      const kept = product();
      await upsert(kept);
      expect((await order(kept.id)).body).toMatchObject({ total: 850, currency: 'EUR' });
      await upsert({ ...kept, price: 990, name: 'Margherita DOP', stock: 9 });
      const repriced = await order(kept.id, 2);
      expect(repriced.body).toMatchObject({ total: 1980, currency: 'EUR' });
      expect(repriced.body.items).toEqual([
        expect.objectContaining({
          product_id: kept.id,
          name: 'Margherita DOP',
          unit_price: 990,
          quantity: 2,
        }),
      ]);
      await upsert({ ...kept, price: 990, name: 'Margherita DOP', currency: 'USD', stock: 7 });
      expect((await order(kept.id)).body).toMatchObject({ total: 990, currency: 'USD' });
      expect(await stockOf(kept.id)).toBe(6);
    });

    it('reads no product for an order it can price from what it kept, and reads again what its own admin changed', async () => {
      const kept = product();
      await upsert(kept);
      await order(kept.id);
      // The checker's own repository (the storage hands out a new one for each `read`).
      const checked = (fixture.services.availability as unknown as { products: ProductRepository }).products;
      const reads = vi.spyOn(checked, 'findMany');
      const checks = vi.spyOn(fixture.services.availability, 'check');
      try {
        await order(kept.id);
        expect(reads).not.toHaveBeenCalled();
        // Changed through this process's catalog: forgotten, so read (no refused attempt first).
        await fixture.services.catalog.put(kept.id, { ...kept, price: 700 });
        checks.mockClear();
        expect((await order(kept.id)).body).toMatchObject({ total: 700 });
        expect(reads).toHaveBeenCalledTimes(1);
        expect(checks).toHaveBeenCalledTimes(1);
      } finally {
        reads.mockRestore();
        checks.mockRestore();
      }
    });

    it('pays for a product whose currency changed behind its back, in the currency it has now', async () => {
      const kept = { ...product(), currency: 'USD' };
      await upsert(kept);
      await order(kept.id); // kept in USD
      await upsert({ ...kept, currency: 'EUR' });
      const buyer = await fixture.buyer();
      await fixture.services.wallets.topUp(buyer, 5000, 'EUR');
      const paid = await fixture.services.placeOrder.execute(
        {
          customer_id: buyer,
          items: [{ product_id: kept.id, quantity: 1 }],
          delivery: null,
          payment: { method: 'wallet' },
        },
        context,
      );
      expect(paid.body).toMatchObject({ status: 'PAID', total: 850, currency: 'EUR' });
      expect((await fixture.storage.read.wallets.find(buyer))?.balance).toBe(4150);
    });

    it('refuses a product sold out behind its back with 400 PRODUCT_UNAVAILABLE, and sells it once restocked', async () => {
      const kept = product();
      await upsert(kept);
      await order(kept.id); // kept with stock 9
      await upsert({ ...kept, stock: 0 });
      const refused = await order(kept.id).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DomainError);
      expect(refused).toMatchObject({
        code: 'PRODUCT_UNAVAILABLE',
        details: { all_available: false, items: [{ product_id: kept.id, requested: 1, available: 0 }] },
      });
      expect(await stockOf(kept.id)).toBe(0);
      await upsert({ ...kept, stock: 2 });
      await order(kept.id);
      await order(kept.id);
      expect(await stockOf(kept.id)).toBe(0);
    });
  });
}
