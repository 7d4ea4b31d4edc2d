import { type Kysely, sql } from 'kysely';

// The per-buyer cap on unpaid stock counts units, so each unpaid order's index row carries its
// number of units (the sum of its lines' quantities). Existing rows get theirs from OrderCreated.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table unpaid_orders add column units integer not null default 0`.execute(db);
  await sql`
    update unpaid_orders u
    set units = coalesce((
      select sum((item ->> 'quantity')::integer)
      from events e, jsonb_array_elements(e.data -> 'items') item
      where e.event_type = 'OrderCreated' and (e.data ->> 'order_id')::uuid = u.order_id
    ), 0)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table unpaid_orders drop column units`.execute(db);
}
