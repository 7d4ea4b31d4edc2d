import { type Kysely, sql } from 'kysely';
import {
  type PricedAs,
  type Product,
  type ProductRepository,
  quantitiesByProduct,
  type RequestedItem,
  type ReserveOptions,
  type StockReservations,
} from '../../contexts/catalog/index.ts';
import { COMMITS_TRANSACTION } from './deferred-begin.ts';
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

  async reserve(items: readonly RequestedItem[], options: ReserveOptions = {}): Promise<boolean> {
    // One conditional decrement per product, in id order so two baskets never lock the same
    // rows in opposite orders (deadlock). `stock >= n` is re-checked under the row lock, and
    // so is what the order was priced with.
    const totals = [...totalsById(items)];
    const last = options.endsTransaction && this.db.isTransaction ? totals.pop() : undefined;
    for (const [id, quantity] of totals) {
      let decrement = this.db
        .updateTable('products')
        .set({ stock: sql<number>`stock - ${quantity}`, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .where('stock', '>=', quantity);
      for (const [column, value] of pricedAsIs(options.pricedAs?.get(id)))
        decrement = decrement.where(column, '=', value);
      const updated = await decrement.executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return false;
    }
    if (last) return this.#reserveAndCommit(...last, options.pricedAs?.get(last[0]));
    return true;
  }

  /**
   * The transaction's last decrement, marked to take the COMMIT with it: a shortage must then
   * fail the statement, not leave it without a row, so the decrement is unguarded (the stock
   * check constraint refuses an overdraft) and a product that is not there divides by zero.
   */
  async #reserveAndCommit(id: string, quantity: number, pricedAs?: PricedAs): Promise<boolean> {
    // A product priced otherwise than the order is refused like a missing one.
    const priced = pricedAsIs(pricedAs).map(([column, value]) => sql` and ${sql.ref(column)} = ${value}`);
    try {
      await sql`
        with decremented as (
          update products set stock = stock - ${quantity}, updated_at = now()
           where id = ${id}${sql.join(priced, sql``)} returning 1
        )
        select 1 / (select count(*)::int from decremented) as reserved${sql.raw(COMMITS_TRANSACTION)}`.execute(
        this.db,
      );
      return true;
    } catch (error) {
      const { code, table } = error as { code?: string; table?: string };
      // 23514: the stock check constraint; 22012: no such product. (A statement sent ahead of
      // this one that failed is reported as its own refusal, not as these.)
      if ((code === '23514' && table === 'products') || code === '22012') return false;
      throw error;
    }
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

/** The columns a reservation checks for what the order was priced with (none without it). */
function pricedAsIs(pricedAs: PricedAs | undefined): ['name' | 'price' | 'currency', string | number][] {
  return pricedAs
    ? [
        ['name', pricedAs.name],
        ['price', pricedAs.price],
        ['currency', pricedAs.currency],
      ]
    : [];
}

function totalsById(items: readonly RequestedItem[]): [string, number][] {
  return [...quantitiesByProduct(items)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
