import { type Kysely, sql } from 'kysely';
import { expect, it } from 'vitest';
import {
  COMMITS_TRANSACTION,
  HeldStatementFailed,
  heldFailure,
  sendAnsweredLater,
  sendWithNext,
} from '../../src/adapters/storage/deferred-begin.ts';

/** The error a held statement's failure is reported as, in these tests. */
export class Refused extends Error {
  constructor(override readonly cause: unknown) {
    super('refused');
  }
}

/**
 * Statements answered later (`sendAnsweredLater`) and reads sent with the next statement
 * (`sendWithNext`), on a driver that holds them: `database()` has a table
 * `items (id int primary key, name text not null)`; `counted` says how many sends (socket writes,
 * calls into PGlite) a piece of work took. Ids 60–99 are these tests'.
 */
export function answeredLaterCases(
  database: () => Kysely<{ items: { id: number; name: string } }>,
  counted: <T>(work: () => Promise<T>) => Promise<{ result: T; writes: number }>,
): void {
  const db = {
    transaction: () => database().transaction(),
    selectFrom: (table: 'items') => database().selectFrom(table),
  };
  const later = (trx: Kysely<{ items: { id: number; name: string } }>, id: number, name = 'later') =>
    sendAnsweredLater(
      trx,
      sql`insert into items (id, name) values (${id}, ${name})`,
      (error) => new Refused(error),
    );
  const ids = async () =>
    (
      await db
        .selectFrom('items')
        .select('id')
        .where('id', '>=', 70)
        .where('id', '<', 100)
        .orderBy('id')
        .execute()
    ).map((row) => row.id);

  it('sends a statement answered later with the next one: BEGIN, it, the next and COMMIT in two sends, or one', async () => {
    const { result, writes } = await counted(() =>
      db.transaction().execute(async (trx) => {
        await later(trx, 70);
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from items where id = 70`.execute(
          trx,
        );
        return rows[0]!.n;
      }),
    );
    expect(result).toBe(1); // the held insert ran before the statement it went with
    expect(writes).toBe(2); // BEGIN + held + select; COMMIT
    // Held to the end: it goes with the COMMIT; or with a statement that commits.
    expect((await counted(() => db.transaction().execute((trx) => later(trx, 71)))).writes).toBe(1);
    const last = await counted(() =>
      db.transaction().execute(async (trx) => {
        await later(trx, 72);
        await later(trx, 73);
        await sql`insert into items (id, name) values (74, 'last')${sql.raw(COMMITS_TRANSACTION)}`.execute(
          trx,
        );
      }),
    );
    expect(last.writes).toBe(1);
    // Outside a transaction it runs at once.
    await later(database(), 75);
    expect(await ids()).toEqual([70, 71, 72, 73, 74, 75]);
  });

  it('reports a held statement that failed as its refusal, from the statement it went with or the commit, and keeps nothing', async () => {
    const refusal = async (
      work: (trx: Kysely<{ items: { id: number; name: string } }>) => Promise<unknown>,
    ) => {
      const error = await db
        .transaction()
        .execute(work)
        .then(
          () => undefined,
          (reason: unknown) => reason,
        );
      expect(error).toBeInstanceOf(Refused);
      expect((error as Refused).cause).toMatchObject({ code: '23505' });
    };
    await refusal(async (trx) => {
      await trx.insertInto('items').values({ id: 80, name: 'dropped' }).execute();
      await later(trx, 70); // a duplicate
      await trx.insertInto('items').values({ id: 81, name: 'dropped' }).execute();
    });
    await refusal((trx) => later(trx, 70));
    await refusal(async (trx) => {
      await later(trx, 82);
      await later(trx, 70);
      await sql`insert into items (id, name) values (83, 'dropped')${sql.raw(COMMITS_TRANSACTION)}`.execute(
        trx,
      );
    });
    // Outside a transaction, at once.
    await expect(later(database(), 70)).rejects.toBeInstanceOf(Refused);
    // A statement's own failure is its own, after held statements that went well.
    await expect(
      db.transaction().execute(async (trx) => {
        await later(trx, 84);
        await trx.insertInto('items').values({ id: 70, name: 'duplicate' }).execute();
      }),
    ).rejects.toMatchObject({ code: '23505' });
    // Work that gives up before the next statement sends nothing of what it held.
    const gaveUp = await counted(() =>
      db
        .transaction()
        .execute(async (trx) => {
          await later(trx, 85);
          throw new Error('give up');
        })
        .catch((error: Error) => error.message),
    );
    expect(gaveUp).toEqual({ result: 'give up', writes: 0 });
    // A failure the work swallowed aborted the transaction all the same: its COMMIT, answered
    // with a rollback, is an error, not a silent loss.
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: 97, name: 'lost?' }).execute();
        await trx
          .insertInto('items')
          .values({ id: 70, name: 'duplicate' })
          .execute()
          .catch(() => {});
      }),
    ).rejects.toThrow(/did not commit/);
    // A parameter that cannot be sent is refused when the statement is held, not later.
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: 98, name: 'dropped' }).execute();
        await sendAnsweredLater<{ items: { id: number; name: string } }>(
          trx,
          sql`insert into items (id, name) values (99, ${circular})`,
          (error) => new Refused(error),
        );
      }),
    ).rejects.toThrow(/circular/i);
    expect(await ids()).toEqual([70, 71, 72, 73, 74, 75]);
    // And the connection serves the next transaction.
    await db.transaction().execute((trx) => later(trx, 86));
    expect((await ids()).at(-1)).toBe(86);
  });

  type Items = Kysely<{ items: { id: number; name: string } }>;
  const read = (trx: Items, id: number) =>
    sendWithNext(
      trx,
      trx.selectFrom('items').select(['id', 'name']).where('id', '=', id).forUpdate(),
      (rows) => rows,
    );
  const named = (trx: Items, id: number) =>
    trx.selectFrom('items').select('name').where('id', '=', id).executeTakeFirstOrThrow();

  it('sends a read with the next statement and answers it after that one: one write for both', async () => {
    await database()
      .insertInto('items')
      .values([
        { id: 60, name: 'sixty' },
        { id: 61, name: 'sixty-one' },
      ])
      .execute();
    const together = await counted(() =>
      db.transaction().execute(async (trx) => {
        const first = await read(trx, 60);
        const next = await named(trx, 61);
        return { first: await first.answer(), next: next.name };
      }),
    );
    // BEGIN + the read + the next statement; COMMIT.
    expect(together).toEqual({
      result: { first: [{ id: 60, name: 'sixty' }], next: 'sixty-one' },
      writes: 2,
    });
    // Asked for before anything followed, it goes alone (with the BEGIN); the COMMIT after.
    const alone = await counted(() =>
      db.transaction().execute(async (trx) => (await read(trx, 61)).answer()),
    );
    expect(alone).toEqual({ result: [{ id: 61, name: 'sixty-one' }], writes: 2 });
    // Never asked for in the transaction: it goes with the COMMIT, and is answered after it.
    const atCommit = await counted(() => db.transaction().execute((trx) => read(trx, 60)));
    expect(atCommit.writes).toBe(1);
    expect(await atCommit.result.answer()).toEqual([{ id: 60, name: 'sixty' }]);
    // Outside a transaction, at once.
    expect(await (await read(database(), 61)).answer()).toEqual([{ id: 61, name: 'sixty-one' }]);
  });

  it('rejects the answer of a statement sent with a COMMIT that did not commit: its rows did not stand', async () => {
    // A deferred unique key: two equal rows are refused only by the COMMIT.
    await sql`create table if not exists deferred_items (id int unique deferrable initially deferred)`.execute(
      database(),
    );
    let inserted: { answer(): Promise<number[]> } | undefined;
    const failed = await db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into deferred_items (id) values (1), (1)`.execute(trx);
        inserted = await sendWithNext<{ items: { id: number; name: string } }, { id: number }, number[]>(
          trx,
          sql<{ id: number }>`insert into deferred_items (id) values (2) returning id`,
          (rows) => rows.map((row) => row.id),
        );
      })
      .catch((error: unknown) => error);
    expect(failed).toMatchObject({ code: '23505' });
    await expect(inserted!.answer()).rejects.toBe(failed);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from deferred_items`.execute(
      database(),
    );
    expect(rows[0]!.n).toBe(0);
  });

  it("reports a read sent with the next statement that failed from that statement's call and its answer, and keeps nothing", async () => {
    let failing: { answer(): Promise<unknown> } | undefined;
    const thrown = await db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('items').values({ id: 62, name: 'dropped' }).execute();
        failing = await sendWithNext<{ items: { id: number; name: string } }, { n: number }, { n: number }[]>(
          trx,
          trx.selectFrom('items').select(sql<number>`1 / 0`.as('n')).limit(1),
          (rows) => rows,
        );
        await named(trx, 60);
      })
      .then(
        () => undefined,
        (reason: unknown) => reason,
      );
    expect(thrown).toMatchObject({ code: '22012' });
    await expect(failing!.answer()).rejects.toBe(thrown);
    // Work that gives up before the next statement sends nothing; the answer says so.
    let dropped: { answer(): Promise<unknown> } | undefined;
    const gaveUp = await counted(() =>
      db
        .transaction()
        .execute(async (trx) => {
          dropped = await read(trx, 60);
          throw new Error('give up');
        })
        .catch((error: Error) => error.message),
    );
    expect(gaveUp).toEqual({ result: 'give up', writes: 0 });
    await expect(dropped!.answer()).rejects.toThrow(/ended before the statement was sent/);
    expect(await db.selectFrom('items').select('id').where('id', '=', 62).execute()).toEqual([]);
  });

  it('wraps the failure of a statement held without a refusal of its own: the next statement never takes it for its own', async () => {
    const thrown = await db
      .transaction()
      .execute(async (trx) => {
        await sendAnsweredLater<{ items: { id: number; name: string } }>(
          trx,
          sql`insert into items (id, name) values (70, 'duplicate')`,
          heldFailure,
        );
        await trx.selectFrom('items').select('id').where('id', '=', 70).execute();
      })
      .then(
        () => undefined,
        (reason: unknown) => reason,
      );
    expect(thrown).toBeInstanceOf(HeldStatementFailed);
    expect(thrown).not.toHaveProperty('code');
    expect((thrown as HeldStatementFailed).cause).toMatchObject({ code: '23505' });
  });
}
