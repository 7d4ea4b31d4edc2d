import type { Socket } from 'node:net';
import { Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMITS_TRANSACTION } from '../../src/adapters/storage/deferred-begin.ts';
import { PgDialect } from '../../src/adapters/storage/pg-dialect.ts';
import { answeredLaterCases } from '../support/answered-later.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { preparedStatementCases } from '../support/prepared-statements.ts';

/**
 * The PostgreSQL driver: a transaction's BEGIN leaves in the same socket write as its first
 * statement, a transaction without statements sends nothing, and otherwise it behaves as Kysely's
 * own (rollback on error, isolation level, affected rows).
 */
describe('PgDialect (BEGIN with the first statement)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Kysely<{ items: { id: number; name: string } }>;
  let writes = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    // One connection, its socket's writes counted (a corked burst is one `_writev`).
    const pool = new pg.Pool({ connectionString: database.url, max: 1, pipeline: true });
    pool.on('connect', (client) => {
      const socket = (client as unknown as { connection: { stream: Socket } }).connection.stream;
      const count =
        <A extends unknown[]>(original: (...args: A) => void) =>
        (...args: A) => {
          writes++;
          original(...args);
        };
      socket._write = count(socket._write.bind(socket));
      if (socket._writev) socket._writev = count(socket._writev.bind(socket));
    });
    db = new Kysely({ dialect: new PgDialect(pool) });
    await sql`create table items (id int primary key, name text not null)`.execute(db);
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  const counted = async <T>(work: () => Promise<T>): Promise<{ result: T; writes: number }> => {
    const before = writes;
    const result = await work();
    return { result, writes: writes - before };
  };

  it('sends BEGIN and the first statement in one write, each later statement and COMMIT in one', async () => {
    const { writes: used } = await counted(() =>
      db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: 1, name: 'one' }).execute();
        await trx.insertInto('items').values({ id: 2, name: 'two' }).execute();
      }),
    );
    expect(used).toBe(3); // BEGIN + insert; insert; COMMIT
    const rows = await db.selectFrom('items').select('id').orderBy('id').execute();
    expect(rows.map((r) => r.id)).toEqual([1, 2]);
  });

  it('sends nothing for a transaction that ran no statement', async () => {
    const { result, writes: used } = await counted(() => db.transaction().execute(async () => 'done'));
    expect(result).toBe('done');
    expect(used).toBe(0);
  });

  it('rolls back what the transaction wrote when its work fails, and when its first statement fails', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: 10, name: 'kept?' }).execute();
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: 1, name: 'duplicate' }).execute();
      }),
    ).rejects.toThrow(/duplicate key/);
    // Nothing of either stayed, and the connection serves the next statement.
    const status = await sql<{ ids: string }>`select count(*)::text as ids from items where id = 10`.execute(
      db,
    );
    expect(status.rows[0]!.ids).toBe('0');
  });

  it('sends COMMIT with a statement marked as the last of its transaction; a failing one rolls all back', async () => {
    const last = (id: number, name: string) =>
      sql`insert into items (id, name) values (${id}, ${name})${sql.raw(COMMITS_TRANSACTION)}`;
    const { writes: used } = await counted(() =>
      db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: 20, name: 'twenty' }).execute();
        await last(21, 'twenty-one').execute(trx);
      }),
    );
    expect(used).toBe(2); // BEGIN + insert; insert + COMMIT (Kysely's COMMIT sends nothing)
    const alone = await counted(() => db.transaction().execute((trx) => last(22, 'twenty-two').execute(trx)));
    expect(alone.writes).toBe(1); // BEGIN + insert + COMMIT
    // The marked statement fails: PostgreSQL answers the COMMIT with a rollback, and Kysely's
    // ROLLBACK after it sends nothing.
    const failed = await counted(() =>
      db
        .transaction()
        .execute(async (trx) => {
          await trx.insertInto('items').values({ id: 23, name: 'dropped' }).execute();
          await last(20, 'duplicate').execute(trx);
        })
        .catch((error: Error) => error.message),
    );
    expect(failed.result).toMatch(/duplicate key/);
    expect(failed.writes).toBe(2);
    // Nothing may run in a transaction after the statement that committed it.
    await expect(
      db.transaction().execute(async (trx) => {
        await last(24, 'committed').execute(trx);
        await trx.insertInto('items').values({ id: 25, name: 'refused' }).execute();
      }),
    ).rejects.toThrow(/ended with its last statement/);
    // Outside a transaction the mark changes nothing.
    await last(26, 'alone').execute(db);
    const ids = await db.selectFrom('items').select('id').where('id', '>=', 20).orderBy('id').execute();
    expect(ids.map((r) => r.id)).toEqual([20, 21, 22, 24, 26]);
  });

  answeredLaterCases(() => db, counted);

  describe('named prepared statements (one connection)', () => {
    preparedStatementCases(() => db);

    it('prepares nothing with preparedStatements: false (for a pooler that cannot keep them)', async () => {
      const unprepared = new Kysely<{ items: { id: number; name: string } }>({
        dialect: new PgDialect(new pg.Pool({ connectionString: database.url, max: 1, pipeline: true }), {
          preparedStatements: false,
        }),
      });
      try {
        for (let id = 1; id <= 5; id++)
          await unprepared.selectFrom('items').select('name').where('id', '=', id).execute();
        const { rows } = await sql<{
          n: number;
        }>`select count(*)::int as n from pg_prepared_statements`.execute(unprepared);
        expect(rows).toEqual([{ n: 0 }]);
      } finally {
        await unprepared.destroy();
      }
    });
  });

  it('runs the transaction at the isolation level asked for, and counts affected rows', async () => {
    const level = await db
      .transaction()
      .setIsolationLevel('serializable')
      .execute(async (trx) => {
        const { rows } = await sql<{
          level: string;
        }>`select current_setting('transaction_isolation') as level`.execute(trx);
        return rows[0]!.level;
      });
    expect(level).toBe('serializable');
    const updated = await db
      .updateTable('items')
      .set({ name: 'renamed' })
      .where('id', '<=', 2)
      .executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(2n);
  });

  it('refuses an isolation level PostgreSQL does not have before sending anything (no statement commits alone)', async () => {
    const { writes: used } = await counted(async () => {
      await expect(
        db
          .transaction()
          .setIsolationLevel('snapshot')
          .execute(async (trx) => {
            await trx.insertInto('items').values({ id: 50, name: 'alone?' }).execute();
          }),
      ).rejects.toThrow(/no isolation level 'snapshot'/);
    });
    expect(used).toBe(0);
    expect(await db.selectFrom('items').select('id').where('id', '=', 50).execute()).toEqual([]);
  });

  it('keeps each transaction whole when several share the pool (one connection, taken in turn)', async () => {
    const outcomes = await Promise.allSettled(
      [100, 101, 102, 103].map((id) =>
        db.transaction().execute(async (trx) => {
          await trx.insertInto('items').values({ id, name: 'a' }).execute();
          if (id % 2 === 1) throw new Error('odd rolls back');
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    const rows = await db.selectFrom('items').select('id').where('id', '>=', 100).orderBy('id').execute();
    expect(rows.map((r) => r.id)).toEqual([100, 102]);
  });
});
