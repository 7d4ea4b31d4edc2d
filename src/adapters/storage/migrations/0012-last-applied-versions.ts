import { type Kysely, sql } from 'kysely';

// The last order-stream version each consumer applied per order, so a status consumed out of
// order (several consumers, a requeue) never follows a newer one: the live feed per (user,
// order), the notifications per order. A status no newer than the recorded one is skipped.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table live_update_order_versions (
      user_id text not null,
      order_id text not null,
      last_version integer not null,
      primary key (user_id, order_id)
    )`.execute(db);
  await sql`
    create table notification_order_versions (
      order_id text primary key,
      last_version integer not null
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists notification_order_versions`.execute(db);
  await sql`drop table if exists live_update_order_versions`.execute(db);
}
