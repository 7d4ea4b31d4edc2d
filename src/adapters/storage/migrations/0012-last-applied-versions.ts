import { type Kysely, sql } from 'kysely';

// The furthest order status each consumer applied per order (its rank in the forward-only state
// machine: two statuses of one commit share a stream version, never a rank), so a status consumed
// out of order (members of a group in several processes, a requeue) never follows a later one:
// the live feed per (user, order), the notifications per order.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table live_update_order_versions (
      user_id text not null,
      order_id text not null,
      last_rank integer not null,
      primary key (user_id, order_id)
    )`.execute(db);
  await sql`
    create table notification_order_versions (
      order_id text primary key,
      last_rank integer not null,
      last_status text not null
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists notification_order_versions`.execute(db);
  await sql`drop table if exists live_update_order_versions`.execute(db);
}
