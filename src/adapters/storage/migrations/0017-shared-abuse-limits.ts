import { type Kysely, sql } from 'kysely';

// Abuse limits shared by every API process on the database (issue 13): the rate-limit counters
// of @fastify/rate-limit (one row per key and fixed window) and the built-in identity provider's
// failed logins (one row per username or address). UNLOGGED: no WAL for a write that every
// counted request makes; after a crash PostgreSQL empties them, which forgets counts no older
// than a window (or a lockout), and they are not replicated to standbys. Fill factor 70 leaves
// room on each page so a count's update stays on its page (HOT, no index entry).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create unlogged table rate_limit_counters (
      key text primary key,
      hits integer not null,
      window_ends_at timestamptz not null
    ) with (fillfactor = 70)`.execute(db);
  await sql`
    create unlogged table login_failures (
      key text primary key,
      failures integer not null,
      last_failure_at timestamptz not null
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists login_failures`.execute(db);
  await sql`drop table if exists rate_limit_counters`.execute(db);
}
