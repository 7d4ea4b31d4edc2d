import { type Kysely, type Selectable, sql } from 'kysely';
import type {
  AttemptRecord,
  ClaimedDelivery,
  DeliveryPayload,
  DeliveryUpdate,
  NewDelivery,
  NotificationChannelName,
  NotificationStore,
  Receipt,
  StatusChange,
  StatusOnlyChange,
} from '../../contexts/notifications/index.ts';
import type { Later } from '../../shared/ports/unit-of-work.ts';
import { heldFailure, sendAnsweredLater, sendWithNext } from './deferred-begin.ts';
import { inKeyOrder } from './key-order.ts';
import type { Database } from './schema.ts';
import { uuidKey } from './uuid-key.ts';

export class PostgresNotifications implements NotificationStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(delivery: NewDelivery): Promise<boolean> {
    return (await this.createMany([delivery])).has(delivery.id);
  }

  async createMany(deliveries: readonly NewDelivery[]): Promise<Set<string>> {
    if (deliveries.length === 0) return new Set();
    const { rows } = await insertDeliveries(deliveries).execute(this.db);
    return insertedOf(deliveries, rows);
  }

  async createManyWithNext(deliveries: readonly NewDelivery[]): Promise<Later<Set<string>>> {
    if (deliveries.length === 0) return { answer: async () => new Set() };
    return sendWithNext(this.db, insertDeliveries(deliveries), (rows) => insertedOf(deliveries, rows));
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
    const [recorded] = await this.recordMany([{ receipt, update, leaseUntil }]);
    return recorded!;
  }

  async recordMany(attempts: readonly AttemptRecord[]): Promise<boolean[]> {
    // An UPDATE … FROM applies one source row to a target row: a delivery named twice (a late
    // sender's attempt and its successor's, in one batch) goes in the next statement, and the
    // statements then share a transaction.
    const rounds: { attempt: AttemptRecord; index: number }[][] = [];
    const named: Set<string>[] = [];
    for (const [index, attempt] of attempts.entries()) {
      const id = uuidKey(attempt.receipt.delivery_id);
      let round = named.findIndex((ids) => !ids.has(id));
      if (round < 0) {
        round = named.length;
        named.push(new Set());
        rounds.push([]);
      }
      named[round]!.add(id);
      rounds[round]!.push({ attempt, index });
    }
    if (rounds.length > 1 && !this.db.isTransaction)
      return this.db.transaction().execute((trx) => new PostgresNotifications(trx).recordMany(attempts));
    const recorded = attempts.map(() => false);
    for (const round of rounds) {
      const fenced = await this.#recordOnce(
        inKeyOrder(round, (item) => uuidKey(item.attempt.receipt.delivery_id)),
      );
      for (const item of round) recorded[item.index] = fenced.has(uuidKey(item.attempt.receipt.delivery_id));
    }
    return recorded;
  }

  /**
   * One statement (atomic without a transaction): the updates of the deliveries whose claim
   * still holds (pending, that lease, that attempt) and the receipts of those; the others
   * write nothing. A sender that outlasted its lease finds next_attempt_at moved on by the
   * worker that took over.
   */
  async #recordOnce(items: readonly { attempt: AttemptRecord }[]): Promise<Set<string>> {
    const column = <T>(pick: (attempt: AttemptRecord) => T) => items.map(({ attempt }) => pick(attempt));
    const { rows } = await sql<{ id: string }>`
      with attempts as (
        select * from unnest(
          ${column((a) => a.receipt.delivery_id)}::uuid[], ${column((a) => a.update.status)}::text[],
          ${column((a) => a.update.attempts)}::int[],
          ${column((a) => a.update.next_attempt_at.toISOString())}::timestamptz[],
          ${column((a) => a.leaseUntil.toISOString())}::timestamptz[],
          ${column((a) => a.receipt.id)}::uuid[], ${column((a) => a.receipt.order_id)}::text[],
          ${column((a) => a.receipt.channel)}::text[], ${column((a) => a.receipt.target)}::text[],
          ${column((a) => a.receipt.device_id)}::uuid[], ${column((a) => a.receipt.attempt)}::int[],
          ${column((a) => a.receipt.outcome)}::text[], ${column((a) => a.receipt.provider_status)}::int[],
          ${column((a) => a.receipt.error_code)}::text[], ${column((a) => a.receipt.message_id)}::text[],
          ${column((a) => a.receipt.message)}::text[], ${column((a) => a.receipt.attempted_at)}::timestamptz[])
          as a(delivery_id, status, attempts, next_attempt_at, lease_until, receipt_id, order_id, channel,
               target, device_id, attempt, outcome, provider_status, error_code, message_id, message, attempted_at)
      ), fenced as (
        update notification_deliveries d
           set status = a.status, attempts = a.attempts, next_attempt_at = a.next_attempt_at,
               updated_at = a.attempted_at
          from attempts a
         where d.id = a.delivery_id and d.status = 'pending' and d.next_attempt_at = a.lease_until
           and d.attempts = a.attempts - 1
        returning d.id
      ), receipts as (
        insert into notification_receipts
          (id, delivery_id, order_id, channel, target, device_id, attempt, outcome, provider_status,
           error_code, message_id, message, attempted_at)
        select a.receipt_id, a.delivery_id, a.order_id, a.channel, a.target, a.device_id, a.attempt,
               a.outcome, a.provider_status, a.error_code, a.message_id, a.message, a.attempted_at
          from attempts a join fenced f on f.id = a.delivery_id
      )
      select id from fenced`.execute(this.db);
    return new Set(rows.map((row) => uuidKey(row.id)));
  }

  async advanceStatus(orderId: string, status: string, rank: number): Promise<string | undefined> {
    const [later] = await this.advanceStatuses([{ orderId, status, rank }]);
    return later;
  }

  /**
   * In two statements whatever their number: the orders' rows locked (created at rank -1 when
   * an order has none yet) and read by the same statement, in order-id order; then the rows
   * that moved written. The locking statement reads only the rows it locked, so it sees them
   * as the last committer left them (under READ COMMITTED a statement's other reads would keep
   * its snapshot). Which change is behind is worked out here, one change after another, as
   * consecutive `advanceStatus` calls would.
   */
  async advanceStatuses(changes: readonly StatusChange[]): Promise<(string | undefined)[]> {
    if (changes.length === 0) return [];
    // Rank -1 marks a row created by the lock below: every change must move it.
    const negative = changes.find((change) => !(change.rank >= 0));
    if (negative)
      throw new Error(`notifications: status rank ${negative.rank} of ${negative.orderId} is not ≥ 0`);
    if (!this.db.isTransaction)
      return this.db.transaction().execute((trx) => new PostgresNotifications(trx).advanceStatuses(changes));
    const orders = inKeyOrder(new Set(changes.map((change) => change.orderId)), (id) => id);
    const { rows } = await sql<{ order_id: string; last_rank: number; last_status: string }>`
      insert into notification_order_versions (order_id, last_rank, last_status)
      select order_id, -1, '' from unnest(${orders}::text[]) as t(order_id)
      on conflict (order_id) do update set last_rank = notification_order_versions.last_rank
      returning order_id, last_rank, last_status`.execute(this.db);
    const before = new Map(rows.map((row) => [row.order_id, row.last_rank]));
    const recorded = new Map(
      rows.map((row) => [row.order_id, { rank: row.last_rank, status: row.last_status }]),
    );
    const answers = changes.map((change) => {
      const known = recorded.get(change.orderId);
      if (!known) throw new Error(`notifications: no version row for ${change.orderId} after locking it`);
      if (known.rank >= change.rank) return known.status;
      recorded.set(change.orderId, { rank: change.rank, status: change.status });
      return undefined;
    });
    const moved = orders.filter((id) => recorded.get(id)!.rank !== before.get(id));
    // Nobody reads its answer: it leaves with the transaction's next statement, or its COMMIT.
    if (moved.length > 0)
      await sendAnsweredLater(
        this.db,
        sql`
        update notification_order_versions v set last_rank = n.last_rank, last_status = n.last_status
          from unnest(${moved}::text[], ${moved.map((id) => recorded.get(id)!.rank)}::int[],
                      ${moved.map((id) => recorded.get(id)!.status)}::text[]) as n(order_id, last_rank, last_status)
         where v.order_id = n.order_id`,
        heldFailure,
      );
    return answers;
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

/** The deliveries inserted, those of an event, channel and target that has one already left out. */
const insertDeliveries = (deliveries: readonly NewDelivery[]) => {
  const column = <T>(pick: (delivery: NewDelivery) => T) => deliveries.map(pick);
  return sql<{ id: string }>`
    insert into notification_deliveries
      (id, event_id, order_id, customer_id, channel, target, device_id, payload, trace_context,
       status, attempts, next_attempt_at, created_at, updated_at)
    select d.id, d.event_id, d.order_id, d.customer_id, d.channel, d.target, d.device_id,
           d.payload::jsonb, d.trace_context, 'pending', 0, d.created_at, d.created_at, d.created_at
      from unnest(
        ${column((d) => d.id)}::uuid[], ${column((d) => d.event_id)}::text[],
        ${column((d) => d.order_id)}::text[], ${column((d) => d.customer_id)}::text[],
        ${column((d) => d.channel)}::text[], ${column((d) => d.target)}::text[],
        ${column((d) => d.device_id)}::uuid[], ${column((d) => JSON.stringify(d.payload))}::text[],
        ${column((d) => d.trace_context ?? null)}::text[],
        ${column((d) => d.created_at.toISOString())}::timestamptz[])
        as d(id, event_id, order_id, customer_id, channel, target, device_id, payload, trace_context, created_at)
    on conflict (event_id, channel, target) do nothing
    returning id`;
};

/** Of `deliveries`, the ids of those inserted (`rows`), in the caller's spelling (see uuidKey). */
const insertedOf = (deliveries: readonly NewDelivery[], rows: readonly { id: string }[]): Set<string> => {
  const inserted = new Set(rows.map((row) => uuidKey(row.id)));
  return new Set(deliveries.filter((d) => inserted.has(uuidKey(d.id))).map((d) => d.id));
};
