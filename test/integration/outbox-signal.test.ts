import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxListener, OutboxNotifier } from '../../src/adapters/storage/outbox-signal.ts';
import { PostgresStorage } from '../../src/adapters/storage/postgres-storage.ts';
import { createTestDatabase } from '../support/postgres.ts';

const until = async (check: () => boolean, timeoutMs = 10_000) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('outbox signal over PostgreSQL LISTEN/NOTIFY', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let storage: PostgresStorage;
  beforeAll(async () => {
    database = await createTestDatabase();
    storage = await PostgresStorage.open({ kind: 'postgres', url: database.url });
  });
  afterAll(async () => {
    await storage.close();
    await database.drop();
  });

  it("wakes a listener in another process's connection after an outbox commit, and again after it reconnects", async () => {
    let signals = 0;
    const errors: unknown[] = [];
    const listener = new OutboxListener({
      url: database.url,
      onSignal: () => signals++,
      onError: (error) => errors.push(error),
      retryMs: 50,
    }).start();
    try {
      await until(() => signals === 1); // the look after connecting
      const notifier = new OutboxNotifier(storage.db, (error) => errors.push(error));
      const stop = storage.onOutboxCommitted(() => notifier.signal());
      await storage.transaction(({ outbox }) =>
        outbox.enqueue([
          {
            topic: 'order.created',
            key: 'order-1',
            envelope: {
              event_id: randomUUID(),
              event_type: 'order.created',
              timestamp: new Date().toISOString(),
              source: 'test',
              data: { order_id: 'order-1' },
            },
            headers: {},
          },
        ]),
      );
      await until(() => signals >= 2);
      stop();
      // The listening connection is killed: the listener reconnects and looks once more.
      const before = signals;
      await storage.db.connection().execute(async (db) => {
        await sql`select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and query ilike 'listen%'`.execute(db);
      });
      await until(() => signals > before);
      expect(signals).toBeGreaterThan(before);
    } finally {
      await listener.stop();
    }
  });
});
