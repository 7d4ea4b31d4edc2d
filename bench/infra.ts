import { connect } from 'amqplib';
import pg from 'pg';

export const POSTGRES_ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
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
export async function createBenchDatabase(id: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `orderflow_bench_${id}`;
  await withClient(POSTGRES_ADMIN_URL, (c) => c.query(`create database ${name}`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => withClient(POSTGRES_ADMIN_URL, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => {}),
  };
}

/** Deletes what orderflow declares for namespace `ns` (exchange and queue prefix `ns.`). */
export async function deleteBrokerNamespace(ns: string): Promise<void> {
  const connection = await connect(BROKER_URL);
  try {
    for (const queue of [`${ns}.order-info`, `${ns}.order-info.dlq`]) {
      const channel = await connection.createChannel();
      await channel.deleteQueue(queue).catch(() => {});
      await channel.close().catch(() => {});
    }
    for (const exchange of [ns, `${ns}.dlx`]) {
      const channel = await connection.createChannel();
      await channel.deleteExchange(exchange).catch(() => {});
      await channel.close().catch(() => {});
    }
  } finally {
    await connection.close();
  }
}
