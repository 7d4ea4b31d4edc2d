import { type Kysely, sql } from 'kysely';
import type {
  FeedAppend,
  FeedEntry,
  FeedQuery,
  LiveFeedStore,
  LiveUpdateContent,
  LiveUpdateMessage,
} from '../../contexts/live-updates/index.ts';
import { isOrderStatus, statusRank } from '../../contexts/ordering/index.ts';
import type { Later } from '../../shared/ports/unit-of-work.ts';
import { heldFailure, sendAnsweredLater } from './deferred-begin.ts';
import type { Database } from './schema.ts';

export class PostgresLiveFeed implements LiveFeedStore {
  constructor(private readonly db: Kysely<Database>) {}

  async append(
    userIds: readonly string[],
    content: LiveUpdateContent,
    at: Date,
  ): Promise<Map<string, number>> {
    const [positions] = await this.appendMany([{ userIds, content }], at);
    return positions!;
  }

  /**
   * The appends in their order, in two round trips whatever their number: the users' counter
   * rows locked (or created) in user order, sent with the read of their positions, of the
   * statuses already recorded for the batch's orders and of the batch's events already in their
   * feeds; then versions, counters and entries written in one statement, which leaves with the
   * transaction's next statement or its COMMIT (`sendAnsweredLater`). Which entries are new or
   * stale and which positions they get is worked out here from what was read: the locks keep
   * every other append of these users waiting until commit. With `fresh` (a processed-message
   * mark sent just before, answered with the read), an append whose event is not in it, or an
   * event's second append, appends nothing: its users are locked all the same.
   */
  async appendMany(
    appends: readonly FeedAppend[],
    at: Date,
    fresh?: Later<ReadonlySet<string>>,
  ): Promise<Map<string, number>[]> {
    if (!this.db.isTransaction)
      return this.db.transaction().execute((trx) => new PostgresLiveFeed(trx).appendMany(appends, at, fresh));
    const results = appends.map(() => new Map<string, number>());
    const pairs = appends.flatMap(({ userIds, content }, index) =>
      [...new Set(userIds)].map((userId) => ({ index, userId, content })),
    );
    if (pairs.length === 0) return results;
    const users = [...new Set(pairs.map((pair) => pair.userId))].sort();
    const orders = [...new Set(pairs.map((pair) => pair.content.order_id))];
    const events = [...new Set(pairs.map((pair) => pair.content.event_id))];
    const feeds = await this.#lockFeeds(users, orders, events);
    const wanted = fresh && new Set(await fresh.answer());
    const taken = new Set<number>();
    for (const [index, { content }] of appends.entries()) {
      if (!wanted || wanted.delete(content.event_id)) taken.add(index);
    }

    // As one append after another would: an event in the user's feed keeps its position; an
    // update of an order no further than the furthest recorded or earlier in the batch is
    // stale; the others take the user's next positions.
    const furthest = new Map<string, number>();
    const versions = new Map<string, { userId: string; orderId: string; rank: number }>();
    const entries: { pair: (typeof pairs)[number]; position: number }[] = [];
    const counters = new Map<string, number>();
    for (const pair of pairs) {
      if (!taken.has(pair.index)) continue;
      const feed = feeds.get(pair.userId);
      if (!feed) throw new Error(`live feed: no counter for ${pair.userId} after locking it`);
      const { status, order_id: orderId, event_id: eventId } = pair.content;
      const held = feed.events.get(eventId);
      const key = `${pair.userId}\u0000${orderId}`;
      const rank = isOrderStatus(status) ? statusRank(status) : undefined;
      const before = Math.max(feed.ranks.get(orderId) ?? -1, furthest.get(key) ?? -1);
      if (rank !== undefined) furthest.set(key, Math.max(rank, before));
      if (held !== undefined) {
        results[pair.index]!.set(pair.userId, held); // in the feed already: its position
        continue;
      }
      if (rank !== undefined) {
        if (rank <= before) continue; // stale: the user has a further status of this order
        versions.set(key, { userId: pair.userId, orderId, rank });
      }
      feed.position += 1;
      feed.events.set(eventId, feed.position);
      counters.set(pair.userId, feed.position);
      entries.push({ pair, position: feed.position });
      results[pair.index]!.set(pair.userId, feed.position);
    }
    if (entries.length === 0) return results;

    await sendAnsweredLater(
      this.db,
      sql`
      with versions as (
        insert into live_update_order_versions (user_id, order_id, last_rank)
        select * from unnest(
          ${[...versions.values()].map((v) => v.userId)}::text[],
          ${[...versions.values()].map((v) => v.orderId)}::text[],
          ${[...versions.values()].map((v) => v.rank)}::int[])
        on conflict (user_id, order_id) do update set last_rank = excluded.last_rank
        where live_update_order_versions.last_rank < excluded.last_rank
      ),
      counters as (
        update live_update_counters c set last_position = n.position
          from unnest(${[...counters.keys()]}::text[], ${[...counters.values()]}::bigint[])
            as n(user_id, position)
         where c.user_id = n.user_id
      )
      insert into live_updates (user_id, position, event_id, order_id, message, created_at)
      select e.user_id, e.position, e.event_id, e.order_id, e.message::jsonb, ${at}::timestamptz
        from unnest(
          ${entries.map((e) => e.pair.userId)}::text[],
          ${entries.map((e) => e.position)}::bigint[],
          ${entries.map((e) => e.pair.content.event_id)}::text[],
          ${entries.map((e) => e.pair.content.order_id)}::text[],
          ${entries.map((e) => JSON.stringify(e.pair.content))}::text[])
          as e(user_id, position, event_id, order_id, message)`,
      heldFailure,
    );
    return results;
  }

  /**
   * Locks the counters of `users`, creating those missing, in user order (one statement), then
   * reads each user's last position, the furthest status recorded for each of `orders` (a rank
   * by order id) and the positions of those of `events` in the user's feed. The read is a
   * statement of its own, after the locks are held: it sees what a batch that held them before
   * committed (a statement that waited for a lock re-reads the locked row, but its other reads
   * keep the snapshot it started with). In a transaction the locking statement leaves with the
   * read, in one write (`sendAnsweredLater`): PostgreSQL still runs the read only once the locks
   * are granted.
   */
  async #lockFeeds(
    users: readonly string[],
    orders: readonly string[],
    events: readonly string[],
  ): Promise<Map<string, { position: number; ranks: Map<string, number>; events: Map<string, number> }>> {
    // `where false`: an existing counter is locked, not rewritten (it is written once, below).
    await sendAnsweredLater(
      this.db,
      sql`
      insert into live_update_counters (user_id, last_position)
      select user_id, 0 from unnest(${users}::text[]) as user_id order by user_id
      on conflict (user_id) do update set last_position = live_update_counters.last_position
      where false`,
      heldFailure,
    );
    const { rows } = await sql<{
      user_id: string;
      last_position: string | number;
      ranks: Record<string, number>;
      events: Record<string, number>;
    }>`
      select c.user_id, c.last_position,
             (select coalesce(json_object_agg(v.order_id, v.last_rank), '{}'::json)
                from live_update_order_versions v
               where v.user_id = c.user_id and v.order_id = any(${orders}::text[])) as ranks,
             (select coalesce(json_object_agg(l.event_id, l.position), '{}'::json)
                from live_updates l
               where l.user_id = c.user_id and l.event_id = any(${events}::text[])) as events
        from live_update_counters c
       where c.user_id = any(${users}::text[])`.execute(this.db);
    return new Map(
      rows.map((row) => [
        row.user_id,
        {
          position: Number(row.last_position),
          ranks: new Map(Object.entries(row.ranks)),
          events: new Map(Object.entries(row.events)),
        },
      ]),
    );
  }

  async read(userId: string, { after, unackedOnly, limit }: FeedQuery): Promise<FeedEntry[]> {
    let query = this.db
      .selectFrom('live_updates')
      .select(['user_id', 'position', 'event_id', 'message', 'acked_at'])
      .where('user_id', '=', userId)
      .where('position', '>', after)
      .orderBy('position')
      .limit(limit);
    if (unackedOnly) query = query.where('acked_at', 'is', null);
    const rows = await query.execute();
    return rows.map((row) => {
      const position = Number(row.position);
      return {
        user_id: row.user_id,
        position,
        event_id: row.event_id,
        message: { ...(row.message as unknown as LiveUpdateContent), position } as LiveUpdateMessage,
        acked: row.acked_at !== null,
      };
    });
  }

  async latestPositions(userIds: readonly string[]): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('live_update_counters')
      .select(['user_id', 'last_position'])
      .where('user_id', 'in', [...new Set(userIds)])
      .execute();
    return new Map(rows.map((row) => [row.user_id, Number(row.last_position)]));
  }

  async acknowledge(userId: string, eventId: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('live_updates')
      .set((eb) => ({ acked_at: eb.fn.coalesce('acked_at', eb.val(at)) }))
      .where('user_id', '=', userId)
      .where('event_id', '=', eventId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async deleteCreatedBefore(cutoff: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('live_updates')
      .where('created_at', '<', cutoff)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
