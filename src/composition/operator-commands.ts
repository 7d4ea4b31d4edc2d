import pino from 'pino';
import type { Metrics } from '../adapters/observability/metrics.ts';
import type { PostgresStorage } from '../adapters/storage/postgres-storage.ts';
import { type Config, ConfigError } from '../config.ts';
import { rebuildOrderInfo } from '../read-model/order-info/rebuild.ts';
import type { MessageBus } from '../shared/ports/message-bus.ts';
import { connectStorage } from './connect-storage.ts';
import { CONSUMER_GROUPS } from './consumer-groups.ts';
import { createBus } from './create-bus.ts';
import { UsageError } from './usage-error.ts';

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

export { UsageError };

/** Dead letters the `dlq` commands read at most per group (a peek requeues each it reads). */
const DLQ_READ_LIMIT = 10_000;

/**
 * The `dlq` commands' bus: RabbitMQ only, since the embedded mode's in-process bus keeps its
 * dead letters in the server's memory, out of any other process's reach.
 */
async function withBus(config: Config, work: (bus: MessageBus) => Promise<number>): Promise<number> {
  if (config.brokerUrl === undefined) {
    throw new ConfigError(
      'BROKER_URL',
      'must be set: dead letters live in RabbitMQ (embedded mode has none to reach)',
    );
  }
  const log = pino({ level: 'warn' }, pino.destination(2));
  const unroutable = { inc: () => {} } as unknown as Metrics['busUnroutable'];
  const bus = await createBus(config, log, { busUnroutable: unroutable }, { connectRetries: 0 });
  try {
    return await work(bus);
  } finally {
    await bus.close();
  }
}

function groupsOf(group: string | undefined): string[] {
  const known = CONSUMER_GROUPS.map((g) => g.group);
  if (group === undefined) return known;
  if (!known.includes(group)) throw new UsageError(`unknown group "${group}" (known: ${known.join(', ')})`);
  return [group];
}

/**
 * `orderflow dlq list [--group <g>]`: one tab-separated line per dead letter on stdout (group,
 * event id, topic, event type, order id, event time), oldest first; counts on stderr.
 */
export async function listDeadLettersCommand(
  config: Config,
  io: CommandOutput,
  options: { group?: string; limit: number },
): Promise<number> {
  const groups = groupsOf(options.group);
  return withBus(config, async (bus) => {
    let total = 0;
    for (const group of groups) {
      const letters = await bus.readDeadLetters(group, options.limit);
      total += letters.length;
      for (const { envelope, topic } of letters) {
        io.out(
          [
            group,
            envelope.event_id,
            topic,
            envelope.event_type,
            envelope.data.order_id,
            envelope.timestamp,
          ].join('\t'),
        );
      }
    }
    io.err(`${total} dead letter${total === 1 ? '' : 's'} in ${groups.join(', ')}`);
    return 0;
  });
}

/** `orderflow dlq show <event-id> [--group <g>]`: the message as JSON, once per group holding it; exit 1 if none. */
export async function showDeadLetterCommand(
  config: Config,
  io: CommandOutput,
  eventId: string,
  options: { group?: string },
): Promise<number> {
  const groups = groupsOf(options.group);
  return withBus(config, async (bus) => {
    let found = 0;
    for (const group of groups) {
      for (const letter of await bus.readDeadLetters(group, DLQ_READ_LIMIT)) {
        if (letter.envelope.event_id !== eventId) continue;
        found++;
        io.out(JSON.stringify({ group, ...letter }, null, 2));
      }
    }
    if (found === 0) io.err(`no dead letter ${eventId} in ${groups.join(', ')}`);
    return found === 0 ? 1 : 0;
  });
}

/**
 * `orderflow dlq redrive <event-id>|--all [--group <g>]`: back to the group's queue (only that
 * group's), to be handled again; a line per group that had any. Exit 1 when nothing matched.
 */
export async function redriveDeadLettersCommand(
  config: Config,
  io: CommandOutput,
  eventId: string | undefined,
  options: { group?: string; all?: boolean },
): Promise<number> {
  if ((eventId === undefined) === (options.all !== true)) {
    throw new UsageError('give one event id or --all');
  }
  const groups = groupsOf(options.group);
  return withBus(config, async (bus) => {
    let total = 0;
    for (const group of groups) {
      const moved = await bus.redriveDeadLetters(group, eventId === undefined ? undefined : [eventId]);
      total += moved;
      if (moved > 0) io.out(`re-drove ${moved} dead letter${moved === 1 ? '' : 's'} of ${group}`);
    }
    if (total === 0)
      io.err(`no dead letter${eventId ? ` ${eventId}` : 's'} to re-drive in ${groups.join(', ')}`);
    return total === 0 ? 1 : 0;
  });
}
