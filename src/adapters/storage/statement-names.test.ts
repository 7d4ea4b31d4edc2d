import { CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import { StatementNames, StatementUsage } from './statement-names.ts';

const query = (sql: string, parameters: unknown[] = [1]) => CompiledQuery.raw(sql, parameters);
const stale = Object.assign(new Error('cached plan must not change result type'), { code: '0A000' });

describe('StatementNames', () => {
  it('names a statement from its third use on, the same name each time after', () => {
    const names = new StatementNames(new StatementUsage(3), 'p');
    const select = query('select 1 where $1');
    expect([names.nameFor(select), names.nameFor(select)]).toEqual([undefined, undefined]);
    expect(names.nameFor(select)).toBe('p0_0');
    expect(names.nameFor(select)).toBe('p0_0');
    expect(names.nameFor(query('select 1 where $1', [2]))).toBe('p0_0');
  });

  it('counts uses across sessions, so a session names a statement others made recur', () => {
    const usage = new StatementUsage(3);
    const first = new StatementNames(usage, 'p');
    const second = new StatementNames(usage, 'p');
    const select = query('select 2 where $1');
    first.nameFor(select);
    second.nameFor(select);
    expect(second.nameFor(select)).toBe('p0_0');
    expect(first.nameFor(select)).toBe('p0_0');
  });

  it('never names a statement without parameters (it goes as a simple query)', () => {
    const names = new StatementNames(new StatementUsage(1), 'p');
    expect(names.nameFor(query('commit', []))).toBeUndefined();
  });

  it('gives at most `capacity` names per session; later statements run unnamed', () => {
    const names = new StatementNames(new StatementUsage(1), 'p', 2);
    expect(['a', 'b', 'c'].map((t) => names.nameFor(query(`select '${t}' where $1`)))).toEqual([
      'p0_0',
      'p0_1',
      undefined,
    ]);
    expect(names.nameFor(query(`select 'a' where $1`))).toBe('p0_0');
  });

  it("renews every session's names after any one met a stale plan (a schema change), and only then", () => {
    const usage = new StatementUsage(1);
    const first = new StatementNames(usage, 'p');
    const second = new StatementNames(usage, 'p');
    const select = query('select * from t where id = $1');
    const other = query('select 1 where $1');
    expect([first.nameFor(select), first.nameFor(other), second.nameFor(select)]).toEqual([
      'p0_0',
      'p0_1',
      'p0_0',
    ]);
    first.failed(select, Object.assign(new Error('division by zero'), { code: '22012' }));
    expect(first.nameFor(select)).toBe('p0_0');
    first.failed(select, stale);
    expect([first.nameFor(other), first.nameFor(select), second.nameFor(select)]).toEqual([
      'p1_0',
      'p1_1',
      'p1_0',
    ]);
    // Recognised by PostgreSQL's routine when the message is in another language.
    second.failed(select, { code: '0A000', routine: 'RevalidateCachedQuery', message: 'le plan a changé' });
    expect(first.nameFor(select)).toBe('p2_0');
  });

  it('gives one statement a new name when the session lacks its name, or has it already', () => {
    const names = new StatementNames(new StatementUsage(1), 'p', 3);
    const select = query('select 3 where $1');
    expect(names.nameFor(select)).toBe('p0_0');
    names.failed(select, { code: '26000', message: 'prepared statement "p0_0" does not exist' });
    expect(names.nameFor(select)).toBe('p0_1');
    names.failed(select, { code: '42P05', message: 'prepared statement "p0_1" already exists' });
    expect(names.nameFor(select)).toBe('p0_2');
    // A renewed statement still exists in the session: it counts towards the capacity.
    names.renew(select);
    expect(names.nameFor(select)).toBeUndefined();
  });

  it('forgets its counts when too many texts were counted (memory stays bounded)', () => {
    const usage = new StatementUsage(2, 2);
    expect(usage.recurring('a')).toBe(false);
    expect(usage.recurring('b')).toBe(false);
    expect(usage.recurring('c')).toBe(false); // the counts started again
    expect(usage.recurring('a')).toBe(false);
    expect(usage.recurring('a')).toBe(true);
  });
});
