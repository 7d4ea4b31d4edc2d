import type { CompiledQuery } from 'kysely';

/**
 * How often each statement text was sent, across a dialect's connections: a text becomes a named
 * prepared statement only once it has been seen `threshold` times, so one-off texts (a migration,
 * an `in (…)` list of an unusual length) do not take a connection's names. The counts are
 * forgotten when `limit` texts have been counted (memory stays bounded whatever the texts).
 *
 * It also keeps the dialect's schema epoch: when any connection meets a plan the schema made stale
 * (a migration added a column to a table a prepared `select *` reads), every connection prepares
 * its statements again under new names, so a schema change fails one statement per process
 * rather than one per connection and statement.
 */
export class StatementUsage {
  readonly #counts = new Map<string, number>();
  #epoch = 0;

  constructor(
    private readonly threshold = 3,
    private readonly limit = 10_000,
  ) {}

  get epoch(): number {
    return this.#epoch;
  }

  /** Counts one more use of `sql`; true once it was used often enough to be prepared. */
  recurring(sql: string): boolean {
    const count = (this.#counts.get(sql) ?? 0) + 1;
    if (count >= this.threshold) return true;
    if (this.#counts.size >= this.limit) this.#counts.clear();
    this.#counts.set(sql, count);
    return false;
  }

  /** The schema changed under a prepared statement: every connection prepares again. */
  schemaChanged(): void {
    this.#epoch++;
  }
}

/**
 * The names one database session gives the statements it prepares (PostgreSQL parses and plans a
 * named statement once per session and binds it each time after). Only statements with
 * parameters are named (those without go as simple queries), only recurring ones, and at most
 * `capacity` per session and schema epoch, since each holds memory in the server's backend until
 * the session ends (statements of an earlier epoch are not deallocated: a schema change while
 * the server runs is rare, a migration).
 */
export class StatementNames {
  readonly #names = new Map<string, string>();
  #epoch: number;
  /** Names given in this epoch: a renewed statement still exists in the session, so it still counts. */
  #given = 0;

  constructor(
    private readonly usage: StatementUsage,
    private readonly prefix: string,
    private readonly capacity = 200,
  ) {
    this.#epoch = usage.epoch;
  }

  /** The name to run `query` under, or undefined to run it as an unnamed statement. */
  nameFor(query: CompiledQuery): string | undefined {
    if (query.parameters.length === 0) return undefined;
    if (this.#epoch !== this.usage.epoch) {
      this.#epoch = this.usage.epoch;
      this.#names.clear();
      this.#given = 0;
    }
    const known = this.#names.get(query.sql);
    if (known !== undefined) return known;
    if (this.#given >= this.capacity || !this.usage.recurring(query.sql)) return undefined;
    const name = `${this.prefix}${this.#epoch}_${this.#given++}`;
    this.#names.set(query.sql, name);
    return name;
  }

  /**
   * `error` came back for `query`. When it says the session's statement under that name is not
   * as this side believes (a plan the schema made stale; a name the session does not have, or
   * already has), the text gets a new name the next time, which prepares it again; a stale plan
   * also renews every connection's names (`StatementUsage.schemaChanged`). Other errors change
   * nothing.
   */
  failed(query: CompiledQuery, error: unknown): void {
    const code = (error as { code?: unknown } | null)?.code;
    if (isStalePlan(error)) this.usage.schemaChanged();
    else if (code === '26000' || code === '42P05') this.renew(query);
  }

  /**
   * Whatever the session holds under `query`'s name is unknown (a call failed after it may have
   * been parsed): the text gets a new name the next time.
   */
  renew(query: CompiledQuery): void {
    this.#names.delete(query.sql);
  }
}

/**
 * PostgreSQL's refusal to run a prepared statement whose result columns changed since it was
 * prepared: feature_not_supported from plan revalidation (the message may be translated).
 */
function isStalePlan(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, routine, message } = error as { code?: unknown; routine?: unknown; message?: unknown };
  return (
    code === '0A000' &&
    (routine === 'RevalidateCachedQuery' || /cached plan must not change result type/.test(String(message)))
  );
}
