import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Product, RequestedItem } from '../../../src/contexts/catalog/index.ts';
import { type ContractStores, type CurrentFixture, Rollback, race } from './storage-fixture.ts';

const product = (overrides: Partial<Product> = {}): Product => ({
  id: `p-${randomUUID()}`,
  name: 'Margherita',
  category: 'pizza',
  price: 850,
  currency: 'EUR',
  stock: 10,
  ...overrides,
});

/** Reserves in its own transaction, rolling back (as the caller must) when the store says no. */
const reserving =
  (options: { endsTransaction?: boolean }) => async (tx: ContractStores, items: RequestedItem[]) => {
    if (!(await tx.products.reserve(items, options))) throw new Rollback();
  };

/** `ProductRepository` and `StockReservations`: all lines or none, never more than on hand. */
export function productsContract(current: CurrentFixture): void {
  describe('products and stock', () => {
    stockContract(current, {});
    stockContract(current, { endsTransaction: true });

    const products = () => current().storage.read.products;

    it('upserts, finds and lists products', async () => {
      const tag = randomUUID();
      const b = product({ name: `b ${tag}`, category: 'a-first' });
      const a = product({ name: `a ${tag}`, category: 'a-first' });
      const c = product({ name: `a ${tag}`, category: 'b-second' });
      for (const p of [c, b, a]) await products().upsert(p);
      expect(await products().findMany([])).toEqual([]);
      expect(await products().findMany([a.id, `p-${randomUUID()}`])).toEqual([a]);
      const listed = (await products().list()).filter((p) => p.name.endsWith(tag));
      expect(listed).toEqual([a, b, c]);

      const changed = { ...a, name: `renamed ${tag}`, price: 900, stock: 3, category: 'c' };
      await products().upsert(changed);
      expect(await products().findMany([a.id])).toEqual([changed]);
    });

    it('inserts a product only when its id is new', async () => {
      const p = product();
      expect(await products().insertIfAbsent(p)).toBe(true);
      expect(await products().insertIfAbsent({ ...p, stock: 99, name: 'other' })).toBe(false);
      expect(await products().findMany([p.id])).toEqual([p]);
    });
  });
}

/** Reservations, as the last statement of their transaction or not. */
function stockContract(current: CurrentFixture, options: { endsTransaction?: boolean }): void {
  describe(options.endsTransaction ? 'stock, reserved last in its transaction' : 'stock', () => {
    const storage = () => current().storage;
    const products = () => current().storage.read.products;
    const reserveOrRollBack = reserving(options);
    const stockOf = async (...ids: string[]) =>
      (await products().findMany(ids))
        .sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))
        .map((p) => p.stock);

    it('reserves every line or none, adding up repeated lines of one product', async () => {
      const a = product({ stock: 5 });
      const b = product({ stock: 2 });
      for (const p of [a, b]) await products().upsert(p);
      await storage().transaction((tx) =>
        reserveOrRollBack(tx, [
          { product_id: a.id, quantity: 2 },
          { product_id: b.id, quantity: 1 },
          { product_id: a.id, quantity: 1 },
        ]),
      );
      expect(await stockOf(a.id, b.id)).toEqual([2, 1]);

      for (const short of [
        [
          { product_id: a.id, quantity: 1 },
          { product_id: b.id, quantity: 2 },
        ],
        [
          { product_id: a.id, quantity: 2 },
          { product_id: a.id, quantity: 1 },
        ],
        [
          { product_id: a.id, quantity: 1 },
          { product_id: `p-${randomUUID()}`, quantity: 1 },
        ],
        // A missing product whose line comes last (ids sort `~` after the others).
        [
          { product_id: a.id, quantity: 1 },
          { product_id: `p-~${randomUUID()}`, quantity: 1 },
        ],
        [{ product_id: `p-~${randomUUID()}`, quantity: 1 }],
      ]) {
        await expect(storage().transaction((tx) => reserveOrRollBack(tx, short))).rejects.toBeInstanceOf(
          Rollback,
        );
      }
      expect(await stockOf(a.id, b.id)).toEqual([2, 1]);
    });

    it('reserves only what is still priced as the order was: a product renamed, repriced or in another currency is refused', async () => {
      const a = product({ stock: 5 });
      const b = product({ stock: 5 });
      for (const p of [a, b]) await products().upsert(p);
      const lines = [
        { product_id: a.id, quantity: 1 },
        { product_id: b.id, quantity: 1 },
      ];
      const priced = (changes: Partial<Product>, which: Product) =>
        new Map([a, b].map((p) => [p.id, p === which ? { ...p, ...changes } : p]));
      const reservePriced = (pricedAs: Map<string, Product>) =>
        storage().transaction(async (tx) => {
          if (!(await tx.products.reserve(lines, { ...options, pricedAs }))) throw new Rollback();
        });
      // Either line (the last one is the statement that may commit) with another name, price or currency.
      for (const which of [a, b].sort((x, y) => (x.id < y.id ? -1 : 1)))
        for (const changes of [{ price: 851 }, { name: 'Marinara' }, { currency: 'USD' }])
          await expect(reservePriced(priced(changes, which))).rejects.toBeInstanceOf(Rollback);
      expect(await stockOf(a.id, b.id)).toEqual([5, 5]);
      await reservePriced(priced({}, a));
      expect(await stockOf(a.id, b.id)).toEqual([4, 4]);
    });

    it('releases reserved stock', async () => {
      const a = product({ stock: 4 });
      await products().upsert(a);
      await storage().transaction((tx) => reserveOrRollBack(tx, [{ product_id: a.id, quantity: 4 }]));
      expect(await stockOf(a.id)).toEqual([0]);
      await storage().transaction((tx) =>
        tx.products.release([
          { product_id: a.id, quantity: 1 },
          { product_id: a.id, quantity: 2 },
        ]),
      );
      expect(await stockOf(a.id)).toEqual([3]);
    });

    it('never sells more than is on hand when 30 buyers race for 5 units', async () => {
      const scarce = product({ stock: 5 });
      await products().upsert(scarce);
      const { won, lost } = await race(storage(), 30, (tx) =>
        reserveOrRollBack(tx, [{ product_id: scarce.id, quantity: 1 }]),
      );
      expect(won).toHaveLength(5);
      expect(lost).toHaveLength(25);
      expect(lost.every((reason) => reason instanceof Rollback)).toBe(true);
      expect(await stockOf(scarce.id)).toEqual([0]);
    });

    it('serves concurrent baskets that name the same products in opposite orders without deadlock', async () => {
      const a = product({ stock: 100 });
      const b = product({ stock: 100 });
      for (const p of [a, b]) await products().upsert(p);
      const { won, lost } = await race(storage(), 20, (tx, i) => {
        const lines = [
          { product_id: a.id, quantity: 1 },
          { product_id: b.id, quantity: 2 },
        ];
        return reserveOrRollBack(tx, i % 2 === 0 ? lines : lines.reverse());
      });
      expect(lost).toEqual([]);
      expect(won).toHaveLength(20);
      expect(await stockOf(a.id, b.id)).toEqual([80, 60]);
    });

    it('commits or rolls back the earlier writes of its transaction with the reservation', async () => {
      const a = product({ stock: 1 });
      await products().upsert(a);
      const [kept, dropped] = [product(), product()];
      await storage().transaction(async (tx) => {
        await tx.products.upsert(kept);
        await reserveOrRollBack(tx, [{ product_id: a.id, quantity: 1 }]);
      });
      await expect(
        storage().transaction(async (tx) => {
          await tx.products.upsert(dropped);
          await reserveOrRollBack(tx, [{ product_id: a.id, quantity: 1 }]);
        }),
      ).rejects.toBeInstanceOf(Rollback);
      expect(await products().findMany([kept.id, dropped.id])).toEqual([kept]);
      expect(await stockOf(a.id)).toEqual([0]);
      if (options.endsTransaction) {
        // Nothing may follow the reservation that ended the transaction (it is committed).
        await products().upsert({ ...a, stock: 1 });
        const late = product();
        await expect(
          storage().transaction(async (tx) => {
            await reserveOrRollBack(tx, [{ product_id: a.id, quantity: 1 }]);
            await tx.products.upsert(late);
          }),
        ).rejects.toThrow(/ended with its last statement/);
        expect(await products().findMany([late.id])).toEqual([]);
        expect(await stockOf(a.id)).toEqual([0]);
      }
      // Outside a transaction there is nothing to end: a plain reservation.
      await products().upsert({ ...a, stock: 2 });
      expect(await products().reserve([{ product_id: a.id, quantity: 1 }], options)).toBe(true);
      expect(await products().reserve([{ product_id: a.id, quantity: 2 }], options)).toBe(false);
      expect(await stockOf(a.id)).toEqual([1]);
    });
  });
}
