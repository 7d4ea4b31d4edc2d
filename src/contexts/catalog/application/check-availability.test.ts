import { describe, expect, it } from 'vitest';
import type { Product } from '../domain/product.ts';
import { AvailabilityChecker } from './check-availability.ts';
import type { ProductRepository } from './ports.ts';

const pizza: Product = {
  id: 'p1',
  name: 'Margherita',
  category: 'pizza',
  price: 850,
  currency: 'EUR',
  stock: 3,
};
const salad: Product = { id: 'p2', name: 'Caesar', category: 'salad', price: 600, currency: 'EUR', stock: 1 };

/** Products a test changes, and how many reads asked for them. */
function store(...initial: Product[]) {
  const products = new Map(initial.map((p) => [p.id, p]));
  const counter = { reads: 0 };
  const repository: Pick<ProductRepository, 'findMany'> = {
    async findMany(ids) {
      counter.reads++;
      return ids.flatMap((id) => (products.has(id) ? [products.get(id)!] : []));
    },
  };
  return { products, counter, repository: repository as ProductRepository };
}

describe('AvailabilityChecker with products kept in process', () => {
  it('answers a recent check from what it read within the time to keep, and any other check fresh', async () => {
    const { products, counter, repository } = store(pizza, salad);
    let now = 0;
    const checker = new AvailabilityChecker(repository, 1000, () => now);
    const basket = [
      { product_id: 'p1', quantity: 2 },
      { product_id: 'p2', quantity: 1 },
    ];
    expect((await checker.check(basket, { recent: true })).all_available).toBe(true);
    expect(counter.reads).toBe(1);
    products.set('p1', { ...pizza, price: 900 });
    const kept = await checker.check(basket, { recent: true });
    expect(counter.reads).toBe(1);
    expect(kept.kept).toBe(true);
    expect(kept.products.get('p1')?.price).toBe(850); // as read: the reservation re-checks it
    // Forgotten (this process changed it): read.
    checker.forget('p1');
    expect((await checker.check(basket, { recent: true })).kept).toBe(false);
    expect(counter.reads).toBe(2);
    // Not asked for recent (the availability route, an order's retry): read.
    expect((await checker.check(basket)).products.get('p1')?.price).toBe(900);
    expect(counter.reads).toBe(3);
    // Past the time to keep: read again.
    products.set('p1', { ...pizza, price: 950 });
    now = 999;
    expect((await checker.check(basket, { recent: true })).products.get('p1')?.price).toBe(900);
    now = 3000;
    expect((await checker.check(basket, { recent: true })).products.get('p1')?.price).toBe(950);
    expect(counter.reads).toBe(4);
  });

  it('never answers "unavailable" from what it kept: a basket it cannot sell, or a product not kept, is read fresh', async () => {
    const { products, counter, repository } = store(pizza, salad);
    const checker = new AvailabilityChecker(repository, 60_000);
    await checker.check([{ product_id: 'p2', quantity: 1 }], { recent: true });
    // Kept with 1 unit; two asked for: read, and restocked meanwhile.
    products.set('p2', { ...salad, stock: 5 });
    const restocked = await checker.check([{ product_id: 'p2', quantity: 2 }], { recent: true });
    expect(restocked.all_available).toBe(true);
    expect(counter.reads).toBe(2);
    // A product never read yet: read (both, in one read).
    await checker.check(
      [
        { product_id: 'p1', quantity: 1 },
        { product_id: 'p2', quantity: 1 },
      ],
      { recent: true },
    );
    expect(counter.reads).toBe(3);
    // Unknown products are not kept: unavailable, read each time.
    for (let i = 0; i < 2; i++)
      expect(
        (await checker.check([{ product_id: 'nope', quantity: 1 }], { recent: true })).all_available,
      ).toBe(false);
    expect(counter.reads).toBe(5);
  });

  it('keeps nothing with no time to keep', async () => {
    const { counter, repository } = store(pizza);
    const checker = new AvailabilityChecker(repository);
    for (let i = 0; i < 3; i++) await checker.check([{ product_id: 'p1', quantity: 1 }], { recent: true });
    expect(counter.reads).toBe(3);
  });
});
