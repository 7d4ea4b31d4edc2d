import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type CpuSpec, type CpuUse, cpuDuring } from './cpu.ts';
import { withClient } from './infra.ts';
import { BENCH_BUYER_ID, BENCH_BUYERS } from './server.ts';

export const PGBENCH = process.env.PGBENCH ?? '/usr/bin/pgbench';
/**
 * How pgbench sends its statements: `prepared` (parsed and planned once per client, as the
 * server's recurring statements are since 2026-12-01) unless BENCH_PGBENCH_PROTOCOL says
 * `extended` (parsed every time, as the server sent them before).
 */
export const PGBENCH_PROTOCOL = process.env.BENCH_PGBENCH_PROTOCOL === 'extended' ? 'extended' : 'prepared';

export type PgbenchVariant =
  | 'hot'
  | 'spread'
  | 'hot, stock update last'
  | 'spread, one by one'
  | (string & {});

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
 * them with `log_statement = 'all'`): one transaction, in one pipeline (the server writes BEGIN,
 * the statements answered later and the reservation with its COMMIT in one write, 2026-12-01),
 * that creates the stream, appends 2 events and writes the outbox row (one statement), indexes
 * the order as unpaid within the buyer's caps (one statement: the buyer's holdings row, held
 * until COMMIT, then the unpaid-order row) and reserves stock. The availability check's product
 * read is not in it: the server keeps products for `PRODUCT_CACHE_TTL_MS` (5 s), so it reads one
 * product once per 5 s, not once per order (its re-check of name, price and currency in the
 * reservation is left out too: three comparisons on the row the update has in hand). The buyer
 * is one of the bench's `:buyers` buyers, at random. Ids are `gen_random_uuid()` (the order's
 * from two random numbers, since a pipeline cannot hand one statement's result to the next);
 * JSON bodies are real ones taken from the API run (same sizes). Product ids are `bench-<p>`, p
 * drawn from [lo, hi]. `stockLast` moves the reservation to just before COMMIT, as the server
 * does; without it the row stays locked through the inserts.
 *
 * `oneByOne` gives the script as it was before 2026-12-01: the product read first, then each
 * statement waiting for the one before (what the server sent until then).
 *
 * A database without `unpaid_holdings` was written by the code before it (a `BENCH_SERVER_REF`
 * run of an older commit): `legacy` gives that code's statements, the buyer's advisory lock and
 * a count of their unpaid orders at the start of the transaction.
 */
export function orderScript(stockLast = false, legacy = false, oneByOne = legacy): string {
  if (!oneByOne && !legacy) return pipelinedOrderScript(stockLast);
  const reserve = `update products set stock = stock - :qty, updated_at = now()
  where id = 'bench-' || :p and stock >= :qty;`;
  const unpaid = legacy
    ? `insert into unpaid_orders (order_id, customer_id, created_at, units) values (:order_id, ${BENCH_BUYER_ID}, now(), 1)
  on conflict (order_id) do nothing;`
    : `${heldCte(':order_id::uuid')}
  insert into unpaid_orders (order_id, customer_id, created_at, units)
  select :order_id::uuid, customer_id, now(), 1::int from held;`;
  return [
    '\\set p random(:lo, :hi)',
    '\\set b random(1, :buyers)',
    '\\set qty 1',
    `select id, name, category, price, currency, stock from products where id in ('bench-' || :p);`,
    'begin;',
    stockLast ? '' : reserve,
    legacy ? `select pg_advisory_xact_lock(hashtextextended('unpaid-orders:' || ${BENCH_BUYER_ID}, 0));` : '',
    legacy
      ? `select count(*) as n, coalesce(sum(units), 0) as units from unpaid_orders where customer_id = ${BENCH_BUYER_ID};`
      : '',
    legacy ? LEGACY_CREATE_STREAM : createStream(`'order.created'`, ':payload'),
    legacy
      ? `insert into outbox (message_id, topic, message_key, payload, headers)
  values (gen_random_uuid(), 'order.created', :order_id, :payload, :headers);`
      : '',
    unpaid,
    stockLast ? reserve : '',
    'commit;',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The order's id in the pipelined scripts: the same uuid in every statement, from `:u1` and `:u2`. */
export const ORDER_ID = `(lpad(to_hex(:u1::bigint), 16, '0') || lpad(to_hex(:u2::bigint), 16, '0'))::uuid`;

/**
 * How a pipelined order script begins: the product (`:p`), the buyer (`:b`), the quantity, the
 * two random numbers `ORDER_ID` is made of, and the transaction's pipeline opened.
 */
export const PIPELINED_ORDER_START = [
  '\\set p random(:lo, :hi)',
  '\\set b random(1, :buyers)',
  '\\set qty 1',
  '\\set u1 random(0, 9223372036854775806)',
  '\\set u2 random(0, 9223372036854775806)',
  '\\startpipeline',
  'begin;',
];

/**
 * The reservation as the server's last statement: unguarded (the stock check constraint refuses
 * an overdraft), failing on a missing product.
 */
export const PIPELINED_RESERVE = `with decremented as (
    update products set stock = stock - :qty, updated_at = now() where id = 'bench-' || :p returning 1
  )
  select 1 / (select count(*)::int from decremented) as reserved;`;

/** The order's stream created with its two events and `order.created` (or `topic`), failing when it writes nothing. */
export const pipelinedCreate = (topic = `'order.created'`, payload = ':payload') =>
  `${appendCtes(`'order-' || ${ORDER_ID}`, topic, payload, '1')}
  select 1 / (select count(*)::int from written) as appended;`;

function pipelinedOrderScript(stockLast: boolean): string {
  const reserve = PIPELINED_RESERVE;
  const unpaid = `${heldCte(ORDER_ID)}, added as (
    insert into unpaid_orders (order_id, customer_id, created_at, units)
    select ${ORDER_ID}, customer_id, now(), 1::int from held
    returning 1
  )
  select 1 / ((select count(*)::int from added)
            + (select count(*)::int from unpaid_orders where order_id = ${ORDER_ID})) as indexed;`;
  const append = pipelinedCreate();
  return [
    ...PIPELINED_ORDER_START,
    stockLast ? '' : reserve,
    append,
    unpaid,
    stockLast ? reserve : '',
    'commit;',
    '\\endpipeline',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * How the event store appends an order's first two events: one statement that claims the new
 * stream and inserts the events, and the `order.created` outbox row with them, only if the claim
 * returned a row (`PostgresEventStore.append` with its announcements). pgbench's `\gset` needs
 * one row, so the positions the server reads are folded into one here. `topic` and `payload`
 * are SQL (literals or pgbench variables) for the outbox row.
 */
export function createStream(topic: string, payload: string): string {
  return `${appendCtes(`'order-' || gen_random_uuid()`, topic, payload, 'stream_id, position')}
  select stream_id, substr(stream_id, 7) as order_id, max(position) as position from written group by stream_id \\gset`;
}

/**
 * The append's common table expressions (`claimed`, `announced`, `written`) for a new stream
 * `streamId` (SQL) with the order's two events; `written` returns `returning`.
 */
function appendCtes(streamId: string, topic: string, payload: string, returning: string): string {
  return `with claimed as (
    insert into streams (stream_id, stream_type, version) values (${streamId}, 'order', 2)
    on conflict (stream_id) do nothing returning stream_id
  ), announced as (
    insert into outbox (message_id, topic, message_key, payload, headers)
    select gen_random_uuid(), ${topic}::text, substr(c.stream_id, 7), ${payload}::jsonb, :headers::jsonb from claimed c
  ), written as (
    insert into events (stream_id, version, event_id, event_type, data, metadata)
    select c.stream_id, e.version, gen_random_uuid(), e.event_type, e.data, e.metadata
      from claimed c, (values (1::int, 'OrderCreated'::text, :created::jsonb, :meta::jsonb),
                              (2, 'OrderSubscriptionAdded', :subscribed::jsonb, :meta::jsonb))
           as e (version, event_type, data, metadata)
     order by e.version
    returning ${returning}
  )`;
}

/** The buyer's holdings row taken within the caps (`held`), for the order `orderId` (SQL). */
function heldCte(orderId: string): string {
  return `with held as (
    insert into unpaid_holdings (customer_id, orders, units)
    select ${BENCH_BUYER_ID}, 1, 1::int
    where not exists (select 1 from unpaid_orders where order_id = ${orderId}) and 1::int <= 100000000
    on conflict (customer_id) do update
      set orders = unpaid_holdings.orders + 1, units = unpaid_holdings.units + excluded.units
      where unpaid_holdings.orders < 1000000 and unpaid_holdings.units + excluded.units <= 100000000
    returning customer_id
  )`;
}

/**
 * The same two events as the code before 2026-11-30 appended them: the claim, then the insert
 * (and the outbox row after them).
 */
export const LEGACY_CREATE_STREAM = `insert into streams (stream_id, stream_type, version) values ('order-' || gen_random_uuid(), 'order', 2)
  on conflict (stream_id) do nothing returning stream_id, substr(stream_id, 7) as order_id, version \\gset
insert into events (stream_id, version, event_id, event_type, data, metadata) values
  (:stream_id, 1, gen_random_uuid(), 'OrderCreated', :created, :meta),
  (:stream_id, 2, gen_random_uuid(), 'OrderSubscriptionAdded', :subscribed, :meta) returning position;`;

/** Whether `databaseUrl` was written by the code before `unpaid_holdings` (see `orderScript`). */
export async function legacySchema(databaseUrl: string): Promise<boolean> {
  return withClient(databaseUrl, async (c) => {
    const { rows } = await c.query<{ t: string | null }>(`select to_regclass('unpaid_holdings')::text as t`);
    return rows[0]?.t == null;
  });
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
      `${
        options.script ??
        orderScript(
          options.variant.startsWith('hot, stock update last'),
          await legacySchema(databaseUrl),
          options.variant.endsWith('one by one'),
        )
      }\n`,
    );
    const vars = {
      ...json,
      lo: String(options.products[0]),
      hi: String(options.products[1]),
      buyers: String(BENCH_BUYERS),
    };
    const args = [
      ...['-n', '-M', PGBENCH_PROTOCOL, '-f', script],
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
