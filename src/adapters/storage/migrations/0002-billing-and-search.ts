import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table wallets (
      customer_id text primary key,
      currency text not null,
      balance integer not null check (balance >= 0),
      updated_at timestamptz not null default now()
    )`.execute(db);
  // The ledger: append-only; the balance always equals the sum of a wallet's amounts.
  // One debit and one refund per order at most, enforced by the database.
  await sql`
    create table wallet_operations (
      id uuid primary key,
      customer_id text not null references wallets (customer_id),
      kind text not null check (kind in ('top_up', 'debit', 'refund')),
      amount integer not null check (amount <> 0),
      order_id uuid,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index wallet_operations_once_per_order on wallet_operations (order_id, kind) where order_id is not null`.execute(
    db,
  );
  await sql`create index wallet_operations_customer on wallet_operations (customer_id, created_at desc)`.execute(
    db,
  );
  // Durable saga state of a wallet payment: DEBITED until the order records it (COMPLETED)
  // or the money goes back (REFUNDED). Recovery resumes whatever a crash left DEBITED.
  await sql`
    create table payments (
      order_id uuid primary key,
      customer_id text not null,
      amount integer not null,
      currency text not null,
      operation_id uuid not null,
      status text not null check (status in ('DEBITED', 'COMPLETED', 'REFUNDED')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index payments_debited on payments (updated_at) where status = 'DEBITED'`.execute(db);

  // readAll walks events in (transaction id, position) order.
  await sql`create index events_commit_order on events (tx_id, position)`.execute(db);
  await sql`alter table order_summaries add column version integer not null default 0`.execute(db);
  await sql`alter table order_summaries add column customer_name text`.execute(db);
  await sql`alter table order_summaries add column customer_email text`.execute(db);
  await sql`alter table order_summaries add column details jsonb not null default '{}'`.execute(db);
  await sql`alter table order_summaries add column search tsvector`.execute(db);
  await sql`create index order_summaries_search on order_summaries using gin (search)`.execute(db);
  await sql`create index order_summaries_status on order_summaries (status, created_at desc)`.execute(db);
  await sql`create index order_summaries_created on order_summaries (created_at desc, order_id desc)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['version', 'customer_name', 'customer_email', 'details', 'search']) {
    await sql`alter table order_summaries drop column if exists ${sql.ref(column)}`.execute(db);
  }
  for (const table of ['payments', 'wallet_operations', 'wallets']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
