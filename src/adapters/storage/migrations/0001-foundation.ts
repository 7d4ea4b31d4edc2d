import { type Kysely, sql } from 'kysely';

// Plain SQL that runs on PostgreSQL 15 and on PGlite (PostgreSQL 18 in WASM) alike.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table streams (
      stream_id text primary key,
      stream_type text not null,
      version integer not null check (version > 0),
      updated_at timestamptz not null default now()
    )`.execute(db);
  // tx_id lets readers of "all events from a position" wait for older in-flight transactions
  // instead of skipping positions that commit late.
  await sql`
    create table events (
      position bigint generated always as identity primary key,
      stream_id text not null references streams (stream_id),
      version integer not null,
      event_id uuid not null unique,
      event_type text not null,
      data jsonb not null,
      metadata jsonb not null default '{}',
      recorded_at timestamptz not null default now(),
      tx_id xid8 not null default pg_current_xact_id(),
      unique (stream_id, version)
    )`.execute(db);
  await sql`
    create table outbox (
      id bigint generated always as identity primary key,
      message_id uuid not null unique,
      topic text not null,
      message_key text not null,
      payload jsonb not null,
      headers jsonb not null default '{}',
      created_at timestamptz not null default now(),
      published_at timestamptz
    )`.execute(db);
  await sql`create index outbox_unpublished on outbox (message_key, id) where published_at is null`.execute(
    db,
  );
  await sql`
    create table idempotency_keys (
      scope text not null,
      key text not null,
      request_hash text not null,
      status_code integer not null,
      response jsonb not null,
      created_at timestamptz not null default now(),
      primary key (scope, key)
    )`.execute(db);
  await sql`
    create table processed_messages (
      consumer text not null,
      message_id uuid not null,
      processed_at timestamptz not null default now(),
      primary key (consumer, message_id)
    )`.execute(db);
  await sql`
    create table users (
      id uuid primary key,
      username text not null unique,
      password_hash text not null,
      email text,
      full_name text,
      roles jsonb not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table products (
      id text primary key,
      name text not null,
      category text not null default 'other',
      price integer not null check (price >= 0),
      currency text not null,
      stock integer not null check (stock >= 0),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table order_summaries (
      order_id uuid primary key,
      customer_id text not null,
      status text not null,
      items jsonb not null,
      total integer not null,
      currency text not null,
      delivery jsonb,
      history jsonb not null default '[]',
      last_event_at timestamptz not null,
      created_at timestamptz not null,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index order_summaries_customer on order_summaries (customer_id, created_at desc)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'order_summaries',
    'products',
    'users',
    'processed_messages',
    'idempotency_keys',
    'outbox',
    'events',
    'streams',
  ]) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
