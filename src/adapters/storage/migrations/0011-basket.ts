import { type Kysely, sql } from 'kysely';

// Seed 001's basket: one row per buyer, its lines as JSON. `last_checkout_*` remember the last
// checkout's Idempotency-Key and lines, so a retry after the basket was emptied replays it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table baskets (
      customer_id text primary key,
      lines jsonb not null default '[]',
      version integer not null default 1,
      last_checkout_key text,
      last_checkout_lines jsonb,
      updated_at timestamptz not null
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists baskets`.execute(db);
}
