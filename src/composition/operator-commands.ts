import pino from 'pino';
import type { PostgresStorage } from '../adapters/storage/postgres-storage.ts';
import type { Config } from '../config.ts';
import { rebuildOrderInfo } from '../read-model/order-info/rebuild.ts';
import { connectStorage } from './connect-storage.ts';

/** Where a command writes: results on `out`, progress and warnings on `err`. */
export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

/** `orderflow migrate`: brings the database schema up to date and says what it applied. */
export async function migrateCommand(config: Config, io: CommandOutput): Promise<void> {
  await withStorage(config, async (storage) => {
    const { applied, total } = await storage.migrate();
    io.out(
      applied.length === 0
        ? `database schema up to date (${total} migrations)`
        : `applied ${applied.length} of ${total} migrations: ${applied.join(', ')}`,
    );
  });
}

/**
 * `orderflow projections rebuild`: replays the event store into the order-info view, showing
 * "n of N events" as it goes (N is counted before the rebuild starts, so it is approximate
 * while orders are being written) and a summary at the end.
 */
export async function rebuildProjectionsCommand(
  config: Config,
  io: CommandOutput,
  batchSize: number,
): Promise<void> {
  await withStorage(config, async (storage) => {
    await storage.migrate();
    const total = await countOrderEvents(storage);
    io.err(`rebuilding order-info from ${total} order events`);
    const started = Date.now();
    const result = await rebuildOrderInfo(storage, batchSize, (events) => {
      const percent = total === 0 ? 100 : Math.min(100, Math.floor((events / total) * 100));
      io.err(`  ${events} of ${total} events (${percent}%)`);
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    io.out(`rebuilt order-info: ${result.orders} orders from ${result.events} events in ${seconds} s`);
  });
}

async function withStorage(config: Config, work: (storage: PostgresStorage) => Promise<void>): Promise<void> {
  const { storage, close } = await connectStorage(config, pino({ level: 'warn' }, pino.destination(2)), {
    poolSize: 2,
  });
  try {
    await work(storage);
  } finally {
    await close();
  }
}

async function countOrderEvents(storage: PostgresStorage): Promise<number> {
  const row = await storage.db
    .selectFrom('events')
    .where('stream_id', 'like', 'order-%')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
