import { type Kysely, sql } from 'kysely';
import {
  UnpaidCapReached,
  type UnpaidCaps,
  type UnpaidHoldings,
  type UnpaidOrder,
  type UnpaidOrders,
} from '../../contexts/ordering/index.ts';
import { sendAnsweredLater } from './deferred-begin.ts';
import type { Database } from './schema.ts';

export class PostgresUnpaidOrders implements UnpaidOrders {
  constructor(private readonly db: Kysely<Database>) {}

  async add(order: UnpaidOrder, caps?: UnpaidCaps): Promise<void> {
    // One statement: the buyer's holdings row is taken (inserted, or incremented only while the
    // caps allow it), then the order's row is inserted if that happened. ON CONFLICT DO UPDATE
    // locks the buyer's row and re-checks its WHERE on the latest committed version, so
    // concurrent placements by one buyer queue there until commit and cannot both pass a cap.
    // A row already indexed (a repeated add) changes nothing. Neither inserted nor indexed
    // before (the statement's snapshot) means a cap refused it: it divides by zero, so that it
    // can leave with the unit of work's next statement and still stop it.
    const within = caps
      ? sql`where unpaid_holdings.orders < ${caps.orders} and unpaid_holdings.units + excluded.units <= ${caps.units}`
      : sql``;
    const fits = caps ? sql`and ${order.units}::int <= ${caps.units}` : sql``;
    await sendAnsweredLater(
      this.db,
      sql`
      with held as (
        insert into unpaid_holdings (customer_id, orders, units)
        select ${order.customer_id}, 1, ${order.units}::int
        where not exists (select 1 from unpaid_orders where order_id = ${order.order_id}) ${fits}
        on conflict (customer_id) do update
          set orders = unpaid_holdings.orders + 1, units = unpaid_holdings.units + excluded.units
          ${within}
        returning customer_id
      ), added as (
        insert into unpaid_orders (order_id, customer_id, created_at, units)
        select ${order.order_id}, customer_id, ${new Date(order.created_at)}, ${order.units}::int from held
        returning 1
      )
      select 1 / ((select count(*)::int from added)
                + (select count(*)::int from unpaid_orders where order_id = ${order.order_id})) as indexed`,
      (error) =>
        (error as { code?: string }).code === '22012' ? new UnpaidCapReached(order.customer_id) : error,
    );
  }

  async remove(orderId: string): Promise<void> {
    await sql`
      with gone as (delete from unpaid_orders where order_id = ${orderId} returning customer_id, units)
      update unpaid_holdings h set orders = h.orders - 1, units = h.units - gone.units
      from gone where h.customer_id = gone.customer_id`.execute(this.db);
  }

  async heldByBuyer(customerId: string): Promise<UnpaidHoldings> {
    const row = await this.db
      .selectFrom('unpaid_holdings')
      .select(['orders', 'units'])
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    return { orders: row?.orders ?? 0, units: row?.units ?? 0 };
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
