import type { CompiledQuery, DatabaseConnection, Driver, QueryResult, TransactionSettings } from 'kysely';
import type pg from 'pg';
import pgUtils from 'pg/lib/utils.js';
import {
  type Answer,
  DeferredBegin,
  endTransaction,
  executePipelined,
  type PipelinedConnection,
  PostgresFamilyDialect,
} from './deferred-begin.ts';
import { StatementNames, StatementUsage } from './statement-names.ts';

/**
 * Kysely over a `pg` pool, as Kysely's own `PostgresDialect`, except that a transaction's BEGIN
 * is not a round trip of its own: it goes to the server in the same write as the transaction's
 * first statement (the pool's clients are in `pg`'s pipeline mode, so a second query can be sent
 * before the first is answered), and a transaction that ran no statement sends nothing. A
 * statement whose caller does not wait for its answer (`sendAnsweredLater`) leaves with the next
 * one, and the last statement of a transaction (COMMITS_TRANSACTION) with the COMMIT. Every other
 * statement waits for the one before it, as Kysely runs them.
 */
export class PgDialect extends PostgresFamilyDialect {
  constructor(
    private readonly pool: pg.Pool,
    private readonly options: PgDialectOptions = {},
  ) {
    super();
  }

  createDriver(): Driver {
    return new PgDriver(this.pool, this.options);
  }
}

export interface PgDialectOptions {
  /**
   * Recurring statements run as named prepared statements, parsed and planned once per
   * connection (statement-names.ts). Default true; false for a pooler that cannot keep them
   * (PgBouncer before 1.21 in transaction mode).
   */
  preparedStatements?: boolean;
}

const ISOLATION_LEVELS: ReadonlySet<string> = new Set([
  'read uncommitted',
  'read committed',
  'repeatable read',
  'serializable',
]);
const ACCESS_MODES: ReadonlySet<string> = new Set(['read only', 'read write']);

class PgDriver implements Driver {
  readonly #connections = new WeakMap<pg.PoolClient, PgConnection>();
  readonly #usage: StatementUsage | undefined;
  #pool: pg.Pool | undefined;

  constructor(pool: pg.Pool, { preparedStatements = true }: PgDialectOptions) {
    this.#pool = pool;
    this.#usage = preparedStatements ? new StatementUsage() : undefined;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    if (!this.#pool) throw new Error('driver has already been destroyed');
    const client = await this.#pool.connect();
    let connection = this.#connections.get(client);
    if (!connection) {
      connection = new PgConnection(client, this.#usage && new StatementNames(this.#usage, 'orderflow_'));
      this.#connections.set(client, connection);
    }
    return connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    // Refused here, before anything is sent: the BEGIN goes with the first statement under its
    // own Sync, so a BEGIN PostgreSQL refuses would leave that statement to commit on its own.
    if (settings.isolationLevel && !ISOLATION_LEVELS.has(settings.isolationLevel))
      throw new Error(`PostgreSQL has no isolation level '${settings.isolationLevel}'`);
    if (settings.accessMode && !ACCESS_MODES.has(settings.accessMode))
      throw new Error(`PostgreSQL has no access mode '${settings.accessMode}'`);
    let begin = 'begin';
    if (settings.isolationLevel) begin = `start transaction isolation level ${settings.isolationLevel}`;
    if (settings.accessMode)
      begin = `${settings.isolationLevel ? begin : 'start transaction'} ${settings.accessMode}`;
    (connection as PgConnection).begin.begin(begin);
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await endTransaction(connection as PgConnection, 'commit');
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await endTransaction(connection as PgConnection, 'rollback');
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as PgConnection).release();
  }

  async destroy(): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    await pool?.end();
  }
}

class PgConnection implements PipelinedConnection {
  /** A BEGIN not sent yet, and statements held, go ahead of the next statement, in the same write. */
  readonly begin = new DeferredBegin();

  constructor(
    private readonly client: pg.PoolClient,
    private readonly names: StatementNames | undefined,
  ) {}

  release(): void {
    // A connection given back in the middle of a transaction never sent its BEGIN either.
    this.begin.reset();
    this.client.release();
  }

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return executePipelined<R>(this, query);
  }

  async sendOne(query: CompiledQuery): Promise<QueryResult<unknown>> {
    // A parameter pg cannot serialise is refused before anything is sent (as in sendAll): pg
    // itself would close the statement's name after its Parse, leaving the session without a
    // statement pg believes it has.
    for (const value of query.parameters) pgUtils.prepareValue(value);
    return resultOf(await this.#send(query));
  }

  sendAll(queries: readonly CompiledQuery[]): Promise<PromiseSettledResult<Answer>[]> {
    // A parameter pg cannot serialise is refused here, before anything is written: pg itself
    // would fail only that query and still send the rest (a COMMIT among them).
    for (const query of queries) for (const value of query.parameters) pgUtils.prepareValue(value);
    // The queries are written before any is answered (the pool's clients are in pg's pipeline
    // mode): corked, they leave in one write.
    const stream = (this.client as unknown as { connection: { stream: NodeJS.WritableStream & Corkable } })
      .connection.stream;
    stream.cork();
    let sent: Promise<Answer>[];
    try {
      sent = queries.map((query) =>
        this.#send(query).then((answer) => ({ result: resultOf(answer), command: answer.command })),
      );
    } finally {
      stream.uncork();
    }
    return Promise.allSettled(sent);
  }

  /** One statement, under its prepared statement's name when it has one (pg parses it once). */
  #send(query: CompiledQuery): Promise<pg.QueryResult> {
    const name = this.names?.nameFor(query);
    const values = [...query.parameters];
    const sent = name
      ? this.client.query({ name, text: query.sql, values })
      : this.client.query(query.sql, values);
    return name
      ? sent.catch((error: unknown) => {
          this.names?.failed(query, error);
          throw error;
        })
      : sent;
  }

  // biome-ignore lint/correctness/useYield: nothing here streams; Kysely requires the method.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not supported');
  }
}

interface Corkable {
  cork(): void;
  uncork(): void;
}

function resultOf<R>(result: pg.QueryResult): QueryResult<R> {
  const { command, rowCount, rows } = result;
  const rowsOut = (rows ?? []) as R[];
  const changed = command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE';
  return changed ? { numAffectedRows: BigInt(rowCount ?? 0), rows: rowsOut } : { rows: rowsOut };
}
