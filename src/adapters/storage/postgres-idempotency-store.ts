import type { Kysely } from 'kysely';
import type { IdempotencyRecord, IdempotencyStore } from '../../shared/ports/idempotency.ts';
import type { Database } from './schema.ts';

export class PostgresIdempotencyStore implements IdempotencyStore {
  constructor(private readonly db: Kysely<Database>) {}

  async find(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    const row = await this.db
      .selectFrom('idempotency_keys')
      .select(['scope', 'key', 'request_hash', 'status_code', 'response'])
      .where('scope', '=', scope)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row) return undefined;
    const { status_code, ...rest } = row;
    return status_code === null ? rest : { ...rest, status_code };
  }

  async save(record: IdempotencyRecord): Promise<boolean> {
    // A concurrent request with the same key blocks here until the first commits, then
    // inserts nothing: the caller rolls back and answers with the stored response.
    const result = await this.db
      .insertInto('idempotency_keys')
      .values({
        scope: record.scope,
        key: record.key,
        request_hash: record.request_hash,
        status_code: record.status_code ?? null,
        response: JSON.stringify(record.response),
      })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }
}
