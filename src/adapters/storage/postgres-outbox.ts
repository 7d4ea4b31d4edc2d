import { context, propagation } from '@opentelemetry/api';
import { type Kysely, sql } from 'kysely';
import type { MessageHeaders } from '../../shared/envelope.ts';
import type {
  Outbox,
  OutboxMessage,
  OutboxRelayStore,
  PendingOutboxMessage,
} from '../../shared/ports/outbox.ts';
import type { Database } from './schema.ts';

/** Transactional outbox: written with the events, drained by the relay. */
export class PostgresOutbox implements Outbox, OutboxRelayStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly onEnqueued: () => void = () => {},
  ) {}

  async enqueue(messages: OutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.db.insertInto('outbox').values(messages.map(outboxRow)).execute();
    this.onEnqueued();
  }

  async claim(limit: number, options: { markPublishedAt?: Date } = {}): Promise<PendingOutboxMessage[]> {
    // Lock a batch, skipping rows other relays hold; then hand out only rows with no earlier
    // unpublished message of the same key outside this batch, so one order's messages leave
    // in the order they were written even with several relays.
    const ready = sql`
      with batch as (
        select id from outbox where published_at is null order by id limit ${limit} for update skip locked
      ), ready as (
        select o.id from outbox o join batch b on b.id = o.id
        where not exists (
          select 1 from outbox e
          where e.message_key = o.message_key and e.published_at is null and e.id < o.id
            and e.id not in (select id from batch)
        )
      )`;
    const columns = sql`o.id, o.topic, o.message_key, o.payload, o.headers, o.created_at`;
    const { rows } = await sql<{
      id: string | number;
      topic: string;
      message_key: string;
      payload: OutboxMessage['envelope'];
      headers: OutboxMessage['headers'];
      created_at: Date;
    }>`${ready}
      ${
        options.markPublishedAt
          ? sql`update outbox o set published_at = ${options.markPublishedAt}
                from ready r where o.id = r.id returning ${columns}`
          : sql`select ${columns} from outbox o join ready r on r.id = o.id order by o.id`
      }`.execute(this.db);
    return rows
      .map((row) => ({
        id: Number(row.id),
        topic: row.topic,
        key: row.message_key,
        envelope: row.payload,
        headers: row.headers,
        created_at: row.created_at,
      }))
      .sort((a, b) => a.id - b.id); // an UPDATE returns its rows in no set order
  }

  async markPublished(ids: number[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable('outbox').set({ published_at: at }).where('id', 'in', ids).execute();
  }

  async lag(now: Date): Promise<{ pending: number; oldestAgeSeconds: number }> {
    const row = await this.db
      .selectFrom('outbox')
      .select((eb) => [eb.fn.countAll<string | number>().as('pending'), eb.fn.min('created_at').as('oldest')])
      .where('published_at', 'is', null)
      .executeTakeFirstOrThrow();
    const oldest = row.oldest as Date | null;
    return {
      pending: Number(row.pending),
      oldestAgeSeconds: oldest ? Math.max(0, (now.getTime() - new Date(oldest).getTime()) / 1000) : 0,
    };
  }
}

/** The columns an outbox row is written with (by `enqueue`, and by an event-store append that announces). */
export function outboxRow(m: OutboxMessage) {
  return {
    message_id: m.envelope.event_id,
    topic: m.topic,
    message_key: m.key,
    payload: JSON.stringify(m.envelope),
    headers: JSON.stringify(withActiveTrace(m.headers)),
  };
}

/**
 * A message written without a trace context (a command issued by a consumer, a sweep) takes
 * the span active while it is written (that consumer's), so what it causes stays in the order's
 * trace. Headers that name one (an API request's) are kept. No-op with tracing off.
 */
function withActiveTrace(headers: MessageHeaders): MessageHeaders {
  if (headers.traceparent) return headers;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? { ...headers, ...carrier } : headers;
}
