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
