import { mkdirSync } from 'node:fs';
import { Kysely, Migrator, sql } from 'kysely';
import pg from 'pg';
import type { UnitOfWork } from '../../shared/ports/unit-of-work.ts';
import { migrationProvider } from './migrations/index.ts';
import { PgDialect } from './pg-dialect.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { openPgliteHere, openPgliteOnWorker } from './pglite-session.ts';
import { PostgresBasketStore } from './postgres-basket-store.ts';
import { PostgresCarrierStore } from './postgres-carrier-store.ts';
import { PostgresCustomerDirectory } from './postgres-customer-directory.ts';
import { PostgresDevices } from './postgres-devices.ts';
import { PostgresEventStore } from './postgres-event-store.ts';
import { PostgresFoodPointStore } from './postgres-food-point-store.ts';
import { PostgresIdempotencyStore } from './postgres-idempotency-store.ts';
import { PostgresKitchenOrderStore } from './postgres-kitchen-order-store.ts';
import { PostgresLiveFeed } from './postgres-live-feed.ts';
import { PostgresLoginFailures } from './postgres-login-failures.ts';
import { PostgresNotifications } from './postgres-notifications.ts';
import { PostgresOrderSummaries } from './postgres-order-summaries.ts';
import { PostgresOutbox } from './postgres-outbox.ts';
import { PostgresPaymentRecords } from './postgres-payment-records.ts';
import { PostgresProcessedMessages } from './postgres-processed-messages.ts';
import { PostgresProductRepository } from './postgres-product-repository.ts';
import { PostgresProfiles } from './postgres-profiles.ts';
import { PostgresRateLimitCounters } from './postgres-rate-limit-counters.ts';
import { PostgresShipmentStore } from './postgres-shipment-store.ts';
import { PostgresUnpaidOrders } from './postgres-unpaid-orders.ts';
import { PostgresUpdateTickets } from './postgres-update-tickets.ts';
import { PostgresUserDirectory } from './postgres-user-directory.ts';
import { PostgresWalletStore } from './postgres-wallet-store.ts';
import type { Database } from './schema.ts';

export type StorageTarget =
  | {
      kind: 'postgres';
      url: string;
      poolSize?: number;
      /** Recurring statements as named prepared statements (default true; see PgDialect). */
      preparedStatements?: boolean;
      /** An idle pooled connection failed (server restart, admin kill); the pool replaces it. */
      onIdleError?: (error: Error) => void;
    }
  | {
      kind: 'pglite';
      dataDir: string;
      /**
       * Where PGlite runs: on the calling thread (the default) or on a worker thread of its own
       * (`PGLITE_THREAD=worker`: the server's thread goes on while PostgreSQL works).
       */
      thread?: 'worker' | 'main';
      /** The worker thread failed for good: every later statement fails (see `openPgliteOnWorker`). */
      onFailure?: (error: Error) => void;
    };

/** Every store, bound to one executor (a transaction or the pool). Built lazily per use. */
export class PostgresStores {
  constructor(
    readonly db: Kysely<Database>,
    private readonly onOutboxWrite: () => void,
  ) {}

  get events() {
    return new PostgresEventStore(this.db, this.onOutboxWrite);
  }
  get outbox() {
    return new PostgresOutbox(this.db, this.onOutboxWrite);
  }
  get idempotency() {
    return new PostgresIdempotencyStore(this.db);
  }
  get processed() {
    return new PostgresProcessedMessages(this.db);
  }
  get products() {
    return new PostgresProductRepository(this.db);
  }
  get orderSummaries() {
    return new PostgresOrderSummaries(this.db);
  }
  get users() {
    return new PostgresUserDirectory(this.db);
  }
  get wallets() {
    return new PostgresWalletStore(this.db);
  }
  get payments() {
    return new PostgresPaymentRecords(this.db);
  }
  get customers() {
    return new PostgresCustomerDirectory(this.db);
  }
  get unpaidOrders() {
    return new PostgresUnpaidOrders(this.db);
  }
  get foodPoints() {
    return new PostgresFoodPointStore(this.db);
  }
  get kitchenOrders() {
    return new PostgresKitchenOrderStore(this.db);
  }
  get carriers() {
    return new PostgresCarrierStore(this.db);
  }
  get shipments() {
    return new PostgresShipmentStore(this.db);
  }
  get profiles() {
    return new PostgresProfiles(this.db);
  }
  get devices() {
    return new PostgresDevices(this.db);
  }
  get notifications() {
    return new PostgresNotifications(this.db);
  }
  get liveFeed() {
    return new PostgresLiveFeed(this.db);
  }
  get updateTickets() {
    return new PostgresUpdateTickets(this.db);
  }
  get baskets() {
    return new PostgresBasketStore(this.db);
  }
  get rateLimitCounters() {
    return new PostgresRateLimitCounters(this.db);
  }
  get loginFailures() {
    return new PostgresLoginFailures(this.db);
  }
}

/**
 * Storage on PostgreSQL, or on PGlite (the same SQL, embedded). `transaction` is the unit of
 * work; listeners registered with `onOutboxCommitted` hear about commits that wrote to the
 * outbox, so a relay in this process can publish without waiting for its next poll.
 */
export class PostgresStorage implements UnitOfWork<PostgresStores> {
  readonly #listeners = new Set<() => void>();
  readonly read: PostgresStores;

  private constructor(
    readonly db: Kysely<Database>,
    readonly target: StorageTarget,
  ) {
    this.read = new PostgresStores(db, () => this.#notify());
  }

  /** Connects and migrates. */
  static async open(target: StorageTarget): Promise<PostgresStorage> {
    const storage = PostgresStorage.connect(target);
    try {
      await storage.migrate();
    } catch (error) {
      await storage.close().catch(() => {});
      throw error;
    }
    return storage;
  }

  /** Builds the storage without touching the database: connections open on first use. */
  static connect(target: StorageTarget): PostgresStorage {
    return new PostgresStorage(new Kysely<Database>({ dialect: createDialect(target) }), target);
  }

  async transaction<T>(work: (stores: PostgresStores) => Promise<T>): Promise<T> {
    let wroteOutbox = false;
    const result = await this.db
      .transaction()
      .execute((trx) => work(new PostgresStores(trx, () => (wroteOutbox = true))));
    if (wroteOutbox) this.#notify();
    return result;
  }

  onOutboxCommitted(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Safe when several processes start at once: Kysely's migrator takes an advisory lock on PostgreSQL. */
  async migrate(): Promise<{ applied: string[]; total: number }> {
    const total = Object.keys(await migrationProvider.getMigrations()).length;
    // Most starts find nothing to do: two cheap reads say so, without the migrator's catalog
    // introspection and lock (seconds on PGlite). Anything else goes through the migrator.
    if (await this.#upToDate()) return { applied: [], total };
    const migrator = new Migrator({ db: this.db, provider: migrationProvider });
    const { error, results } = await migrator.migrateToLatest();
    const failed = results?.find((r) => r.status === 'Error');
    if (error) {
      const which = failed ? `migration ${failed.migrationName}` : 'migrating the database';
      throw new Error(`${which} failed: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
    return {
      applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
      total,
    };
  }

  /** Whether the database has applied exactly the migrations this code knows (no more, no fewer). */
  async #upToDate(): Promise<boolean> {
    const known = Object.keys(await migrationProvider.getMigrations());
    const table = await sql<{
      present: boolean;
    }>`select to_regclass('kysely_migration') is not null as present`.execute(this.db);
    if (!table.rows[0]?.present) return false;
    const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(this.db);
    const names = new Set(applied.rows.map((row) => row.name));
    return names.size === known.length && known.every((name) => names.has(name));
  }

  async ping(): Promise<void> {
    await this.db.selectNoFrom((eb) => eb.lit(1).as('ok')).execute();
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}

function createDialect(target: StorageTarget) {
  if (target.kind === 'postgres') {
    // Pipeline mode lets a transaction's BEGIN travel with its first statement (PgDialect).
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10, pipeline: true });
    // Without a listener an idle client's error would crash the process.
    pool.on('error', target.onIdleError ?? (() => {}));
    // A client checked out between statements (inside a transaction) has no pool listener: a
    // terminated backend (pg_terminate_backend, a failover) would crash the process. Its
    // transaction fails on its next statement and the pool drops it on release.
    pool.on('connect', (client) => client.on('error', () => {}));
    return new PgDialect(pool, { preparedStatements: target.preparedStatements ?? true });
  }
  return new PGliteDialect(async () => {
    // `memory://` keeps the database in memory (tests); anything else is a directory.
    if (!target.dataDir.startsWith('memory://')) mkdirSync(target.dataDir, { recursive: true });
    return target.thread === 'worker'
      ? openPgliteOnWorker(target.dataDir, { onFailure: target.onFailure })
      : openPgliteHere(target.dataDir);
  });
}
