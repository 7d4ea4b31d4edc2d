import { type Kysely, sql } from 'kysely';
import { ConcurrencyError } from '../../shared/errors.ts';
import {
  type AppendResult,
  type EventStore,
  type GlobalCheckpoint,
  type NewEvent,
  NO_STREAM,
  type RecordedEvent,
} from '../../shared/ports/event-store.ts';
import type { Database } from './schema.ts';

/** Event store on PostgreSQL tables (the same SQL serves PGlite). */
export class PostgresEventStore implements EventStore {
  constructor(private readonly db: Kysely<Database>) {}

  async append(
    streamId: string,
    streamType: string,
    expectedVersion: number,
    events: NewEvent[],
  ): Promise<AppendResult> {
    if (!this.db.isTransaction) {
      return this.db
        .transaction()
        .execute((trx) => new PostgresEventStore(trx).append(streamId, streamType, expectedVersion, events));
    }
    if (events.length === 0) throw new Error('append needs at least one event');
    const version = expectedVersion + events.length;
    // The streams row is the lock: a concurrent writer at the same expected version blocks on
    // it, then finds the version moved and writes nothing.
    const claimed =
      expectedVersion === NO_STREAM
        ? await this.db
            .insertInto('streams')
            .values({ stream_id: streamId, stream_type: streamType, version })
            .onConflict((oc) => oc.column('stream_id').doNothing())
            .returning('version')
            .executeTakeFirst()
        : await this.db
            .updateTable('streams')
            .set({ version, updated_at: sql<Date>`now()` })
            .where('stream_id', '=', streamId)
            .where('version', '=', expectedVersion)
            .returning('version')
            .executeTakeFirst();
    if (!claimed) throw new ConcurrencyError(streamId, expectedVersion);

    const rows = await this.db
      .insertInto('events')
      .values(
        events.map((event, i) => ({
          stream_id: streamId,
          version: expectedVersion + i + 1,
          event_id: event.event_id,
          event_type: event.type,
          data: JSON.stringify(event.data),
          metadata: JSON.stringify(event.metadata ?? {}),
        })),
      )
      .returning('position')
      .execute();
    return { version, position: Number(rows.at(-1)!.position) };
  }

  async readStream(streamId: string, afterVersion = 0): Promise<RecordedEvent[]> {
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
      .select(sql<string>`tx_id::text`.as('tx'))
      .where('stream_id', '=', streamId)
      .where('version', '>', afterVersion)
      .orderBy('version')
      .execute();
    return rows.map(toRecorded);
  }

  async readAll(after: GlobalCheckpoint, limit: number): Promise<RecordedEvent[]> {
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
      .select(sql<string>`tx_id::text`.as('tx'))
      .where(sql<boolean>`(tx_id, position) > (${after.tx_id}::xid8, ${after.position}::bigint)`)
      .where(sql<boolean>`tx_id < pg_snapshot_xmin(pg_current_snapshot())`)
      .orderBy(sql`tx_id`)
      .orderBy('position')
      .limit(limit)
      .execute();
    return rows.map(toRecorded);
  }

  async scanCommitted(afterPosition: number, limit: number): Promise<RecordedEvent[]> {
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
      .select(sql<string>`tx_id::text`.as('tx'))
      .where('position', '>', afterPosition)
      .orderBy('position')
      .limit(limit)
      .execute();
    return rows.map(toRecorded);
  }

  async streamVersion(streamId: string): Promise<number> {
    const row = await this.db
      .selectFrom('streams')
      .select('version')
      .where('stream_id', '=', streamId)
      .executeTakeFirst();
    return row?.version ?? NO_STREAM;
  }
}

type EventRow = {
  position: number | string;
  stream_id: string;
  version: number;
  event_id: string;
  event_type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  recorded_at: Date;
  tx: string;
};

const toRecorded = (row: EventRow): RecordedEvent => ({
  stream_id: row.stream_id,
  version: row.version,
  position: Number(row.position),
  event_id: row.event_id,
  type: row.event_type,
  data: row.data,
  metadata: row.metadata,
  recorded_at: row.recorded_at,
  checkpoint: { tx_id: row.tx, position: Number(row.position) },
});
