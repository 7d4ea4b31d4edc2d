import { type Kysely, type Selectable, sql } from 'kysely';
import type {
  OrderSearch,
  OrderSummary,
  OrderSummaryPage,
  OrderSummaryStore,
} from '../../read-model/order-info/order-summary.ts';
import { DomainError } from '../../shared/errors.ts';
import { heldFailure, sendAnsweredLater } from './deferred-begin.ts';
import { inKeyOrder } from './key-order.ts';
import type { Database } from './schema.ts';

type Row = Selectable<Database['order_summaries']>;

const COLUMNS = [
  'order_id',
  'customer_id',
  'customer_name',
  'customer_email',
  'status',
  'items',
  'total',
  'currency',
  'delivery',
  'history',
  'details',
  'version',
  'created_at',
  'last_event_at',
] as const;

export class PostgresOrderSummaries implements OrderSummaryStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(entries: readonly { summary: OrderSummary; searchText: string }[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db
      .insertInto('order_summaries')
      .values(
        // In key order, so two processes inserting batches that share orders cannot deadlock.
        inKeyOrder(entries, (e) => e.summary.order_id).map(
          ({ summary, searchText }) =>
            ({
              ...toColumns(summary),
              created_at: new Date(summary.created_at),
              // 'simple' keeps names and e-mail addresses as they are (no stemming, no stop words).
              search: sql`to_tsvector('simple', ${searchText})`,
            }) as never,
        ),
      )
      .onConflict((oc) => oc.column('order_id').doNothing())
      .execute();
  }

  async get(orderId: string): Promise<OrderSummary | undefined> {
    if (!UUID.test(orderId)) return undefined;
    const row = await this.db
      .selectFrom('order_summaries')
      .select(COLUMNS)
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    return row && toSummary(row);
  }

  async getForUpdate(orderIds: readonly string[]): Promise<Map<string, OrderSummary>> {
    const ids = [...new Set(orderIds)].filter((id) => UUID.test(id));
    if (ids.length === 0) return new Map();
    // Locked in one order, so two batches sharing orders cannot deadlock.
    const rows = await this.db
      .selectFrom('order_summaries')
      .select(COLUMNS)
      .where('order_id', 'in', ids)
      .orderBy('order_id')
      .forUpdate()
      .execute();
    // Keyed by the ids as asked (PostgreSQL answers a UUID in lower case).
    const found = new Map(rows.map((row) => [row.order_id, toSummary(row)]));
    return new Map(
      orderIds.flatMap((id) => {
        const summary = found.get(id.toLowerCase());
        return summary ? [[id, summary] as const] : [];
      }),
    );
  }

  async update(summaries: readonly OrderSummary[]): Promise<void> {
    if (summaries.length === 0) return;
    const rows = inKeyOrder(summaries, (summary) => summary.order_id).map((summary) => {
      const c = toColumns(summary);
      return sql`(${c.order_id}::uuid, ${c.status}, ${c.items}::jsonb, ${c.total}::int, ${c.currency},
        ${c.delivery}::jsonb, ${c.history}::jsonb, ${c.details}::jsonb, ${c.version}::int,
        ${c.last_event_at}::timestamptz, ${c.customer_name}, ${c.customer_email})`;
    });
    // Nothing reads its answer: in a unit of work it leaves with the next statement (the
    // projection's COMMIT), one round trip fewer; its failure is thrown by that one.
    await sendAnsweredLater(
      this.db,
      sql`
      update order_summaries o set status = v.status, items = v.items, total = v.total,
        currency = v.currency, delivery = v.delivery, history = v.history, details = v.details,
        version = v.version, last_event_at = v.last_event_at, customer_name = v.customer_name,
        customer_email = v.customer_email, updated_at = now()
      from (values ${sql.join(rows)}) as v (order_id, status, items, total, currency, delivery,
        history, details, version, last_event_at, customer_name, customer_email)
      where o.order_id = v.order_id`,
      heldFailure,
    );
  }

  async search(filter: OrderSearch): Promise<OrderSummaryPage> {
    let query = this.db
      .selectFrom('order_summaries')
      .select(COLUMNS)
      .orderBy('created_at', 'desc')
      .orderBy('order_id', 'desc')
      .limit(filter.limit + 1);
    if (filter.customer_id !== undefined) query = query.where('customer_id', '=', filter.customer_id);
    if (filter.statuses?.length) query = query.where('status', 'in', filter.statuses);
    if (filter.created_from) query = query.where('created_at', '>=', filter.created_from);
    if (filter.created_to) query = query.where('created_at', '<', filter.created_to);
    if (filter.q?.trim())
      query = query.where(sql<boolean>`search @@ websearch_to_tsquery('simple', ${filter.q})`);
    const cursor = filter.after === undefined ? undefined : decodeCursor(filter.after);
    if (cursor) {
      query = query.where((eb) =>
        eb.or([
          eb('created_at', '<', cursor.created_at),
          eb.and([eb('created_at', '=', cursor.created_at), eb('order_id', '<', cursor.order_id)]),
        ]),
      );
    }
    const rows = await query.execute();
    const page = rows.slice(0, filter.limit);
    const last = rows.length > filter.limit ? page.at(-1) : undefined;
    return { orders: page.map(toSummary), next_cursor: last ? encodeCursor(last) : null };
  }

  async behindFor(customerId: string): Promise<number> {
    const { rows } = await sql<{ behind: string | number }>`
      select count(*) as behind
      from events e
      join streams s on s.stream_id = e.stream_id
      left join order_summaries o on o.order_id = (e.data ->> 'order_id')::uuid
      where e.event_type = 'OrderCreated' and e.data ->> 'customer_id' = ${customerId}
        and (o.order_id is null or o.version < s.version)`.execute(this.db);
    return Number(rows[0]?.behind ?? 0);
  }

  async clear(): Promise<void> {
    await this.db.deleteFrom('order_summaries').execute();
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const toColumns = (summary: OrderSummary) => ({
  order_id: summary.order_id,
  customer_id: summary.customer_id,
  customer_name: summary.customer_name,
  customer_email: summary.customer_email,
  status: summary.status,
  items: JSON.stringify(summary.items),
  total: summary.total,
  currency: summary.currency,
  delivery: summary.delivery ? JSON.stringify(summary.delivery) : null,
  history: JSON.stringify(summary.history),
  details: JSON.stringify(summary.details),
  version: summary.version,
  last_event_at: new Date(summary.updated_at),
});

const toSummary = (row: Pick<Row, (typeof COLUMNS)[number]>): OrderSummary => ({
  order_id: row.order_id,
  customer_id: row.customer_id,
  customer_name: row.customer_name,
  customer_email: row.customer_email,
  status: row.status as OrderSummary['status'],
  items: row.items as OrderSummary['items'],
  total: row.total,
  currency: row.currency,
  delivery: row.delivery as OrderSummary['delivery'],
  history: row.history as OrderSummary['history'],
  details: row.details,
  version: row.version,
  created_at: row.created_at.toISOString(),
  updated_at: row.last_event_at.toISOString(),
});

const encodeCursor = (row: Pick<Row, 'created_at' | 'order_id'>) =>
  Buffer.from(JSON.stringify([row.created_at.toISOString(), row.order_id])).toString('base64url');

function decodeCursor(cursor: string): { created_at: Date; order_id: string } {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    decoded = undefined;
  }
  const [createdAt, orderId] = Array.isArray(decoded) ? decoded : [];
  const created = new Date(String(createdAt));
  if (Number.isNaN(created.getTime()) || typeof orderId !== 'string' || !UUID.test(orderId)) {
    throw new DomainError('VALIDATION_FAILED', 'cursor is not one this API handed out');
  }
  return { created_at: created, order_id: orderId };
}
