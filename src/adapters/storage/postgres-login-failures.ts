import { type Kysely, sql } from 'kysely';
import type { LoginFailureStore, LoginFailures } from '../../shared/ports/abuse-counters.ts';
import type { Database } from './schema.ts';

/**
 * The built-in identity provider's failed logins, shared by every API process (table
 * `login_failures`, migration 0017). A failure is one upsert for the username and the address
 * together (in key order, so concurrent failures cannot deadlock); the lock is derived from the
 * count and the last failure by the throttle, so nothing else needs writing.
 */
export class PostgresLoginFailures implements LoginFailureStore {
  constructor(private readonly db: Kysely<Database>) {}

  async addFailure(keys: readonly string[], now: Date, forgetBefore: Date): Promise<void> {
    const distinct = [...new Set(keys)].sort();
    if (distinct.length === 0) return;
    const rows = sql.join(distinct.map((key) => sql`(${key})`));
    await sql`
      insert into login_failures as f (key, failures, last_failure_at)
      select key, 1, ${now}::timestamptz from (values ${rows}) as v (key)
      order by key
      on conflict (key) do update set
        failures = case when f.last_failure_at > ${forgetBefore}::timestamptz then f.failures + 1 else 1 end,
        last_failure_at = excluded.last_failure_at`.execute(this.db);
  }

  async read(keys: readonly string[]): Promise<Map<string, LoginFailures>> {
    if (keys.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('login_failures')
      .select(['key', 'failures', 'last_failure_at'])
      .where('key', 'in', [...keys])
      .execute();
    return new Map(
      rows.map((row) => [row.key, { failures: row.failures, lastFailureAt: new Date(row.last_failure_at) }]),
    );
  }

  async clear(key: string): Promise<void> {
    await this.db.deleteFrom('login_failures').where('key', '=', key).execute();
  }

  async deleteBefore(cutoff: Date): Promise<number> {
    // As the rate-limit sweep: rows a login holds are left to the next sweep, never waited for.
    const result = await this.db
      .deleteFrom('login_failures')
      .where('key', 'in', (eb) =>
        eb
          .selectFrom('login_failures')
          .select('key')
          .where('last_failure_at', '<', cutoff)
          .orderBy('key')
          .forUpdate()
          .skipLocked(),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
