import { type Kysely, sql } from 'kysely';

// The trace a notification delivery was made in (a W3C traceparent), so the attempts a retry
// pass makes later, in any process, continue the order's trace. Null for rows made untraced.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table notification_deliveries add column trace_context text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table notification_deliveries drop column if exists trace_context`.execute(db);
}
