import type { CompiledQuery } from 'kysely';

/**
 * How often each statement text was sent, across a dialect's connections: a text becomes a named
 * prepared statement only once it has been seen `threshold` times, so one-off texts (a migration,
 * an `in (…)` list of an unusual length) do not take a connection's names. The counts are
 * forgotten when `limit` texts have been counted (memory stays bounded whatever the texts).
 */
export class StatementUsage {
  readonly #counts = new Map<string, number>();

  constructor(
    private readonly threshold = 3,
    private readonly limit = 10_000,
  ) {}

  /** Counts one more use of `sql`; true once it was used often enough to be prepared. */
  recurring(sql: string): boolean {
    const count = (this.#counts.get(sql) ?? 0) + 1;
    if (count >= this.threshold) return true;
    if (this.#counts.size >= this.limit) this.#counts.clear();
    this.#counts.set(sql, count);
    return false;
  }
}

/**
 * The names one database session gives the statements it prepares (PostgreSQL parses and plans a
 * named statement once per session and binds it each time after). Only statements with
 * parameters are named (those without go as simple queries), only recurring ones, and at most
 * `capacity` per session, since each holds memory in the server's backend until the session ends.
 */
export class StatementNames {
  readonly #names = new Map<string, string>();
  /** Names given so far: a forgotten statement still exists in the session, so it still counts. */
  #given = 0;

  constructor(
    private readonly usage: StatementUsage,
    private readonly prefix: string,
    private readonly capacity = 200,
  ) {}

  /** The name to run `query` under, or undefined to run it as an unnamed statement. */
  nameFor(query: CompiledQuery): string | undefined {
    if (query.parameters.length === 0) return undefined;
    const known = this.#names.get(query.sql);
    if (known !== undefined) return known;
    if (this.#given >= this.capacity || !this.usage.recurring(query.sql)) return undefined;
    const name = `${this.prefix}${this.#given++}`;
    this.#names.set(query.sql, name);
    return name;
  }

  /**
   * `error` came back for `query`: when it says the prepared statement can no longer run as it
   * was prepared (its tables changed under it: "cached plan must not change result type"), the
   * text gets a new name the next time, which prepares it again. Other errors change nothing.
   */
  failed(query: CompiledQuery, error: unknown): void {
    if (isStalePlan(error)) this.#names.delete(query.sql);
  }
}

/** PostgreSQL's refusal to run a prepared statement whose result columns changed since it was prepared. */
function isStalePlan(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === '0A000' &&
    /cached plan must not change result type/.test(String((error as { message?: unknown }).message))
  );
}
