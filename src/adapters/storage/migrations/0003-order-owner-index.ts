import { type Kysely, sql } from 'kysely';

// Finds a buyer's order streams in the event store, to tell whether the view has caught up
// with everything that buyer wrote (read-your-writes for lists).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index events_order_customer on events ((data ->> 'customer_id')) where event_type = 'OrderCreated'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists events_order_customer`.execute(db);
}
