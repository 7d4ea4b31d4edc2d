import type { Kysely, Selectable } from 'kysely';
import type {
  OrderSummary,
  OrderSummaryPage,
  OrderSummaryStore,
} from '../../read-model/order-info/order-summary.ts';
import { DomainError } from '../../shared/errors.ts';
import type { Database } from './schema.ts';

type Row = Selectable<Database['order_summaries']>;

export class PostgresOrderSummaries implements OrderSummaryStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(summary: OrderSummary): Promise<void> {
    await this.db
      .insertInto('order_summaries')
      .values({
        order_id: summary.order_id,
        customer_id: summary.customer_id,
        status: summary.status,
        items: JSON.stringify(summary.items),
        total: summary.total,
        currency: summary.currency,
        delivery: summary.delivery ? JSON.stringify(summary.delivery) : null,
        history: JSON.stringify(summary.history),
        last_event_at: new Date(summary.updated_at),
        created_at: new Date(summary.created_at),
      })
      .onConflict((oc) => oc.column('order_id').doNothing())
      .execute();
  }

  async get(orderId: string): Promise<OrderSummary | undefined> {
    if (!UUID.test(orderId)) return undefined;
    const row = await this.db
      .selectFrom('order_summaries')
      .selectAll()
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    return row && toSummary(row);
  }

  async listByCustomer(
    customerId: string,
    page: { limit: number; after?: string | undefined },
  ): Promise<OrderSummaryPage> {
    let query = this.db
      .selectFrom('order_summaries')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('created_at', 'desc')
      .orderBy('order_id', 'desc')
      .limit(page.limit + 1);
    const cursor = page.after && decodeCursor(page.after);
    if (cursor) {
      query = query.where((eb) =>
        eb.or([
          eb('created_at', '<', cursor.created_at),
          eb.and([eb('created_at', '=', cursor.created_at), eb('order_id', '<', cursor.order_id)]),
        ]),
      );
    }
    const rows = await query.execute();
    const orders = rows.slice(0, page.limit).map(toSummary);
    const last = rows.length > page.limit ? rows[page.limit - 1] : undefined;
    return { orders, next_cursor: last ? encodeCursor(last) : null };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const toSummary = (row: Row): OrderSummary => ({
  order_id: row.order_id,
  customer_id: row.customer_id,
  status: row.status as OrderSummary['status'],
  items: row.items as OrderSummary['items'],
  total: row.total,
  currency: row.currency,
  delivery: row.delivery as OrderSummary['delivery'],
  history: row.history as OrderSummary['history'],
  created_at: row.created_at.toISOString(),
  updated_at: row.last_event_at.toISOString(),
});

const encodeCursor = (row: Row) =>
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
