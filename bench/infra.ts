import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type Channel, connect } from 'amqplib';
import pg from 'pg';

export const POSTGRES_ADMIN_URL =
  process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const BROKER_URL = process.env.BENCH_BROKER_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

/** Runs `fn` with a short-lived connection to `url`. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A throwaway database for one bench run; `drop` is safe to call twice. */
export async function createBenchDatabase(
  id: string,
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `orderflow_bench_${id}`;
  await withClient(POSTGRES_ADMIN_URL, (c) => c.query(`create database ${name}`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () =>
      withClient(POSTGRES_ADMIN_URL, (c) => c.query(`drop database if exists ${name} with (force)`)).then(
        () => {},
      ),
  };
}

/**
 * Deletes what orderflow declared for namespace `ns`: exchanges `ns` and `ns.dlx`, and every
 * queue named `ns.*` (one per consumer group and its `.dlq`; `rabbitmqctl` lists them, as the
 * groups change with the code), falling back to the order-info queues if it is not available.
 */
export async function deleteBrokerNamespace(ns: string): Promise<void> {
  const listed = await promisify(execFile)('rabbitmqctl', ['-q', 'list_queues', 'name'], {
    timeout: 30_000,
  }).then(
    ({ stdout }) => stdout.split('\n').map((l) => l.trim()),
    () => [],
  );
  const queues = new Set([
    ...listed.filter((q) => q.startsWith(`${ns}.`)),
    `${ns}.order-info`,
    `${ns}.order-info.dlq`,
  ]);
  const connection = await connect(BROKER_URL);
  try {
    const remove = async (action: (channel: Channel) => Promise<unknown>) => {
      const channel = await connection.createChannel();
      await action(channel).catch(() => {});
      await channel.close().catch(() => {});
    };
    for (const queue of queues) await remove((channel) => channel.deleteQueue(queue));
    for (const exchange of [ns, `${ns}.dlx`]) await remove((channel) => channel.deleteExchange(exchange));
  } finally {
    await connection.close();
  }
}

/**
 * Waits until a production run has nothing left to do: no unpublished outbox row, no ready
 * message in any of namespace `ns`'s queues, and `progress()` (e.g. frames a socket received)
 * unchanged, all for `quietMs` in a row. Gives up after `timeoutMs`; resolves to the seconds waited.
 */
export async function waitUntilQuiet(
  databaseUrl: string,
  ns: string,
  progress: () => number,
  { quietMs = 2000, timeoutMs = 600_000 } = {},
): Promise<number> {
  const started = Date.now();
  const listed = await promisify(execFile)('rabbitmqctl', ['-q', 'list_queues', 'name'], {
    timeout: 30_000,
  }).then(
    ({ stdout }) => stdout.split('\n').map((l) => l.trim()),
    () => [],
  );
  const queues = listed.filter((q) => q.startsWith(`${ns}.`) && !q.endsWith('.dlq'));
  const connection = await connect(BROKER_URL);
  const channel = await connection.createChannel();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let quietSince = Date.now();
    let last = progress();
    while (Date.now() - started < timeoutMs) {
      const { rows } = await client.query<{ n: number }>(
        'select count(*)::int as n from outbox where published_at is null',
      );
      let ready = 0;
      for (const queue of queues) ready += (await channel.checkQueue(queue)).messageCount;
      const now = progress();
      if (rows[0]!.n > 0 || ready > 0 || now !== last) quietSince = Date.now();
      last = now;
      if (Date.now() - quietSince >= quietMs) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return (Date.now() - started) / 1000;
  } finally {
    await client.end();
    await connection.close();
  }
}
