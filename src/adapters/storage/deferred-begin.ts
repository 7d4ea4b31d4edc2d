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
 * A connection that holds a transaction's BEGIN back until its first statement: `pending` is
 * the BEGIN not sent yet, taken (and cleared) by whoever sends the next statement.
 */
export class DeferredBegin {
  pending: string | undefined;

  /** Whether the transaction ending now was begun on the server (had a statement). */
  end(): boolean {
    const begun = this.pending === undefined;
    this.pending = undefined;
    return begun;
  }
}

/** COMMIT or ROLLBACK, sent only for a transaction whose BEGIN was. */
export async function endTransaction(
  connection: DatabaseConnection & { readonly begin: DeferredBegin },
  statement: 'commit' | 'rollback',
): Promise<void> {
  if (connection.begin.end()) await connection.executeQuery(CompiledQuery.raw(statement));
}
