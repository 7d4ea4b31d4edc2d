import { type Kysely, sql } from 'kysely';
import {
  type Product,
  type ProductRepository,
  quantitiesByProduct,
  type RequestedItem,
  type StockReservations,
} from '../../contexts/catalog/index.ts';
import type { Database } from './schema.ts';

const columns = ['id', 'name', 'category', 'price', 'currency', 'stock'] as const;

export class PostgresProductRepository implements ProductRepository, StockReservations {
  constructor(private readonly db: Kysely<Database>) {}

  list(): Promise<Product[]> {
    return this.db.selectFrom('products').select(columns).orderBy('category').orderBy('name').execute();
  }

  async findMany(ids: readonly string[]): Promise<Product[]> {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('products')
      .select(columns)
      .where('id', 'in', [...ids])
      .execute();
  }

  async upsert(product: Product): Promise<void> {
    await this.db
      .insertInto('products')
      .values(product)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          name: product.name,
          category: product.category,
          price: product.price,
          currency: product.currency,
          stock: product.stock,
          updated_at: sql<Date>`now()`,
        }),
      )
      .execute();
  }

  async insertIfAbsent(product: Product): Promise<boolean> {
    const result = await this.db
      .insertInto('products')
      .values(product)
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async reserve(items: readonly RequestedItem[]): Promise<boolean> {
    // One conditional decrement per product, in id order so two baskets never lock the same
    // rows in opposite orders (deadlock). `stock >= n` is re-checked under the row lock.
    for (const [id, quantity] of totalsById(items)) {
      const updated = await this.db
        .updateTable('products')
        .set({ stock: sql<number>`stock - ${quantity}`, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .where('stock', '>=', quantity)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return false;
    }
    return true;
  }

  async release(items: readonly RequestedItem[]): Promise<void> {
    for (const [id, quantity] of totalsById(items)) {
      await this.db
        .updateTable('products')
        .set({ stock: sql<number>`stock + ${quantity}`, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .execute();
    }
  }
}

function totalsById(items: readonly RequestedItem[]): [string, number][] {
  return [...quantitiesByProduct(items)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
