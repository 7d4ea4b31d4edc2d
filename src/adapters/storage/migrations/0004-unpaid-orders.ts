import { type Kysely, sql } from 'kysely';

// Ordering's list of open unpaid (PENDING) orders: a row is added with the order and removed
// in the transaction that moves the order out of PENDING. The expiry job finds old ones by
// `created_at`; the per-buyer cap counts a buyer's rows. Existing PENDING orders are copied in.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table unpaid_orders (
      order_id uuid primary key,
      customer_id text not null,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index unpaid_orders_customer on unpaid_orders (customer_id)`.execute(db);
  await sql`create index unpaid_orders_created on unpaid_orders (created_at)`.execute(db);
  await sql`
    insert into unpaid_orders (order_id, customer_id, created_at)
    select (e.data ->> 'order_id')::uuid, e.data ->> 'customer_id', (e.data ->> 'created_at')::timestamptz
    from events e
    where e.event_type = 'OrderCreated'
      and not exists (
        select 1 from events later
        where later.stream_id = e.stream_id and later.event_type in ('OrderPaid', 'OrderCancelled')
      )
    on conflict do nothing`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists unpaid_orders`.execute(db);
}
