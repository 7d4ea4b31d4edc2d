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
      if (!(await this.#advanceStatus(userId, content))) {
        // Stale: the user has this order at a later (or the same) status already. A redelivered
        // event keeps the position it was given; an older status is skipped (gaps are allowed).
        const existing = await this.#positionOf(userId, content.event_id);
        if (existing !== undefined) positions.set(userId, existing);
        continue;
      }
      // Takes the user's counter row lock first, so the duplicate check below sees every entry
      // committed before, and no later append of this user can commit a smaller position.
      const { rows } = await sql<{ last_position: string | number }>`
        insert into live_update_counters (user_id, last_position) values (${userId}, 1)
        on conflict (user_id) do update set last_position = live_update_counters.last_position + 1
        returning last_position`.execute(this.db);
      const position = Number(rows[0]!.last_position);
      const existing = await this.#positionOf(userId, content.event_id);
      if (existing !== undefined) {
        positions.set(userId, existing); // a skipped position: gaps are allowed
        continue;
      }
      await this.db
        .insertInto('live_updates')
        .values({
          user_id: userId,
          position,
          event_id: content.event_id,
          order_id: content.order_id,
          message: JSON.stringify(content),
          created_at: at,
        })
        .execute();
      positions.set(userId, position);
    }
    return positions;
  }

  /**
   * Records the rank of `content.status` as the furthest applied for (user, order) unless one as
   * far is recorded already: true when it moved on. Ranks, not stream versions: the two statuses
   * of one commit (picked up and delivered by one webhook) share a version. The conditional upsert
   * holds the row lock to commit, so of two consumers racing the later committer sees the other.
   */
  async #advanceStatus(userId: string, content: LiveUpdateContent): Promise<boolean> {
    // A status this build does not know cannot be ordered: it is appended.
    if (!isOrderStatus(content.status)) return true;
    const rank = statusRank(content.status);
    const { rows } = await sql<{ last_rank: number }>`
      insert into live_update_order_versions (user_id, order_id, last_rank)
      values (${userId}, ${content.order_id}, ${rank})
      on conflict (user_id, order_id) do update set last_rank = excluded.last_rank
      where live_update_order_versions.last_rank < excluded.last_rank
      returning last_rank`.execute(this.db);
    return rows.length > 0;
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
