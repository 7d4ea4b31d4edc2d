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
import type { OutboxMessage } from '../../shared/ports/outbox.ts';
import { sendAnsweredLater } from './deferred-begin.ts';
import { outboxRow } from './postgres-outbox.ts';
import type { Database } from './schema.ts';

/** Event store on PostgreSQL tables (the same SQL serves PGlite). */
export class PostgresEventStore implements EventStore {
  constructor(
    private readonly db: Kysely<Database>,
    /** Told after an append that also wrote to the outbox (as `PostgresOutbox` tells it). */
    private readonly onOutboxWrite: () => void = () => {},
  ) {}

  async append(
    streamId: string,
    streamType: string,
    expectedVersion: number,
    events: NewEvent[],
    announce: OutboxMessage[] = [],
  ): Promise<AppendResult> {
    const { claims, insert } = appendStatement(streamId, streamType, expectedVersion, events, announce);
    const { rows: written } = await sql<{ position: string | number }>`with ${claims}
      ${insert} returning position`.execute(this.db);
    if (written.length === 0) throw new ConcurrencyError(streamId, expectedVersion);
    if (announce.length > 0) this.onOutboxWrite();
    return {
      version: expectedVersion + events.length,
      position: Math.max(...written.map((row) => Number(row.position))),
    };
  }

  async appendAnsweredLater(
    streamId: string,
    streamType: string,
    expectedVersion: number,
    events: NewEvent[],
    announce: OutboxMessage[] = [],
  ): Promise<void> {
    // An append that writes nothing (a stale version) must fail to stop what follows it: here
    // it divides by zero, reported as the ConcurrencyError `append` throws.
    const { claims, insert } = appendStatement(streamId, streamType, expectedVersion, events, announce);
    await sendAnsweredLater(
      this.db,
      sql`with ${claims}, written as (${insert} returning 1)
      select 1 / (select count(*)::int from written) as appended`,
      (error) =>
        (error as { code?: string }).code === '22012'
          ? new ConcurrencyError(streamId, expectedVersion)
          : error,
    );
    if (announce.length > 0) this.onOutboxWrite();
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

/**
 * One statement, so one round trip and atomic by itself: the streams row is claimed (created, or
 * moved from the expected version) and the events inserted only if that claim returned a row,
 * with the messages that announce them in the outbox. The row is the lock: a concurrent writer
 * at the same expected version blocks on it, then finds the version moved (or the stream
 * there) and writes nothing. `claims` are the common table expressions, `insert` the events'
 * insert that follows them (without its RETURNING clause).
 */
function appendStatement(
  streamId: string,
  streamType: string,
  expectedVersion: number,
  events: NewEvent[],
  announce: OutboxMessage[],
) {
  if (events.length === 0) throw new Error('append needs at least one event');
  const version = expectedVersion + events.length;
  const claim =
    expectedVersion === NO_STREAM
      ? sql`insert into streams (stream_id, stream_type, version)
            values (${streamId}, ${streamType}, ${version})
            on conflict (stream_id) do nothing
            returning version`
      : sql`update streams set version = ${version}, updated_at = now()
            where stream_id = ${streamId} and version = ${expectedVersion}
            returning version`;
  const rows = sql.join(
    events.map(
      (event, i) =>
        sql`(${expectedVersion + i + 1}::int, ${event.event_id}::uuid, ${event.type}::text,
             ${JSON.stringify(event.data)}::jsonb, ${JSON.stringify(event.metadata ?? {})}::jsonb)`,
    ),
  );
  // The announcements go in with the events, only if the claim returned a row, in their order
  // (the outbox's ids are the relay's order).
  const announced =
    announce.length === 0
      ? sql``
      : sql`, announced as (
      insert into outbox (message_id, topic, message_key, payload, headers)
      select m.message_id, m.topic, m.message_key, m.payload, m.headers
        from claimed, (values ${sql.join(
          announce.map(outboxRow).map(
            (row, i) =>
              sql`(${i}::int, ${row.message_id}::uuid, ${row.topic}::text, ${row.message_key}::text,
                   ${row.payload}::jsonb, ${row.headers}::jsonb)`,
          ),
        )}) as m (n, message_id, topic, message_key, payload, headers)
       order by m.n)`;
  return {
    claims: sql`claimed as (${claim})${announced}`,
    insert: sql`insert into events (stream_id, version, event_id, event_type, data, metadata)
    select ${streamId}, e.version, e.event_id, e.event_type, e.data, e.metadata
      from claimed, (values ${rows}) as e (version, event_id, event_type, data, metadata)
     order by e.version`,
  };
}
