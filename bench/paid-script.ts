import { withClient } from './infra.ts';
import {
  createStream,
  ORDER_ID,
  PIPELINED_ORDER_START,
  PIPELINED_RESERVE,
  pipelinedCreate,
} from './pgbench.ts';
import { BENCH_BUYER_ID } from './server.ts';

/**
 * What one paid `POST /api/v1/orders` (`payment: {method: "wallet"}`, AUTO_CONFIRM off) sends to
 * PostgreSQL now (2026-12-01, read off `npx tsx bench/trace.ts paid`): one transaction in two
 * writes, each a pipeline (the wallet's currency is not read first: the debit refuses another). The first: BEGIN, the order's stream
 * with its 2 events and outbox row (one statement, failing when it writes nothing), and the
 * debit (one statement: the operation looked up, the wallet updated, the operation inserted),
 * whose answer the server waits for. The second: the payment record, COMPLETED (failing when the
 * order has one already), OrderPaid appended at version 3 (one statement), the stock reservation,
 * COMMIT. The product read is not sent: the server keeps products for `PRODUCT_CACHE_TTL_MS`.
 * The order's id comes from two random numbers (`ORDER_ID`), since a pipeline cannot hand one
 * statement's result to the next. `oneByOne` gives `paidScriptOneByOne`, as the server sent it
 * before.
 */
export function paidScript(legacy = false, oneByOne = legacy): string {
  if (legacy) return legacyPaidScript();
  if (oneByOne) return paidScriptOneByOne();
  const paidAppend = `with claimed as (
    update streams set version = 3, updated_at = now() where stream_id = 'order-' || ${ORDER_ID} and version = 2 returning stream_id
  ), announced as (
    insert into outbox (message_id, topic, message_key, payload, headers)
    select gen_random_uuid(), :paid_topic::text, ${ORDER_ID}::text, :paid_payload::jsonb, :headers::jsonb from claimed
  ), written as (
    insert into events (stream_id, version, event_id, event_type, data, metadata)
    select c.stream_id, e.version, e.event_id, e.event_type, e.data, e.metadata
      from claimed c, (values (3::int, gen_random_uuid(), :paid_type::text, :paid::jsonb, :meta::jsonb))
           as e (version, event_id, event_type, data, metadata)
     order by e.version
    returning 1
  )
  select 1 / (select count(*)::int from written) as appended;`;
  return [
    ...PIPELINED_ORDER_START,
    pipelinedCreate(':created_topic', ':created_payload'),
    `with existing as (
    select id, customer_id, kind, amount, order_id, created_at from wallet_operations
    where order_id = ${ORDER_ID} and kind = 'debit'
  ), moved as (
    update wallets set balance = balance + (-450)::int, updated_at = now()
    where customer_id = ${BENCH_BUYER_ID} and currency = 'EUR'
      and balance + (-450)::bigint between 0 and 9000000000000000
      and not exists (select 1 from existing)
    returning balance
  ), inserted as (
    insert into wallet_operations (id, customer_id, kind, amount, order_id)
    select gen_random_uuid(), ${BENCH_BUYER_ID}, 'debit', (-450)::int, ${ORDER_ID}
    from moved
    on conflict (order_id, kind) where order_id is not null do nothing
    returning id, customer_id, kind, amount, order_id, created_at
  )
  select 'existing' as outcome, e.*, null::int as balance from existing e
  union all
  select 'inserted', i.*, (select balance from moved) from inserted i
  union all
  select 'moved', null::uuid, null::text, null::text, null::int, null::uuid, null::timestamptz, balance
    from moved where not exists (select 1 from inserted);`,
    '\\endpipeline',
    '\\startpipeline',
    `with started as (
    insert into payments (order_id, customer_id, amount, currency, operation_id, status)
    values (${ORDER_ID}, ${BENCH_BUYER_ID}, 450, 'EUR', gen_random_uuid(), 'COMPLETED')
    on conflict (order_id) do nothing returning 1
  )
  select 1 / (select count(*)::int from started) as started;`,
    paidAppend,
    PIPELINED_RESERVE,
    'commit;',
    '\\endpipeline',
  ].join('\n');
}

/**
 * What one paid order sent until 2026-12-01 (`paidScript(false, true)`), statement for statement
 * as logged with `log_statement = 'all'` in a throwaway run
 * (`npx tsx bench/trace.ts paid`), each waiting for the one before: the availability and balance reads, then one transaction:
 * the stream, its 2 events and their outbox row (one statement); the debit (operation lookup,
 * wallet update, operation insert); the payment record, COMPLETED at once; OrderPaid appended at
 * the version just written (version bump, event, outbox row: one statement); the stock
 * reservation last. No unpaid-order row (the order never
 * waits for payment). The buyer is one of the bench's buyers at random (`:b`, their wallets
 * topped up by the API run). Values that the server computes are fixed here; JSON bodies are
 * copied from a paid order of the API run (same sizes).
 *
 * Each append is one statement (the stream claimed, the events inserted only then). `legacy`: the statements of the code before (a database without `unpaid_holdings`, from a
 * `BENCH_SERVER_REF` run of an older commit): three transactions, 25 statements — the order's
 * (with the unpaid-order row), the debit's, then the settling one, the stream read back twice.
 */
function paidScriptOneByOne(): string {
  return `\\set p random(:lo, :hi)
\\set b random(1, :buyers)
\\set qty 1
select id, name, category, price, currency, stock from products where id in ('bench-' || :p);
select customer_id, currency, balance from wallets where customer_id = ${BENCH_BUYER_ID};
begin;
${createStream(':created_topic', ':created_payload')}
select * from wallet_operations where order_id = :order_id and kind = 'debit';
update wallets set balance = balance + (-450), updated_at = now()
  where customer_id = ${BENCH_BUYER_ID} and currency = 'EUR' and balance + (-450)::bigint between 0 and 9000000000000000 returning balance;
insert into wallet_operations (id, customer_id, kind, amount, order_id)
  values (gen_random_uuid(), ${BENCH_BUYER_ID}, 'debit', -450, :order_id)
  on conflict (order_id, kind) where order_id is not null do nothing returning *;
insert into payments (order_id, customer_id, amount, currency, operation_id, status)
  values (:order_id, ${BENCH_BUYER_ID}, 450, 'EUR', gen_random_uuid(), 'COMPLETED') on conflict (order_id) do nothing;
with claimed as (
    update streams set version = 3, updated_at = now() where stream_id = :stream_id and version = 2 returning stream_id
  ), announced as (
    insert into outbox (message_id, topic, message_key, payload, headers)
    select gen_random_uuid(), :paid_topic::text, :order_id, :paid_payload::jsonb, :headers::jsonb from claimed
  )
  insert into events (stream_id, version, event_id, event_type, data, metadata)
  select c.stream_id, e.version, e.event_id, e.event_type, e.data, e.metadata
    from claimed c, (values (3::int, gen_random_uuid(), :paid_type::text, :paid::jsonb, :meta::jsonb))
         as e (version, event_id, event_type, data, metadata)
   order by e.version
  returning position;
update products set stock = stock - :qty, updated_at = now() where id = 'bench-' || :p and stock >= :qty;
commit;`;
}

/** The 25 statements of the three-transaction payment (see `paidScript`). */
function legacyPaidScript(): string {
  return `\\set p random(:lo, :hi)
\\set b random(1, :buyers)
\\set qty 1
select id, name, category, price, currency, stock from products where id in ('bench-' || :p);
select customer_id, currency, balance from wallets where customer_id = ${BENCH_BUYER_ID};
begin;
insert into streams (stream_id, stream_type, version) values ('order-' || gen_random_uuid(), 'order', 2)
  on conflict (stream_id) do nothing returning stream_id, substr(stream_id, 7) as order_id, version \\gset
insert into events (stream_id, version, event_id, event_type, data, metadata) values
  (:stream_id, 1, gen_random_uuid(), 'OrderCreated', :created, :meta),
  (:stream_id, 2, gen_random_uuid(), 'OrderSubscriptionAdded', :subscribed, :meta) returning position;
insert into outbox (message_id, topic, message_key, payload, headers)
  values (gen_random_uuid(), :created_topic, :order_id, :created_payload, :headers);
insert into unpaid_orders (order_id, customer_id, created_at, units) values (:order_id, ${BENCH_BUYER_ID}, now(), 1)
  on conflict (order_id) do nothing;
update products set stock = stock - :qty, updated_at = now() where id = 'bench-' || :p and stock >= :qty;
commit;
select *, tx_id::text as tx from events where stream_id = :stream_id and version > 0 order by version;
begin;
insert into payments (order_id, customer_id, amount, currency, operation_id, status)
  values (:order_id, ${BENCH_BUYER_ID}, 450, 'EUR', gen_random_uuid(), 'DEBITED') on conflict (order_id) do nothing;
select * from wallet_operations where order_id = :order_id and kind = 'debit';
update wallets set balance = balance + (-450), updated_at = now()
  where customer_id = ${BENCH_BUYER_ID} and currency = 'EUR' and balance + (-450)::bigint between 0 and 9000000000000000 returning balance;
insert into wallet_operations (id, customer_id, kind, amount, order_id)
  values (gen_random_uuid(), ${BENCH_BUYER_ID}, 'debit', -450, :order_id)
  on conflict (order_id, kind) where order_id is not null do nothing returning *;
commit;
begin;
select order_id, customer_id, amount, currency, operation_id, status from payments where order_id = :order_id for update;
select *, tx_id::text as tx from events where stream_id = :stream_id and version > 2 order by version;
update streams set version = 3, updated_at = now() where stream_id = :stream_id and version = 2 returning version;
insert into events (stream_id, version, event_id, event_type, data, metadata)
  values (:stream_id, 3, gen_random_uuid(), :paid_type, :paid, :meta) returning position;
insert into outbox (message_id, topic, message_key, payload, headers)
  values (gen_random_uuid(), :paid_topic, :order_id, :paid_payload, :headers);
delete from unpaid_orders where order_id = :order_id;
update payments set status = 'COMPLETED', updated_at = now() where order_id = :order_id and status in ('DEBITED');
commit;`;
}

/** JSON values and names of one paid order in `databaseUrl` (pgbench `-D` variables of `paidScript`). */
export async function samplePaidJson(databaseUrl: string): Promise<Record<string, string>> {
  return withClient(databaseUrl, async (c) => {
    const stream = await c.query<{ stream_id: string }>(
      `select stream_id from streams where stream_type = 'order' and version >= 3 limit 1`,
    );
    const id = stream.rows[0]?.stream_id;
    if (!id) throw new Error('no paid order in the database to copy JSON from');
    const events = await c.query<{ event_type: string; data: string; metadata: string }>(
      'select event_type, data::text, metadata::text from events where stream_id = $1 order by version',
      [id],
    );
    const outbox = await c.query<{ topic: string; payload: string; headers: string }>(
      `select topic, payload::text, headers::text from outbox where $1 in (message_key, 'order-' || message_key) order by id`,
      [id],
    );
    const buyer = await c.query<{ customer_id: string }>('select customer_id from payments limit 1');
    const [created, subscribed, paid] = events.rows;
    const [createdMessage, paidMessage] = outbox.rows;
    if (!created || !subscribed || !paid || !createdMessage || !paidMessage || !buyer.rows[0])
      throw new Error(`paid order ${id}: events or outbox rows missing`);
    return {
      buyer: buyer.rows[0].customer_id,
      created: created.data,
      subscribed: subscribed.data,
      meta: created.metadata,
      paid_type: paid.event_type,
      paid: paid.data,
      created_topic: createdMessage.topic,
      created_payload: createdMessage.payload,
      paid_topic: paidMessage.topic,
      paid_payload: paidMessage.payload,
      headers: createdMessage.headers,
    };
  });
}
