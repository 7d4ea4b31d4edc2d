import { type Kysely, sql } from 'kysely';
import type { UnpaidHoldings, UnpaidOrder, UnpaidOrders } from '../../contexts/ordering/index.ts';
import type { Database } from './schema.ts';

export class PostgresUnpaidOrders implements UnpaidOrders {
  constructor(private readonly db: Kysely<Database>) {}

  async add(order: UnpaidOrder): Promise<void> {
    await this.db
      .insertInto('unpaid_orders')
      .values({ ...order, created_at: new Date(order.created_at) })
      .onConflict((oc) => oc.column('order_id').doNothing())
      .execute();
  }

  async remove(orderId: string): Promise<void> {
    await this.db.deleteFrom('unpaid_orders').where('order_id', '=', orderId).execute();
  }

  async heldByBuyer(customerId: string): Promise<UnpaidHoldings> {
    // Serialises one buyer's order placements until commit, so two concurrent ones cannot
    // both pass the cap (PGlite runs one transaction at a time anyway).
    await sql`select pg_advisory_xact_lock(hashtextextended(${`unpaid-orders:${customerId}`}, 0))`.execute(
      this.db,
    );
    const row = await this.db
      .selectFrom('unpaid_orders')
      .select((eb) => [
        eb.fn.countAll<string | number>().as('n'),
        eb.fn.coalesce(eb.fn.sum<string | number>('units'), eb.lit(0)).as('units'),
      ])
      .where('customer_id', '=', customerId)
      .executeTakeFirstOrThrow();
    return { orders: Number(row.n), units: Number(row.units) };
  }

  async createdBefore(cutoff: Date, limit: number): Promise<UnpaidOrder[]> {
    const rows = await this.db
      .selectFrom('unpaid_orders')
      .select(['order_id', 'customer_id', 'created_at', 'units'])
      .where('created_at', '<=', cutoff)
      .orderBy('created_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, created_at: r.created_at.toISOString() }));
  }
}
