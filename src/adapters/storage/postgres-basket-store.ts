import { type Kysely, type Selectable, sql } from 'kysely';
import type { BasketLine, BasketStore, StoredBasket } from '../../contexts/basket/index.ts';
import type { Database } from './schema.ts';

/** Seed 001's basket-master on PostgreSQL / PGlite: one row per buyer. */
export class PostgresBasketStore implements BasketStore {
  constructor(private readonly db: Kysely<Database>) {}

  async find(customerId: string): Promise<StoredBasket | undefined> {
    const row = await this.db
      .selectFrom('baskets')
      .selectAll()
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    return row && toBasket(row);
  }

  async save(customerId: string, lines: readonly BasketLine[], now: Date): Promise<StoredBasket> {
    const json = JSON.stringify(lines.map(({ product_id, quantity }) => ({ product_id, quantity })));
    const row = await this.db
      .insertInto('baskets')
      .values({ customer_id: customerId, lines: json, version: 1, updated_at: now })
      .onConflict((oc) =>
        oc.column('customer_id').doUpdateSet({
          lines: json,
          version: sql<number>`baskets.version + 1`,
          updated_at: now,
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return toBasket(row);
  }

  async checkedOut(
    customerId: string,
    version: number,
    checkout: { key: string | null; lines: readonly BasketLine[] },
    now: Date,
  ): Promise<boolean> {
    const emptied = await this.db
      .updateTable('baskets')
      .set({
        lines: '[]',
        version: sql<number>`version + 1`,
        last_checkout_key: checkout.key,
        last_checkout_lines: JSON.stringify(checkout.lines),
        updated_at: now,
      })
      .where('customer_id', '=', customerId)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(emptied.numUpdatedRows) > 0) return true;
    // The buyer changed the basket meanwhile: keep their new lines, remember the checkout.
    await this.db
      .updateTable('baskets')
      .set({ last_checkout_key: checkout.key, last_checkout_lines: JSON.stringify(checkout.lines) })
      .where('customer_id', '=', customerId)
      .execute();
    return false;
  }
}

function toBasket(row: Selectable<Database['baskets']>): StoredBasket {
  const lines = parseJson(row.lines) as BasketLine[];
  const lastLines = parseJson(row.last_checkout_lines) as BasketLine[] | null;
  const key = row.last_checkout_key;
  return {
    customer_id: row.customer_id,
    lines,
    version: Number(row.version),
    updated_at: row.updated_at,
    last_checkout: key !== null && lastLines ? { key, lines: lastLines } : null,
  };
}

/** pg parses jsonb; PGlite does too, but a text column would not: accept both. */
const parseJson = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);
