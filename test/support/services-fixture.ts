import { randomUUID } from 'node:crypto';
import { PostgresStorage, type StorageTarget } from '../../src/adapters/storage/postgres-storage.ts';
import { createServices, type Services } from '../../src/composition/services.ts';
import type { Clock } from '../../src/shared/clock.ts';
import { DomainError } from '../../src/shared/errors.ts';
import { uuidV7Generator } from '../../src/shared/ids.ts';
import { createTestDatabase } from './postgres.ts';

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  #now = new Date('2030-01-01T00:00:00Z');
  now(): Date {
    return new Date(this.#now);
  }
  advance(seconds: number): void {
    this.#now = new Date(this.#now.getTime() + seconds * 1000);
  }
}

/** Both storages the use cases run on: a fresh PostgreSQL database, and PGlite in memory. */
export const STORAGE_MODES: [string, () => Promise<{ target: StorageTarget; cleanup(): Promise<void> }>][] = [
  [
    'PostgreSQL',
    async () => {
      const database = await createTestDatabase();
      return { target: { kind: 'postgres', url: database.url }, cleanup: database.drop };
    },
  ],
  ['PGlite', async () => ({ target: { kind: 'pglite', dataDir: 'memory://' }, cleanup: async () => {} })],
];

export interface ServicesFixture {
  storage: PostgresStorage;
  clock: ManualClock;
  services: Services;
  /** A new buyer the identity directory knows (so admins may top up their wallet). */
  buyer(): Promise<string>;
  close(): Promise<void>;
}

/** The application services over real storage, with a manual clock: use cases without HTTP. */
export async function openServices(
  mode: (typeof STORAGE_MODES)[number][1],
  unpaidOrders = { ttlSeconds: 900, maxPerBuyer: 1000, maxUnitsPerBuyer: 1_000_000 },
  options: { productCacheTtlMs?: number } = {},
): Promise<ServicesFixture> {
  const opened = await mode();
  const storage = await PostgresStorage.open(opened.target);
  const clock = new ManualClock();
  const services = createServices(storage, {
    clock,
    ids: uuidV7Generator,
    readYourWritesTimeoutMs: 1000,
    idempotencyWaitMs: 1000,
    paymentRecoveryGraceMs: 30_000,
    unpaidOrders,
    ...options,
  });
  return {
    storage,
    clock,
    services,
    async buyer() {
      const id = randomUUID();
      await storage.read.users.insertIfAbsent({
        id,
        username: `buyer-${id}`,
        password_hash: 'not-used',
        email: null,
        full_name: null,
        roles: ['buyer'],
      });
      return id;
    },
    async close() {
      await storage.close();
      await opened.cleanup();
    },
  };
}

export const testContext = { correlation_id: 'test', actor_id: 'test' };

/** The DomainError a promise rejects with; fails when it resolves. */
export async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
