import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CompiledQuery } from 'kysely';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { executeOnPglite } from './pglite-connection.ts';
import { openPgliteHere, openPgliteOnWorker, type PgliteSession, sessionOnWorker } from './pglite-session.ts';

const query = (session: PgliteSession, sql: string, parameters: unknown[] = []) =>
  executeOnPglite<Record<string, unknown>>(session, CompiledQuery.raw(sql, parameters));

describe.each([
  ['on a worker thread', openPgliteOnWorker],
  ['on the calling thread', openPgliteHere],
])('PGlite session %s', (_, open) => {
  // One database for the statements below (opening one runs initdb: seconds).
  let session: PgliteSession;
  const opened = async () => (session ??= await open('memory://'));
  afterAll(async () => {
    await session?.close();
  });

  it('reads values as pg does: int8 and numeric as strings, timestamps as Date, jsonb parsed', async () => {
    const session = await opened();
    const { rows } = await query(
      session,
      `select 9007199254740993::int8 as big, 1.50::numeric as amount,
              '2026-11-30T05:00:00Z'::timestamptz as at, $1::jsonb as doc, $2::text as name`,
      [JSON.stringify({ a: [1, 2] }), 'Ünïcode ✓'],
    );
    expect(rows).toEqual([
      {
        big: '9007199254740993',
        amount: '1.50',
        at: new Date('2026-11-30T05:00:00Z'),
        doc: { a: [1, 2] },
        name: 'Ünïcode ✓',
      },
    ]);
  });

  it('throws a failed statement as a DatabaseError with its code, and serves the next one', async () => {
    const session = await opened();
    await query(session, 'create table t (id int primary key)');
    await query(session, 'insert into t values ($1)', [1]);
    await expect(query(session, 'insert into t values ($1)', [1])).rejects.toMatchObject({
      code: '23505',
      constraint: 't_pkey',
    });
    const inserted = await query(session, 'insert into t values ($1), ($2)', [2, 3]);
    expect(inserted.numAffectedRows).toBe(2n);
    expect((await query(session, 'select count(*)::int as n from t')).rows).toEqual([{ n: 3 }]);
  });

  it('keeps a transaction on its one session: rolled back writes are gone', async () => {
    const session = await opened();
    await query(session, 'create table u (id int)');
    await query(session, 'begin');
    await query(session, 'insert into u values (1)');
    await query(session, 'rollback');
    expect((await query(session, 'select count(*)::int as n from u')).rows).toEqual([{ n: 0 }]);
  });

  it('refuses to open a data directory that is not one, and says why', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pglite-session-'));
    try {
      const file = join(dir, 'not-a-directory');
      await writeFile(file, 'x');
      await expect(open(file)).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('PGlite session on a worker thread, once closed', () => {
  it('rejects later statements instead of waiting for ever', async () => {
    const session = await openPgliteOnWorker('memory://');
    expect((await query(session, 'select 1 as one')).rows).toEqual([{ one: 1 }]);
    await session.close();
    await expect(query(session, 'select 1')).rejects.toThrow(/thread exited/);
    // Closing again is harmless.
    await session.close();
  });
});

/** A thread that answers the opening ping like pglite-worker.ts, then fails at the next statement. */
const failingThread = (how: 'exit' | 'throw') =>
  new Worker(
    `const { parentPort } = require('node:worker_threads');
     let asked = 0;
     parentPort.on('message', (m) => {
       if (asked++ === 0) return parentPort.postMessage({ id: m.id, response: new Uint8Array(0) });
       ${how === 'exit' ? 'process.exit(3);' : "throw new Error('RuntimeError: unreachable (the database aborted)');"}
     });`,
    { eval: true },
  );

describe('PGlite session on a worker thread, when the thread fails', () => {
  it.each(['exit', 'throw'] as const)(
    'says so once (%s), and every statement fails instead of waiting',
    async (how) => {
      const onFailure = vi.fn();
      const session = await sessionOnWorker(failingThread(how), { onFailure });
      await expect(query(session, 'select 1')).rejects.toThrow(
        how === 'exit' ? /thread exited \(code 3\)/ : /the database aborted/,
      );
      await expect(query(session, 'select 2')).rejects.toThrow();
      await vi.waitFor(() => expect(onFailure).toHaveBeenCalledTimes(1));
      expect(onFailure.mock.calls[0]![0]).toBeInstanceOf(Error);
      await session.close(); // returns: the thread is gone already
      expect(onFailure).toHaveBeenCalledTimes(1);
    },
  );

  it('is not a failure when the session closes it', async () => {
    const onFailure = vi.fn();
    const session = await openPgliteOnWorker('memory://', { onFailure });
    expect((await query(session, 'select 1 as one')).rows).toEqual([{ one: 1 }]);
    await session.close();
    await expect(query(session, 'select 1')).rejects.toThrow(/thread exited/);
    expect(onFailure).not.toHaveBeenCalled();
  });
});
