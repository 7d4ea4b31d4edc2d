import type { Kysely } from 'kysely';
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

  /** Forgets everything `consumer` processed (before rebuilding its view). */
  async forget(consumer: string): Promise<void> {
    await this.db.deleteFrom('processed_messages').where('consumer', '=', consumer).execute();
  }
}
