import { type Kysely, sql } from 'kysely';

// The delivery context: carriers (signing secrets kept as given — HMAC needs the key — and a
// status mapping), one shipment per order handed to a carrier, and each shipment's reports.
// A report's primary key (carrier, webhook-id) is also the replay guard.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table carriers (
      carrier_id text primary key,
      display_name text not null,
      secrets jsonb not null,
      status_mapping jsonb not null,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`
    create table shipments (
      order_id uuid primary key,
      carrier_id text not null references carriers (carrier_id),
      tracking_number text,
      created_by text not null,
      created_at timestamptz not null
    )`.execute(db);
  await sql`
    create table shipment_updates (
      carrier_id text not null,
      webhook_id text not null,
      order_id uuid not null references shipments (order_id),
      seq bigint generated always as identity,
      carrier_status text not null,
      mapped_status text,
      tracking_number text,
      occurred_at timestamptz not null,
      received_at timestamptz not null,
      outcome text not null,
      primary key (carrier_id, webhook_id)
    )`.execute(db);
  await sql`create index shipment_updates_order on shipment_updates (order_id, seq)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists shipment_updates`.execute(db);
  await sql`drop table if exists shipments`.execute(db);
  await sql`drop table if exists carriers`.execute(db);
}
