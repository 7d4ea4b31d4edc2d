import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type CpuSpec, type CpuUse, cpuDuring } from './cpu.ts';
import { withClient } from './infra.ts';

export const PGBENCH = process.env.PGBENCH ?? '/usr/bin/pgbench';

export type PgbenchVariant = 'hot' | 'spread' | 'hot, stock update last' | (string & {});

export interface PgbenchRun {
  variant: PgbenchVariant;
  clients: number;
  seconds: number;
  tps: number;
  latencyMs: number;
  transactions: number;
  failed: number;
  cpu: CpuUse;
}

/**
 * What one `POST /api/v1/orders` sends to PostgreSQL (no Idempotency-Key, no payment), statement
 * for statement as Kysely emits them (checked with `npx tsx bench/trace.ts unpaid`, which logs
 * them with `log_statement = 'all'`): the availability check, then one transaction that takes the
 * buyer's advisory lock (the unpaid-orders cap; held until COMMIT, so one buyer's orders commit
 * one at a time), counts the buyer's unpaid orders, creates the stream, appends 2 events, writes
 * the outbox and the unpaid-order row, and reserves stock. Ids are `gen_random_uuid()`; JSON
 * bodies are real ones taken from the API run (same sizes). Product ids are `bench-<p>`, p drawn
 * from [lo, hi]. `stockLast` moves the reservation to just before COMMIT, as the server does;
 * without it the row stays locked through the inserts.
 */
export function orderScript(stockLast = false): string {
  const reserve = `update products set stock = stock - :qty, updated_at = now()
  where id = 'bench-' || :p and stock >= :qty;`;
  return [
    '\\set p random(:lo, :hi)',
    '\\set qty 1',
    `select id, name, category, price, currency, stock from products where id in ('bench-' || :p);`,
    'begin;',
    stockLast ? '' : reserve,
    `select pg_advisory_xact_lock(hashtextextended('unpaid-orders:' || :buyer, 0));`,
    `select count(*) as n, coalesce(sum(units), 0) as units from unpaid_orders where customer_id = :buyer;`,
    `insert into streams (stream_id, stream_type, version) values ('order-' || gen_random_uuid(), 'order', 2)
  on conflict (stream_id) do nothing returning stream_id, substr(stream_id, 7) as order_id, version \\gset`,
    `insert into events (stream_id, version, event_id, event_type, data, metadata) values
  (:stream_id, 1, gen_random_uuid(), 'OrderCreated', :created, :meta),
  (:stream_id, 2, gen_random_uuid(), 'OrderSubscriptionAdded', :subscribed, :meta) returning position;`,
    `insert into outbox (message_id, topic, message_key, payload, headers)
  values (gen_random_uuid(), 'order.created', :order_id, :payload, :headers);`,
    `insert into unpaid_orders (order_id, customer_id, created_at, units) values (:order_id, :buyer, now(), 1)
  on conflict (order_id) do nothing;`,
    stockLast ? reserve : '',
    'commit;',
  ]
    .filter(Boolean)
    .join('\n');
}

/** JSON values of one real order in `databaseUrl`, to give pgbench rows of the same size. */
export async function sampleJson(databaseUrl: string): Promise<Record<string, string>> {
  return withClient(databaseUrl, async (c) => {
    const events = await c.query<{ data: string; metadata: string }>(
      `select data::text, metadata::text from events where stream_id = (select stream_id from events limit 1) order by version`,
    );
    const outbox = await c.query<{ payload: string; headers: string }>(
      'select payload::text, headers::text from outbox limit 1',
    );
    const buyer = await c.query<{ customer_id: string }>(
      `select data->>'customer_id' as customer_id from events where event_type = 'OrderCreated' limit 1`,
    );
    const [created, subscribed] = events.rows;
    if (!created || !subscribed || !outbox.rows[0])
      throw new Error('no order in the database to copy JSON from');
    return {
      buyer: buyer.rows[0]?.customer_id ?? '',
      created: created.data,
      subscribed: subscribed.data,
      meta: created.metadata,
      payload: outbox.rows[0].payload,
      headers: outbox.rows[0].headers,
    };
  });
}

export async function runPgbench(
  databaseUrl: string,
  options: {
    variant: PgbenchRun['variant'];
    products: [number, number];
    clients: number;
    seconds: number;
    /** Another script than the order creation's (paid orders, webhooks). */
    script?: string;
  },
  json: Record<string, string>,
  cpuSpec: CpuSpec,
): Promise<PgbenchRun> {
  const dir = await mkdtemp(join(tmpdir(), 'orderflow-pgbench-'));
  try {
    const script = join(dir, 'order.sql');
    await writeFile(
      script,
      `${options.script ?? orderScript(options.variant === 'hot, stock update last')}\n`,
    );
    const vars = { ...json, lo: String(options.products[0]), hi: String(options.products[1]) };
    const args = [
      ...['-n', '-M', 'extended', '-f', script],
      ...[
        '-c',
        String(options.clients),
        '-j',
        String(Math.min(2, options.clients)),
        '-T',
        String(options.seconds),
      ],
      ...Object.entries(vars).flatMap(([k, v]) => ['-D', `${k}=${v}`]),
      databaseUrl,
    ];
    const run = promisify(execFile)(PGBENCH, args, { maxBuffer: 10 * 1024 * 1024 });
    const cpu = cpuDuring(cpuSpec, options.seconds);
    const { stdout } = await run;
    const number = (pattern: RegExp) => Number(pattern.exec(stdout)?.[1] ?? Number.NaN);
    return {
      variant: options.variant,
      clients: options.clients,
      seconds: options.seconds,
      tps: number(/tps = ([\d.]+) \(without initial connection time\)/),
      latencyMs: number(/latency average = ([\d.]+) ms/),
      transactions: number(/number of transactions actually processed: (\d+)/),
      failed: number(/number of failed transactions: (\d+)/),
      cpu: await cpu,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
