import { type Kysely, sql } from 'kysely';
import type {
  FeedEntry,
  FeedQuery,
  LiveFeedStore,
  LiveUpdateContent,
  LiveUpdateMessage,
} from '../../contexts/live-updates/index.ts';
import { isOrderStatus, statusRank } from '../../contexts/ordering/index.ts';
import type { Database } from './schema.ts';

export class PostgresLiveFeed implements LiveFeedStore {
  constructor(private readonly db: Kysely<Database>) {}

  async append(
    userIds: readonly string[],
    content: LiveUpdateContent,
    at: Date,
  ): Promise<Map<string, number>> {
    const positions = new Map<string, number>();
    // One lock order for every transaction: two appends for the same users cannot deadlock.
    for (const userId of [...new Set(userIds)].sort()) {
      const position =
        (await this.#appendFor(userId, content, at)) ?? (await this.#positionOf(userId, content.event_id));
      // Undefined: stale (the user has this order at a later or the same status already) and
      // never appended; a redelivered event keeps the position it was given. Gaps are allowed.
      if (position !== undefined) positions.set(userId, position);
    }
    return positions;
  }

  /**
   * One user's entry in one statement: the status recorded as the furthest for (user, order)
   * unless one as far is recorded already (`advanced`); only then the user's counter moved on
   * (its row lock held to commit, so no later append of this user commits a smaller position)
   * and the entry inserted, unless the user has this event already (the unique index decides,
   * waiting for a concurrent insert of it). The entry's position, or undefined when nothing was
   * inserted (stale, or already there: the caller looks its position up).
   */
  async #appendFor(userId: string, content: LiveUpdateContent, at: Date): Promise<number | undefined> {
    const advanced = isOrderStatus(content.status)
      ? sql`insert into live_update_order_versions (user_id, order_id, last_rank)
            values (${userId}, ${content.order_id}, ${statusRank(content.status)})
            on conflict (user_id, order_id) do update set last_rank = excluded.last_rank
            where live_update_order_versions.last_rank < excluded.last_rank
            returning 1`
      : sql`select 1`; // a status this build does not know cannot be ordered: it is appended
    const { rows } = await sql<{ position: string | number }>`
      with advanced as (${advanced}),
      counted as (
        insert into live_update_counters (user_id, last_position)
        select ${userId}, 1 from advanced
        on conflict (user_id) do update set last_position = live_update_counters.last_position + 1
        returning last_position
      )
      insert into live_updates (user_id, position, event_id, order_id, message, created_at)
      select ${userId}, last_position, ${content.event_id}, ${content.order_id},
             ${JSON.stringify(content)}::jsonb, ${at}::timestamptz
        from counted
      on conflict (user_id, event_id) do nothing
      returning position`.execute(this.db);
    return rows[0] === undefined ? undefined : Number(rows[0].position);
  }

  async #positionOf(userId: string, eventId: string): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('live_updates')
      .select('position')
      .where('user_id', '=', userId)
      .where('event_id', '=', eventId)
      .executeTakeFirst();
    return row ? Number(row.position) : undefined;
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
