import { type Kysely, sql } from 'kysely';
import type { RateLimitCount, RateLimitCounters, RateLimitHit } from '../../shared/ports/abuse-counters.ts';
import type { Database } from './schema.ts';

/**
 * The rate-limit counters every API process shares (table `rate_limit_counters`, migration 0017).
 * One statement per call whatever the number of keys: an upsert that adds the hits inside the
 * key's window or starts a new one when it has ended, returning the counts. PostgreSQL takes
 * the row lock and re-reads the newest row version on conflict, so concurrent hits on a key
 * (from any process) are added one after another and none is lost. Keys are upserted in key
 * order, so two calls that share keys lock them in the same order and cannot deadlock.
 */
export class PostgresRateLimitCounters implements RateLimitCounters {
  constructor(private readonly db: Kysely<Database>) {}

  async increment(hits: readonly RateLimitHit[], now: Date): Promise<RateLimitCount[]> {
    if (hits.length === 0) return [];
    const rows = sql.join(
      hits.map(
        ({ key, hits: n, windowMs }) =>
          sql`(${key}, ${n}::integer, ${new Date(now.getTime() + windowMs)}::timestamptz)`,
      ),
    );
    const ended = sql`c.window_ends_at <= ${now}::timestamptz`;
    const { rows: counts } = await sql<{ key: string; hits: number; window_ends_at: Date }>`
      insert into rate_limit_counters as c (key, hits, window_ends_at)
      select key, hits, window_ends_at from (values ${rows}) as v (key, hits, window_ends_at)
      order by key
      on conflict (key) do update set
        hits = case when ${ended} then excluded.hits else c.hits + excluded.hits end,
        window_ends_at = case when ${ended} then excluded.window_ends_at else c.window_ends_at end
      returning key, hits, window_ends_at`.execute(this.db);
    return counts.map((row) => ({
      key: row.key,
      count: row.hits,
      windowEndsAt: new Date(row.window_ends_at),
    }));
  }

  async deleteEnded(now: Date): Promise<number> {
    // Rows a count holds are skipped (the next sweep takes them): waiting for them, in an order
    // other than the count's key order, could deadlock with a count that waits for this one.
    const result = await this.db
      .deleteFrom('rate_limit_counters')
      .where('key', 'in', (eb) =>
        eb
          .selectFrom('rate_limit_counters')
          .select('key')
          .where('window_ends_at', '<=', now)
          .orderBy('key')
          .forUpdate()
          .skipLocked(),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
