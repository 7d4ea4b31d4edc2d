import { type Kysely, sql } from 'kysely';
import type { ProcessedMessages } from '../../shared/ports/processed-messages.ts';
import type { Database } from './schema.ts';

export class PostgresProcessedMessages implements ProcessedMessages {
  constructor(private readonly db: Kysely<Database>) {}

  async markProcessed(consumer: string, messageId: string): Promise<boolean> {
    const result = await this.db
      .insertInto('processed_messages')
      .values({ consumer, message_id: messageId })
      .onConflict((oc) => oc.columns(['consumer', 'message_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async markProcessedMany(consumer: string, messageIds: readonly string[]): Promise<Set<string>> {
    if (messageIds.length === 0) return new Set();
    // Answered as given: PostgreSQL writes a uuid in lower case.
    const given = new Map(messageIds.map((id) => [id.toLowerCase(), id]));
    // In id order: two batches sharing messages wait for each other instead of deadlocking.
    const { rows } = await sql<{ message_id: string }>`
      insert into processed_messages (consumer, message_id)
      select ${consumer}, id from unnest(${[...given.keys()].sort()}::uuid[]) as id order by id
      on conflict (consumer, message_id) do nothing
      returning message_id`.execute(this.db);
    return new Set(rows.map((row) => given.get(row.message_id) ?? row.message_id));
  }

  /** Forgets everything `consumer` processed (before rebuilding its view). */
  async forget(consumer: string): Promise<void> {
    await this.db.deleteFrom('processed_messages').where('consumer', '=', consumer).execute();
  }
}
