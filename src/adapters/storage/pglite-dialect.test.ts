import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeredLaterCases } from '../../../test/support/answered-later.ts';
import { preparedStatementCases } from '../../../test/support/prepared-statements.ts';
import { sendWithNext } from './deferred-begin.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { openPgliteHere, type PgliteSession } from './pglite-session.ts';

describe('PGliteDialect transactions', () => {
  let session: PgliteSession | undefined;
  let calls = 0;
  /** The next call into PGlite fails as a whole (as when its worker thread died). */
  let failNext = false;
  /** The next call runs in PGlite, then fails as a whole (its answer lost). */
  let loseNextAnswer = false;
  const db = new Kysely<Record<string, never>>({
    dialect: new PGliteDialect(async () => {
      session = await openPgliteHere('memory://');
      const opened = session;
      return {
        exchange: (request) => {
          calls++;
          if (failNext) {
            failNext = false;
            return Promise.reject(new Error('the call into PGlite failed'));
          }
          if (loseNextAnswer) {
            loseNextAnswer = false;
            return opened.exchange(request).then(() => {
              throw new Error('the answer was lost after PGlite ran the call');
            });
          }
          return opened.exchange(request);
        },
        close: () => opened.close(),
      };
    }),
  });
  const counted = async (work: () => Promise<unknown>) => (await countedWrites(work)).writes;
  const countedWrites = async <T>(work: () => Promise<T>) => {
    const before = calls;
    const result = await work();
    return { result, writes: calls - before };
  };
  afterAll(() => db.destroy());

  it('sends BEGIN with the first statement: two statements and COMMIT are three calls', async () => {
    await sql`create table t (id int primary key)`.execute(db);
    const used = await counted(() =>
      db.transaction().execute(async (tx) => {
        await sql`insert into t values (1)`.execute(tx);
        await sql`insert into t values (${2})`.execute(tx);
      }),
    );
    expect(used).toBe(3);
    expect((await sql<{ n: number }>`select count(*)::int as n from t`.execute(db)).rows).toEqual([{ n: 2 }]);
  });

  it('sends nothing for a transaction that ran no statement', async () => {
    expect(await counted(() => db.transaction().execute(async () => 'nothing'))).toBe(0);
    await expect(
      db.transaction().execute(async () => {
        throw new Error('refused before any statement');
      }),
    ).rejects.toThrow('refused');
    // The session is not left inside a transaction: this commits on its own.
    await sql`insert into t values (10)`.execute(db);
    expect(
      (await sql<{ n: number }>`select count(*)::int as n from t where id = 10`.execute(db)).rows,
    ).toEqual([{ n: 1 }]);
  });

  it('rolls back a transaction whose first statement (sent with BEGIN) failed, and one that failed later', async () => {
    await expect(
      db.transaction().execute(async (tx) => {
        await sql`insert into t values (1)`.execute(tx);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    await expect(
      db.transaction().execute(async (tx) => {
        await sql`insert into t values (20)`.execute(tx);
        await sql`insert into t values (1)`.execute(tx);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(
      (await sql<{ n: number }>`select count(*)::int as n from t where id = 20`.execute(db)).rows,
    ).toEqual([{ n: 0 }]);
    // And the session serves statements outside transactions again.
    await sql`insert into t values (21)`.execute(db);
    expect(
      (await sql<{ n: number }>`select count(*)::int as n from t where id = 21`.execute(db)).rows,
    ).toEqual([{ n: 1 }]);
  });

  describe('statements answered later', () => {
    const items = db as unknown as Kysely<{ items: { id: number; name: string } }>;
    beforeAll(() => sql`create table items (id int primary key, name text not null)`.execute(db));
    answeredLaterCases(() => items, countedWrites);
  });

  describe('named prepared statements', () => {
    preparedStatementCases(() => db);

    it('prepares a statement again when the call that parsed it failed after PGlite ran it', async () => {
      await sql`create table prepared_lost (id int primary key)`.execute(db);
      const read = (id: number) =>
        sql<{ id: number }>`select id from prepared_lost where id = ${id}`.execute(db);
      await read(1);
      await read(2);
      loseNextAnswer = true;
      // The third use parses the name in the session, but its answer never comes back.
      await expect(read(3)).rejects.toThrow('the answer was lost');
      await sql`insert into prepared_lost values (4)`.execute(db);
      for (let i = 0; i < 3; i++) expect((await read(4)).rows).toEqual([{ id: 4 }]);
    });
  });

  it('answers a read held in a call that failed as a whole with that failure, never leaving it waiting', async () => {
    const t = db as unknown as Kysely<{ t: { id: number } }>;
    let held: { answer(): Promise<unknown> } | undefined;
    const thrown = await t
      .transaction()
      .execute(async (tx) => {
        held = await sendWithNext<{ t: { id: number } }, { id: number }, { id: number }[]>(
          tx,
          tx.selectFrom('t').select('id').forUpdate(),
          (rows) => rows,
        );
        failNext = true;
        await tx.selectFrom('t').select('id').execute();
      })
      .catch((error: Error) => error.message);
    expect(thrown).toBe('the call into PGlite failed');
    await expect(held!.answer()).rejects.toThrow('the call into PGlite failed');
    // And the session serves the next transaction.
    expect(
      await t.transaction().execute((tx) => tx.selectFrom('t').select('id').where('id', '=', 10).execute()),
    ).toEqual([{ id: 10 }]);
  });

  it('keeps the deferred BEGIN for the next statement when the first cannot be sent (so a rollback still undoes it)', async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(
      db.transaction().execute(async (tx) => {
        await expect(sql`insert into t values (${circular})`.execute(tx)).rejects.toThrow();
        await sql`insert into t values (30)`.execute(tx);
        throw new Error('give up');
      }),
    ).rejects.toThrow('give up');
    expect(
      (await sql<{ n: number }>`select count(*)::int as n from t where id = 30`.execute(db)).rows,
    ).toEqual([{ n: 0 }]);
  });
});
