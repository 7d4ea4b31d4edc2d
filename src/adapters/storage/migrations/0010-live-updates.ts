import { type Kysely, sql } from 'kysely';

// The live-updates hub's per-user feed (seed 004). `live_update_counters` holds each user's last
// position: appending updates it first, which gives the next position and holds the user's row
// lock to commit, so positions increase strictly per user in commit order. Entries are unique per
// (user, event). Tickets are stored by hash and redeemed by a conditional update.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table live_update_counters (
      user_id text primary key,
      last_position bigint not null
    )`.execute(db);
  await sql`
    create table live_updates (
      user_id text not null,
      position bigint not null,
      event_id text not null,
      order_id text not null,
      message jsonb not null,
      created_at timestamptz not null,
      acked_at timestamptz,
      primary key (user_id, position),
      unique (user_id, event_id)
    )`.execute(db);
  await sql`create index live_updates_created on live_updates (created_at)`.execute(db);
  await sql`
    create table live_update_tickets (
      ticket_hash text primary key,
      user_id text not null,
      expires_at timestamptz not null,
      session_expires_at timestamptz not null,
      redeemed_at timestamptz
    )`.execute(db);
  await sql`create index live_update_tickets_expires on live_update_tickets (expires_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists live_update_tickets`.execute(db);
  await sql`drop table if exists live_updates`.execute(db);
  await sql`drop table if exists live_update_counters`.execute(db);
}
