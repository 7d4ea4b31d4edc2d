import { type Kysely, sql } from 'kysely';
import { expect, it } from 'vitest';
import { sendAnsweredLater } from '../../src/adapters/storage/deferred-begin.ts';

// biome-ignore lint/suspicious/noExplicitAny: the cases create and query their own tables.
type Db = Kysely<any>;

/**
 * Named prepared statements (statement-names.ts) on a driver with one session (PGlite, or a pool
 * of one connection): a recurring statement is prepared once and bound afterwards, and nothing a
 * Parse can meet (two in one write, a failed transaction, a table changed under it) loses an
 * answer. Tables `prepared_*` are these cases'.
 */
export function preparedStatementCases(database: () => Db): void {
  /** This session's prepared statements whose text mentions `table`. */
  const prepared = async (table: string) =>
    (
      await sql<{
        statement: string;
      }>`select statement from pg_prepared_statements order by statement`.execute(database())
    ).rows
      .map((row) => row.statement)
      .filter((statement) => statement.includes(table));

  it('prepares a statement once it recurs and binds it after that, with the same answers', async () => {
    const db = database();
    await sql`create table prepared_a (id int primary key, name text not null)`.execute(db);
    await sql`insert into prepared_a select i, 'n' || i from generate_series(1, 6) as i`.execute(db);
    const names: string[] = [];
    for (let id = 1; id <= 6; id++)
      names.push(
        (await sql<{ name: string }>`select name from prepared_a where id = ${id}`.execute(db)).rows[0]!.name,
      );
    expect(names).toEqual(['n1', 'n2', 'n3', 'n4', 'n5', 'n6']);
    // Once, under one name; a statement sent twice only is not prepared.
    expect(await prepared('prepared_a')).toEqual(['select name from prepared_a where id = $1']);
    for (let id = 1; id <= 2; id++)
      await sql`select id from prepared_a where id = ${id} and true`.execute(db);
    expect(await prepared('prepared_a')).toHaveLength(1);
  });

  it('parses a statement new to the session once when it is sent twice in one write', async () => {
    const db = database();
    await sql`create table prepared_b (id int primary key, name text not null)`.execute(db);
    // Held statements carry a marker in their text: every use below goes through it.
    const insert = (executor: Db, id: number) =>
      sendAnsweredLater(
        executor,
        sql`insert into prepared_b (id, name) values (${id}, ${'b'})`,
        (error) => error,
      );
    await insert(db, 1);
    await insert(db, 2);
    const count = await db.transaction().execute(async (trx) => {
      // The third and fourth use leave together with the count: the first parses, the second binds.
      await insert(trx, 3);
      await insert(trx, 4);
      return (await sql<{ n: number }>`select count(*)::int as n from prepared_b`.execute(trx)).rows[0]!.n;
    });
    expect(count).toBe(4);
    expect(await prepared('insert into prepared_b')).toHaveLength(1);
    await insert(db, 5);
    expect((await sql<{ n: number }>`select count(*)::int as n from prepared_b`.execute(db)).rows[0]!.n).toBe(
      5,
    );
  });

  it('parses the statement again next time when its Parse was refused in a failed transaction', async () => {
    const db = database();
    await sql`create table prepared_c (id int primary key)`.execute(db);
    const insert = (id: number) => sql`insert into prepared_c (id) values (${id})`;
    await insert(1).execute(db);
    await insert(2).execute(db);
    await expect(
      db.transaction().execute(async (trx) => {
        await expect(sql`select 1 / 0`.execute(trx)).rejects.toThrow('division by zero');
        // The third use: named and parsed, but refused with everything else in this transaction.
        await expect(insert(3).execute(trx)).rejects.toThrow(/aborted|does not exist/);
      }),
    ).rejects.toThrow();
    expect(await prepared('prepared_c')).toEqual([]);
    await insert(3).execute(db);
    await insert(4).execute(db);
    const ids = (await sql<{ id: number }>`select id from prepared_c order by id`.execute(db)).rows;
    expect(ids.map((row) => row.id)).toEqual([1, 2, 3, 4]);
    expect(await prepared('prepared_c')).toHaveLength(1);
  });

  it('keeps a prepared statement working after a use whose parameter could not be sent', async () => {
    const db = database();
    await sql`create table prepared_e (id int primary key, doc jsonb)`.execute(db);
    await sql`insert into prepared_e values (1, '{"a": 1}')`.execute(db);
    const read = (doc: unknown) =>
      sql<{ id: number }>`select id from prepared_e where doc = ${doc}`.execute(db);
    for (let i = 0; i < 3; i++) expect((await read({ a: 1 })).rows).toEqual([{ id: 1 }]);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(read(circular)).rejects.toThrow(/circular/i);
    for (let i = 0; i < 3; i++) expect((await read({ a: 1 })).rows).toEqual([{ id: 1 }]);
    expect(await prepared('prepared_e')).toHaveLength(1);
  });

  it('prepares a statement again after its table gained a column (failing only the first use after)', async () => {
    const db = database();
    await sql`create table prepared_d (id int primary key)`.execute(db);
    await sql`insert into prepared_d values (1)`.execute(db);
    const read = () => sql<Record<string, unknown>>`select * from prepared_d where id = ${1}`.execute(db);
    for (let i = 0; i < 4; i++) expect((await read()).rows).toEqual([{ id: 1 }]);
    await sql`alter table prepared_d add column extra int not null default 7`.execute(db);
    // PostgreSQL refuses to run a prepared statement whose result columns changed.
    await expect(read()).rejects.toThrow('cached plan must not change result type');
    expect((await read()).rows).toEqual([{ id: 1, extra: 7 }]);
    expect((await read()).rows).toEqual([{ id: 1, extra: 7 }]);
  });
}
