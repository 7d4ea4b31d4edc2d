import { type Kysely, sql } from 'kysely';

// What each buyer holds unpaid (orders, units), kept beside `unpaid_orders` by the same
// statements that add and remove its rows. The per-buyer caps are checked and taken in one
// conditional upsert of this row (its row lock serialises one buyer's placements until commit)
// instead of an advisory lock plus a count of the buyer's rows. Existing rows are summed in.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table unpaid_holdings (
      customer_id text primary key,
      orders integer not null check (orders >= 0),
      units integer not null check (units >= 0)
    )`.execute(db);
  await sql`
    insert into unpaid_holdings (customer_id, orders, units)
    select customer_id, count(*), coalesce(sum(units), 0) from unpaid_orders group by customer_id`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists unpaid_holdings`.execute(db);
}
