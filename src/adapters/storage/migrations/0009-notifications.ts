import { type Kysely, sql } from 'kysely';

// Seed 003's profile service (contacts, locale, channel preferences, push devices) and the
// notification service's deliveries (one row per event, channel and device or address: the
// exactly-once key), their pending retries and the receipt of every attempt.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table profiles (
      user_id text primary key,
      display_name text,
      email text,
      locale text not null default 'en',
      channels jsonb not null default '{"email": true, "push": true, "live": true}',
      updated_at timestamptz not null
    )`.execute(db);
  await sql`
    create table devices (
      id uuid primary key,
      user_id text not null,
      platform text not null,
      token text not null unique,
      state text not null default 'active',
      disabled_reason text,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index devices_user on devices (user_id, created_at)`.execute(db);
  await sql`
    create table notification_deliveries (
      id uuid primary key,
      event_id text not null,
      order_id text not null,
      customer_id text not null,
      channel text not null,
      target text not null,
      device_id uuid,
      payload jsonb not null,
      status text not null default 'pending',
      attempts integer not null default 0,
      next_attempt_at timestamptz not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (event_id, channel, target)
    )`.execute(db);
  await sql`
    create index notification_deliveries_due on notification_deliveries (next_attempt_at)
    where status = 'pending'`.execute(db);
  await sql`
    create table notification_receipts (
      id uuid primary key,
      delivery_id uuid not null references notification_deliveries (id) on delete cascade,
      order_id text not null,
      channel text not null,
      target text not null,
      device_id uuid,
      attempt integer not null,
      outcome text not null,
      provider_status integer,
      error_code text,
      message_id text,
      message text,
      attempted_at timestamptz not null
    )`.execute(db);
  await sql`create index notification_receipts_order on notification_receipts (order_id, attempted_at)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists notification_receipts`.execute(db);
  await sql`drop table if exists notification_deliveries`.execute(db);
  await sql`drop table if exists devices`.execute(db);
  await sql`drop table if exists profiles`.execute(db);
}
