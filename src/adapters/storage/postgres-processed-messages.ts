import { type Kysely, sql } from 'kysely';
import type { ProcessedMessages } from '../../shared/ports/processed-messages.ts';
import type { Later } from '../../shared/ports/unit-of-work.ts';
import { sendWithNext } from './deferred-begin.ts';
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
    const { rows } = await markMany(consumer, messageIds).execute(this.db);
    return freshOf(messageIds, rows);
  }

  async markProcessedManyWithNext(
    consumer: string,
    messageIds: readonly string[],
  ): Promise<Later<Set<string>>> {
    if (messageIds.length === 0) return { answer: async () => new Set() };
    return sendWithNext(this.db, markMany(consumer, messageIds), (rows) => freshOf(messageIds, rows));
  }

  /** Forgets everything `consumer` processed (before rebuilding its view). */
  async forget(consumer: string): Promise<void> {
    await this.db.deleteFrom('processed_messages').where('consumer', '=', consumer).execute();
  }
}

/**
 * Marks the messages, answering the (1-based) positions of the new ones in `messageIds`. By
 * position, so as given: PostgreSQL reads other spellings of a uuid too (upper case, braces) and
 * writes them its own way. Of two spellings of one id, the first is new. In id order: two
 * batches sharing messages wait for each other instead of deadlocking.
 */
const markMany = (consumer: string, messageIds: readonly string[]) => sql<{ i: string | number }>`
  with given as (
    select id::uuid as message_id, min(i) as i
      from unnest(${messageIds}::text[]) with ordinality as t(id, i)
     group by id::uuid
  ), marked as (
    insert into processed_messages (consumer, message_id)
    select ${consumer}, message_id from given order by message_id
    on conflict (consumer, message_id) do nothing
    returning message_id
  )
  select g.i from given g join marked m on m.message_id = g.message_id`;

const freshOf = (messageIds: readonly string[], rows: readonly { i: string | number }[]): Set<string> =>
  new Set(rows.map((row) => messageIds[Number(row.i) - 1]!));
