import { type Kysely, type Selectable, sql } from 'kysely';
import type {
  ClaimedDelivery,
  DeliveryPayload,
  DeliveryUpdate,
  NewDelivery,
  NotificationChannelName,
  NotificationStore,
  Receipt,
  StatusOnlyChange,
} from '../../contexts/notifications/index.ts';
import { inKeyOrder } from './key-order.ts';
import type { Database } from './schema.ts';

export class PostgresNotifications implements NotificationStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(delivery: NewDelivery): Promise<boolean> {
    const result = await this.db
      .insertInto('notification_deliveries')
      .values({
        ...delivery,
        payload: JSON.stringify(delivery.payload),
        trace_context: delivery.trace_context ?? null,
        status: 'pending',
        attempts: 0,
        next_attempt_at: delivery.created_at,
        updated_at: delivery.created_at,
      })
      .onConflict((oc) => oc.columns(['event_id', 'channel', 'target']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async claim(
    select: { ids: readonly string[] } | { limit: number },
    now: Date,
    leaseUntil: Date,
  ): Promise<ClaimedDelivery[]> {
    if ('ids' in select && select.ids.length === 0) return [];
    let due = this.db
      .selectFrom('notification_deliveries')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now);
    due =
      'ids' in select
        ? due.where('id', 'in', [...select.ids])
        : due.orderBy('next_attempt_at').limit(select.limit);
    // Skip rows another worker is claiming right now instead of waiting for it.
    const rows = await this.db
      .updateTable('notification_deliveries')
      .set({ next_attempt_at: leaseUntil, updated_at: now })
      .where('id', 'in', due.forUpdate().skipLocked())
      .returningAll()
      .execute();
    return rows.map(toDelivery).sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
  }

  async record(receipt: Receipt, update: DeliveryUpdate, leaseUntil: Date): Promise<boolean> {
    // Fenced: only the holder of the current lease records. A sender that outlasted its lease
    // finds next_attempt_at moved on by the worker that took over, and writes nothing.
    const fenced = await this.db
      .updateTable('notification_deliveries')
      .set({ ...update, updated_at: new Date(receipt.attempted_at) })
      .where('id', '=', receipt.delivery_id)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '=', leaseUntil)
      .where('attempts', '=', update.attempts - 1)
      .executeTakeFirst();
    if (Number(fenced.numUpdatedRows) === 0) return false;
    await this.db
      .insertInto('notification_receipts')
      .values({ ...receipt, attempted_at: new Date(receipt.attempted_at) })
      .execute();
    return true;
  }

  async advanceStatus(orderId: string, status: string, rank: number): Promise<string | undefined> {
    // The conditional upsert holds the row lock to commit: of two consumers racing with
    // PAID and CONFIRMED, the later committer sees the other's status.
    const { rows } = await sql<{ last_status: string }>`
      ${advanceStatusUpsert(orderId, status, rank)}
      returning last_status`.execute(this.db);
    if (rows.length > 0) return undefined;
    const recorded = await this.db
      .selectFrom('notification_order_versions')
      .select('last_status')
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    return recorded?.last_status ?? status;
  }

  async recordStatusOnly(consumer: string, changes: readonly StatusOnlyChange[]): Promise<void> {
    if (changes.length === 0) return;
    // One upsert may touch an order once: of several changes of one order, the furthest.
    const furthest = new Map<string, StatusOnlyChange>();
    for (const change of changes) {
      const known = furthest.get(change.orderId);
      if (!known || known.rank < change.rank) furthest.set(change.orderId, change);
    }
    const messageIds = inKeyOrder(new Set(changes.map((c) => c.messageId)), (id) => id);
    await sql`
      with processed as (
        insert into processed_messages (consumer, message_id)
        values ${sql.join(messageIds.map((id) => sql`(${consumer}, ${id}::uuid)`))}
        on conflict (consumer, message_id) do nothing
      )
      insert into notification_order_versions (order_id, last_rank, last_status)
      values ${sql.join(
        inKeyOrder(furthest.values(), (c) => c.orderId).map(
          (c) => sql`(${c.orderId}::text, ${c.rank}::int, ${c.status})`,
        ),
      )}
      on conflict (order_id) do update set last_rank = excluded.last_rank, last_status = excluded.last_status
      where notification_order_versions.last_rank < excluded.last_rank`.execute(this.db);
  }

  async receiptsFor(orderId: string): Promise<Receipt[]> {
    const rows = await this.db
      .selectFrom('notification_receipts')
      .selectAll()
      .where('order_id', '=', orderId)
      .orderBy('attempted_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      ...row,
      channel: row.channel as NotificationChannelName,
      outcome: row.outcome as Receipt['outcome'],
      attempted_at: row.attempted_at.toISOString(),
    }));
  }
}

function toDelivery(row: Selectable<Database['notification_deliveries']>): ClaimedDelivery {
  return {
    id: row.id,
    event_id: row.event_id,
    order_id: row.order_id,
    customer_id: row.customer_id,
    channel: row.channel as NotificationChannelName,
    target: row.target,
    device_id: row.device_id,
    payload: row.payload as unknown as DeliveryPayload,
    created_at: row.created_at,
    attempts: row.attempts,
    lease_until: row.next_attempt_at,
    ...(row.trace_context === null ? {} : { trace_context: row.trace_context }),
  };
}

/** Records `status` as the order's furthest notified status unless one as far is recorded. */
const advanceStatusUpsert = (orderId: string, status: string, rank: number) => sql`
  insert into notification_order_versions (order_id, last_rank, last_status)
  values (${orderId}, ${rank}, ${status})
  on conflict (order_id) do update set last_rank = excluded.last_rank, last_status = excluded.last_status
  where notification_order_versions.last_rank < excluded.last_rank`;
