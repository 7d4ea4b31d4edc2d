import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';

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

/** Whether `query` is marked as the last statement of its transaction (COMMITS_TRANSACTION). */
const commitsTransaction = (query: CompiledQuery): boolean => query.sql.endsWith(COMMITS_TRANSACTION);

/**
 * A connection that holds a transaction's BEGIN back until its first statement: `pending` is
 * the BEGIN not sent yet, taken (and cleared) by whoever sends the next statement. `open` says
 * a transaction is in progress; `over`, that it was committed with a statement of its own
 * (nothing more may run in it; Kysely's COMMIT or ROLLBACK after it sends nothing).
 */
export class DeferredBegin {
  pending: string | undefined;
  open = false;
  over = false;

  begin(statement: string): void {
    this.pending = statement;
    this.open = true;
    this.over = false;
  }

  /**
   * What goes with `query`: the BEGIN not sent yet (taken), and whether the COMMIT goes too (the
   * transaction's last statement, COMMITS_TRANSACTION). Refused once the transaction has ended so.
   */
  take(query: CompiledQuery): { begin: string | undefined; commit: boolean } {
    if (this.over) throw new TransactionEndedError();
    const begin = this.pending;
    this.pending = undefined;
    const commit = this.open && commitsTransaction(query);
    if (commit) this.over = true;
    return { begin, commit };
  }

  /** Whether the transaction ending now still needs its COMMIT or ROLLBACK sent. */
  end(): boolean {
    const begun = this.pending === undefined && this.open && !this.over;
    this.reset();
    return begun;
  }

  reset(): void {
    this.pending = undefined;
    this.open = false;
    this.over = false;
  }
}

/** COMMIT or ROLLBACK, sent only for a transaction whose BEGIN was, and not ended already. */
export async function endTransaction(
  connection: DatabaseConnection & { readonly begin: DeferredBegin },
  statement: 'commit' | 'rollback',
): Promise<void> {
  if (connection.begin.end()) await connection.executeQuery(CompiledQuery.raw(statement));
}
