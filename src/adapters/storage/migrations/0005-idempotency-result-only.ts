import { type Kysely, sql } from 'kysely';

// An idempotency record stores the use case's result; the HTTP status is the route's choice.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table idempotency_keys alter column status_code drop not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update idempotency_keys set status_code = 201 where status_code is null`.execute(db);
  await sql`alter table idempotency_keys alter column status_code set not null`.execute(db);
}
