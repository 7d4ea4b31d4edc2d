import {
  type Compilable,
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type OperationNodeSource,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type RawBuilder,
  sql,
} from 'kysely';
import pgUtils from 'pg/lib/utils.js';
import type { Later } from '../../shared/ports/unit-of-work.ts';

/** Kysely's PostgreSQL adapter, introspector and compiler; the driver is the subclass's. */
export abstract class PostgresFamilyDialect implements Dialect {
  abstract createDriver(): Driver;
  createAdapter() {
    return new PostgresAdapter();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

/**
 * Ends a statement that is the last of its transaction: a driver that can may send the COMMIT
 * in the same write (PgDialect), so a row the statement locks is held only for the commit's
 * flush, not for a round trip through the process. The statement must fail, not merely change
 * nothing, when the transaction must not commit: its error aborts the transaction, and the
 * COMMIT then rolls it back. A driver that ignores the mark commits when the work returns.
 */
export const COMMITS_TRANSACTION = ' /* orderflow: commits its transaction */';

/** A statement sent in a transaction that its last statement (COMMITS_TRANSACTION) ended. */
export class TransactionEndedError extends Error {
  constructor() {
    super(
      'the transaction ended with its last statement already (committed, or rolled back if that statement failed)',
    );
  }
}

/**
 * Marks a statement whose caller does not wait for its answer (`sendAnsweredLater`): in a
 * transaction, the driver holds it and sends it ahead of the transaction's next statement, or
 * its COMMIT, in the same write.
 */
const ANSWERED_LATER = ' /* orderflow: answered with the next statement */';

/**
 * The failure of a statement answered later that has no refusal of its own: wrapped, so that
 * the statement it went with (which throws it) never reads its code as its own (a product
 * store's 22012, "no such product", for instance).
 */
export class HeldStatementFailed extends Error {
  constructor(override readonly cause: unknown) {
    super(
      `a statement sent ahead of this one failed: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

/** The refusal of a statement answered later whose failure means nothing more than that. */
export const heldFailure = (error: unknown): HeldStatementFailed => new HeldStatementFailed(error);

/** What a held statement's failure is reported as, by the statement it went with. */
const refusals = new WeakMap<CompiledQuery, (error: unknown) => unknown>();

/**
 * Sends `query` without waiting for its answer where that can be done: in a transaction it
 * is held, and leaves with the transaction's next statement (or its COMMIT) in one write —
 * one round trip fewer. The call then resolves at once, so the statement must fail, not merely
 * change nothing, when the unit of work must not go on; that failure aborts the transaction,
 * and `refusal(error)` is what the later statement's call (or the commit) throws instead of its
 * own outcome. Outside a transaction the statement runs at once and its failure is
 * `refusal(error)` here. Its rows are never returned.
 */
export async function sendAnsweredLater<DB>(
  db: Kysely<DB>,
  query: RawBuilder<unknown>,
  refusal: (error: unknown) => unknown,
): Promise<void> {
  const compiled = query.compile(db);
  // A parameter that cannot be sent is refused now, not when the statement would leave.
  for (const value of compiled.parameters) pgUtils.prepareValue(value);
  const marked: CompiledQuery = { ...compiled, sql: compiled.sql + ANSWERED_LATER };
  refusals.set(marked, refusal);
  try {
    await db.executeQuery(marked);
  } catch (error) {
    throw refusal(error);
  }
}

/**
 * `write` (returning a row for each row it writes) answered later (`sendAnsweredLater`), failing
 * when it writes nothing: the later call (or this one, outside a transaction) then throws
 * `nothingWritten()` — a guard insert whose conflict must stop the unit of work.
 */
export function sendWrittenOrRefused<DB>(
  db: Kysely<DB>,
  write: OperationNodeSource,
  nothingWritten: () => unknown,
): Promise<void> {
  return sendAnsweredLater(
    db,
    sql`with written as (${write}) select 1 / (select count(*)::int from written) as written`,
    (error) => ((error as { code?: string }).code === '22012' ? nothingWritten() : error),
  );
}

/** A held statement whose answer is awaited (`sendWithNext`), and how to send it if nothing follows. */
interface Awaited {
  resolve(result: QueryResult<unknown>): void;
  reject(error: unknown): void;
  /** Set while the statement is held: sends it (with what waits before it) alone. */
  flush?: (() => Promise<void>) | undefined;
}
const awaited = new WeakMap<CompiledQuery, Awaited>();

/**
 * Sends `query` with the transaction's next statement, in the same write, and gives its answer
 * after that: for a read whose answer the work needs, but not before its next statement (a row
 * locked, then another read under the lock: one round trip instead of two). Resolves once the
 * statement is held, so that the next statement is sure to follow it; `answer()` is then its
 * result, or its error; the next statement's call throws that error first, as it is — so send it
 * ahead of a statement whose caller does not read error codes as its own (a product store's
 * "stock short", say). `answer()` before anything followed sends the statement alone, with what
 * was held before it. Outside a transaction the statement runs at once. `shape` makes the
 * answer of its rows.
 */
export async function sendWithNext<DB, R, T>(
  db: Kysely<DB>,
  query: Compilable<R> | RawBuilder<R>,
  shape: (rows: R[]) => T,
): Promise<Later<T>> {
  const compiled = query.compile(db);
  for (const value of compiled.parameters) pgUtils.prepareValue(value);
  const marked: CompiledQuery = { ...compiled, sql: compiled.sql + ANSWERED_LATER };
  let waiting!: Awaited;
  const answered = new Promise<QueryResult<unknown>>((resolve, reject) => {
    waiting = { resolve, reject };
  });
  // Never left unhandled: when the next statement throws this statement's error, nobody asks.
  answered.catch(() => {});
  awaited.set(marked, waiting);
  const result = await db.executeQuery(marked);
  if (waiting.flush === undefined) waiting.resolve(result);
  return {
    answer: async () => {
      await waiting.flush?.();
      return shape((await answered).rows as R[]);
    },
  };
}

/** Whether `query` is marked as the last statement of its transaction (COMMITS_TRANSACTION). */
const commitsTransaction = (query: CompiledQuery): boolean => query.sql.endsWith(COMMITS_TRANSACTION);

/** A statement's answer from a driver: the result, and its command tag (`COMMIT`, `ROLLBACK`, `INSERT` …). */
export interface Answer {
  result: QueryResult<unknown>;
  command: string | undefined;
}

/**
 * A connection whose transaction's BEGIN, held statements (`sendAnsweredLater`) and, for a
 * statement marked COMMITS_TRANSACTION, COMMIT leave with the next statement in one write.
 */
export interface PipelinedConnection extends DatabaseConnection {
  readonly begin: DeferredBegin;
  /** One statement, answered. */
  sendOne(query: CompiledQuery): Promise<QueryResult<unknown>>;
  /**
   * The statements in one write (each under its own Sync: after one fails in a transaction,
   * PostgreSQL refuses the rest, and answers a COMMIT with a rollback), each answer settled.
   * Throws, before anything is sent, a statement that cannot be serialised.
   */
  sendAll(queries: readonly CompiledQuery[]): Promise<PromiseSettledResult<Answer>[]>;
}

/**
 * A connection's transaction state, the statements it holds back: `pending` is the BEGIN not
 * sent yet, `held` the statements sent later (`sendAnsweredLater`); both leave ahead of the
 * next statement, in the same write. `open` says a transaction is in progress; `over`, that it
 * was committed with a statement of its own (nothing more may run in it; Kysely's COMMIT or
 * ROLLBACK after it sends nothing).
 */
export class DeferredBegin {
  pending: string | undefined;
  held: CompiledQuery[] = [];
  open = false;
  over = false;

  begin(statement: string): void {
    this.pending = statement;
    this.#drop();
    this.open = true;
    this.over = false;
  }

  /**
   * What goes with `query`, in order (the BEGIN not sent yet, the statements held, the query,
   * and COMMIT after the transaction's last statement, COMMITS_TRANSACTION), and the index of
   * the query's own answer. Nothing is taken until `taken` is called (once the statements are
   * built). Refused once the transaction has ended so.
   */
  batch(query: CompiledQuery): { queries: CompiledQuery[]; own: number; commit: boolean } {
    if (this.over) throw new TransactionEndedError();
    const commit = this.open && commitsTransaction(query);
    const queries = [...this.#ahead(), query, ...(commit ? [CompiledQuery.raw('commit')] : [])];
    return { queries, own: queries.indexOf(query), commit };
  }

  /** The statements `batch` returned are sent: the transaction has begun, and ended with a COMMIT sent. */
  taken(commit: boolean): void {
    this.pending = undefined;
    this.held = [];
    if (commit) this.over = true;
  }

  /** What waits for the next statement, if `query` is held among it: to be sent now, alone. */
  flush(query: CompiledQuery): CompiledQuery[] {
    return this.held.includes(query) ? this.#ahead() : [];
  }

  /** Holds `query` if it is marked to be answered later and a transaction is open. */
  hold(query: CompiledQuery): boolean {
    if (!this.open || !query.sql.endsWith(ANSWERED_LATER)) return false;
    if (this.over) throw new TransactionEndedError();
    this.held.push(query);
    return true;
  }

  /**
   * What the transaction ending now still sends: the statements held go with its COMMIT (and
   * BEGIN, if nothing was sent yet); a rollback drops them, and is sent only if the BEGIN was.
   */
  end(statement: 'commit' | 'rollback'): CompiledQuery[] {
    const begun = this.begun;
    const queries =
      statement === 'commit' && this.open && !this.over && this.held.length > 0 ? this.#ahead() : [];
    if (queries.length > 0) this.held = []; // they leave with the COMMIT
    this.reset();
    return queries.length > 0 || begun ? [...queries, CompiledQuery.raw(statement)] : [];
  }

  /** Whether the transaction's BEGIN was sent and it has not ended with a statement of its own. */
  get begun(): boolean {
    return this.pending === undefined && this.open && !this.over;
  }

  /** Forgets the statements held, never sent: an answer awaited for one of them is an error. */
  #drop(): void {
    for (const query of this.held)
      awaited.get(query)?.reject(new Error('the transaction ended before the statement was sent'));
    this.held = [];
  }

  /** What waits for the next statement: the BEGIN not sent yet, then the statements held. */
  #ahead(): CompiledQuery[] {
    return [...(this.pending === undefined ? [] : [CompiledQuery.raw(this.pending)]), ...this.held];
  }

  reset(): void {
    this.pending = undefined;
    this.#drop();
    this.open = false;
    this.over = false;
  }
}

/**
 * Runs `query` on `connection`: held if it is to be answered later, else sent with what waits
 * for it (DeferredBegin.batch) in one write. Reports the first failure in order — a BEGIN's,
 * a held statement's (as its refusal), the statement's own — and a COMMIT sent with the
 * statement that did not commit.
 */
export async function executePipelined<R>(
  connection: PipelinedConnection,
  query: CompiledQuery,
): Promise<QueryResult<R>> {
  if (connection.begin.hold(query)) {
    const waiting = awaited.get(query);
    if (waiting) waiting.flush = () => sendHeld(connection, query);
    return { rows: [] };
  }
  const { queries, own, commit } = connection.begin.batch(query);
  if (queries.length === 1) {
    connection.begin.taken(false);
    return (await connection.sendOne(query)) as QueryResult<R>;
  }
  const sending = connection.sendAll(queries);
  connection.begin.taken(commit);
  const answers = settle(
    queries,
    await everyAnswer(queries, sending),
    commit ? () => new Error('the transaction did not commit with its last statement') : undefined,
  );
  return answers[own]!.result as QueryResult<R>;
}

/**
 * Ends the transaction on `connection` (endTransaction for Kysely's COMMIT and ROLLBACK). A
 * COMMIT PostgreSQL answered with a rollback (a statement in the transaction failed and its
 * error was not let through) is an error, not a silent loss of the transaction's writes.
 */
export async function endTransaction(
  connection: PipelinedConnection,
  statement: 'commit' | 'rollback',
): Promise<void> {
  const { begun } = connection.begin;
  const queries = connection.begin.end(statement);
  if (queries.length === 0) return;
  if (statement === 'rollback') {
    await connection.sendOne(queries[0]!);
    return;
  }
  let sending: Promise<PromiseSettledResult<Answer>[]>;
  try {
    sending = connection.sendAll(queries);
  } catch (error) {
    // Refused before anything was sent: the transaction begun must still be rolled back.
    for (const query of queries) awaited.get(query)?.reject(error);
    if (begun) await connection.sendOne(CompiledQuery.raw('rollback'));
    throw error;
  }
  settle(
    queries,
    await everyAnswer(queries, sending),
    () => new Error('the transaction did not commit (rolled back)'),
  );
}

/**
 * The answers, or the first failure in order (a held statement's as its refusal). Each statement
 * whose answer is awaited (`sendWithNext`) gets its result, or that first failure. A batch that
 * ends its transaction (`uncommitted`: the error when its COMMIT did not commit) stands or falls
 * as a whole: unless the COMMIT committed, every awaited statement in it gets the failure, not
 * rows the rollback threw away.
 */
function settle(
  queries: readonly CompiledQuery[],
  outcomes: PromiseSettledResult<Answer>[],
  uncommitted?: () => Error,
): Answer[] {
  let failure: { reason: unknown } | undefined;
  for (const [i, outcome] of outcomes.entries()) {
    if (outcome.status !== 'rejected') continue;
    const refusal = refusals.get(queries[i]!);
    failure = { reason: refusal ? refusal(outcome.reason) : outcome.reason };
    break;
  }
  const last = outcomes.at(-1);
  if (uncommitted && !failure && !(last?.status === 'fulfilled' && last.value.command === 'COMMIT'))
    failure = { reason: uncommitted() };
  for (const [i, outcome] of outcomes.entries()) {
    const waiting = awaited.get(queries[i]!);
    if (!waiting) continue;
    waiting.flush = undefined;
    if (outcome.status === 'fulfilled' && !(uncommitted && failure)) waiting.resolve(outcome.value.result);
    else waiting.reject(failure!.reason);
  }
  if (failure) throw failure.reason;
  return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<Answer>).value);
}

/**
 * The answers of a batch; a batch that failed as a whole (PGlite's call, or its answer, broke)
 * is that failure for every statement in it, so that an awaited read is never left unanswered.
 */
function everyAnswer(
  queries: readonly CompiledQuery[],
  sending: Promise<PromiseSettledResult<Answer>[]>,
): Promise<PromiseSettledResult<Answer>[]> {
  return sending.catch((reason: unknown) => queries.map(() => ({ status: 'rejected' as const, reason })));
}

/** Sends what waits for the next statement (`query` among it) alone: its answer is wanted now. */
async function sendHeld(connection: PipelinedConnection, query: CompiledQuery): Promise<void> {
  const queries = connection.begin.flush(query);
  if (queries.length === 0) return;
  const sending = connection.sendAll(queries);
  connection.begin.taken(false);
  settle(queries, await everyAnswer(queries, sending));
}
