import { Mutex } from 'async-mutex';
import type { CompiledQuery, DatabaseConnection, Driver, QueryResult } from 'kysely';
import {
  type Answer,
  DeferredBegin,
  endTransaction,
  executePipelined,
  type PipelinedConnection,
  PostgresFamilyDialect,
} from './deferred-begin.ts';
import { answersOf, type PreparedStatement, pgliteRequest } from './pglite-connection.ts';
import type { PgliteSession } from './pglite-session.ts';
import { StatementNames, StatementUsage } from './statement-names.ts';

/**
 * Kysely over PGlite. PGlite is a single session, so the driver hands out its one connection
 * to one holder at a time: a transaction keeps it from BEGIN to COMMIT and every other query
 * waits in line. Without this queue a statement from a concurrent request would run inside
 * someone else's transaction (and be rolled back, or committed, with it).
 */
export class PGliteDialect extends PostgresFamilyDialect {
  constructor(private readonly open: () => Promise<PgliteSession>) {
    super();
  }

  createDriver(): Driver {
    return new PGliteDriver(this.open);
  }
}

class PGliteDriver implements Driver {
  readonly #mutex = new Mutex();
  #connection: PGliteConnection | undefined;

  constructor(private readonly open: () => Promise<PgliteSession>) {}

  async init(): Promise<void> {
    this.#connection = new PGliteConnection(await this.open());
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    // Code inside a transaction must use the transaction's executor: a query on the root
    // Kysely instance from there would wait for the transaction to end, forever.
    await this.#mutex.acquire();
    return this.#connection!;
  }

  // BEGIN goes with the transaction's first statement, in one call into PGlite instead of two
  // (each call is a hand-over to the WebAssembly, or to its thread); a transaction that ran no
  // statement sends neither BEGIN nor its end.
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as PGliteConnection).begin.begin('begin');
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await endTransaction(connection as PGliteConnection, 'commit');
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await endTransaction(connection as PGliteConnection, 'rollback');
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.release();
  }

  async destroy(): Promise<void> {
    await this.#mutex.runExclusive(async () => {
      await this.#connection?.session.close();
      this.#connection = undefined;
    });
  }
}

class PGliteConnection implements PipelinedConnection {
  /** A BEGIN not sent yet, and statements held, go ahead of the next statement, in one call. */
  readonly begin = new DeferredBegin();
  /** Recurring statements run prepared: PostgreSQL's parse and plan are WebAssembly on this process's CPU. */
  readonly #names = new StatementNames(new StatementUsage(), 'orderflow_');
  /** Names the session has parsed (a Parse answered with ParseComplete). */
  readonly #parsed = new Set<string>();

  constructor(readonly session: PgliteSession) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // As on PostgreSQL: the last statement of its transaction (COMMITS_TRANSACTION) is ended
    // with it, committed or rolled back, so that nothing may follow it here either.
    return executePipelined<R>(this, query);
  }

  async sendOne(query: CompiledQuery): Promise<QueryResult<unknown>> {
    const [answer] = await this.sendAll([query]);
    if (answer!.status === 'rejected') throw answer!.reason;
    return answer!.value.result;
  }

  sendAll(queries: readonly CompiledQuery[]): Promise<PromiseSettledResult<Answer>[]> {
    // Built first: a statement that cannot be serialised is refused (thrown, not rejected)
    // before anything is sent.
    // A name parsed by an earlier statement of the same call is only bound (PostgreSQL runs them
    // in order); if that Parse fails, so do the statements after it that use the name.
    const parsing = new Set<string>();
    const statements = queries.map((query): PreparedStatement | undefined => {
      const name = this.#names.nameFor(query);
      if (name === undefined) return undefined;
      const parse = !this.#parsed.has(name) && !parsing.has(name);
      if (parse) parsing.add(name);
      return { name, parse };
    });
    const request = Buffer.concat(queries.map((query, i) => pgliteRequest(query, statements[i])));
    return this.session.exchange(request).then(
      (bytes) => {
        const answers = answersOf(bytes, queries.length);
        answers.forEach((answer, i) => {
          const statement = statements[i];
          if (statement?.parse && answer.parsed) this.#parsed.add(statement.name);
          if (answer.status === 'rejected') this.#names.failed(queries[i]!, answer.reason);
        });
        return answers;
      },
      (error: unknown) => {
        // The call failed as a whole, perhaps after PGlite ran it: whether the statements it
        // parsed exist in the session is unknown, so they are prepared under new names next time.
        queries.forEach((query, i) => {
          if (statements[i]?.parse) this.#names.renew(query);
        });
        throw error;
      },
    );
  }

  // biome-ignore lint/correctness/useYield: streaming is not offered by PGlite; Kysely requires the method.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not support streaming queries');
  }
}
