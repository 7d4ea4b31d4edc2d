import { withClient } from './infra.ts';
import { BENCH_CARRIER } from './webhook-setup.ts';

/**
 * What one carrier webhook (`POST /api/v1/webhooks/carriers/{carrier}`, status applied) sends to
 * PostgreSQL, as logged with `log_statement = 'all'` (`npx tsx bench/trace.ts webhook`): one
 * transaction in two writes, each a pipeline (2026-12-01). The first: BEGIN, the shipment
 * locked, the order's events read (under the lock); the server waits for both answers. The
 * second: the webhook recorded (its webhook-id is the dedupe key: a replay inserts nothing and
 * divides by zero, which refuses the rest), the stream's version bumped with one event and one
 * outbox message (one statement, which also fails when it writes nothing), and COMMIT. The
 * carrier and its secrets come from the process's cache (`CARRIER_CACHE_TTL_MS`, read once per
 * 5 s: left out). The order is one of the run's handed-over orders, picked at random from
 * `bench_webhook_orders` (one extra indexed SELECT, before the transaction, that the server
 * does not send); the stream version is bumped relative (`version + 1`) since pgbench repeats
 * orders.
 *
 * `oneByOne`: the same statements each waiting for the one before, as the server sent them
 * until 2026-12-01 (four round trips in the transaction, not two). `legacy`: the code before
 * that (a database without `unpaid_holdings`, from a `BENCH_SERVER_REF` run of an older commit)
 * also read the carrier for every webhook, looked the webhook-id up before recording it, and
 * read the events again before the append: 11 statements, not 8.
 */
export function webhookScript(legacy = false, oneByOne = legacy): string {
  if (!oneByOne && !legacy) return pipelinedWebhookScript();
  return [
    ...PICK_ORDER,
    legacy ? `select * from carriers where carrier_id = '${BENCH_CARRIER}';` : '',
    'begin;',
    LOCK,
    READ_EVENTS,
    legacy
      ? `select webhook_id from shipment_updates where carrier_id = '${BENCH_CARRIER}' and webhook_id = 'msg_' || gen_random_uuid();`
      : '',
    `${RECORD} returning webhook_id;`,
    legacy
      ? 'select *, tx_id::text as tx from events where stream_id = :stream_id and version > 100000 order by version;'
      : '',
    legacy
      ? `update streams set version = version + 1, updated_at = now() where stream_id = :stream_id returning version \\gset
insert into events (stream_id, version, event_id, event_type, data, metadata)
  values (:stream_id, :version, gen_random_uuid(), :event_type, :data, :meta) returning position;`
      : `${APPEND}
  ${INSERT_EVENT}
  returning position;`,
    legacy
      ? `insert into outbox (message_id, topic, message_key, payload, headers)
  values (gen_random_uuid(), :topic, :order_id, :payload, :headers);`
      : '',
    'commit;',
  ]
    .filter(Boolean)
    .join('\n');
}

const PICK_ORDER = [
  '\\set n random(1, :orders)',
  'select stream_id, order_id from bench_webhook_orders where n = :n \\gset',
];
const LOCK =
  'select order_id, carrier_id, tracking_number, created_by, created_at from shipments where order_id = :order_id for update;';
const READ_EVENTS =
  'select *, tx_id::text as tx from events where stream_id = :stream_id and version > 0 order by version;';
const RECORD = `insert into shipment_updates (carrier_id, webhook_id, order_id, carrier_status, mapped_status, tracking_number, occurred_at, received_at, outcome)
  values ('${BENCH_CARRIER}', 'msg_' || gen_random_uuid(), :order_id, 'SHIPPED', 'IN_DELIVERY', null, now(), now(), :outcome)
  on conflict (carrier_id, webhook_id) do nothing`;
const APPEND = `with claimed as (
    update streams set version = version + 1, updated_at = now() where stream_id = :stream_id returning stream_id, version
  ), announced as (
    insert into outbox (message_id, topic, message_key, payload, headers)
    select gen_random_uuid(), :topic::text, :order_id, :payload::jsonb, :headers::jsonb from claimed
  )`;

/** The event the append inserts, at the version `claimed` bumped to. */
const INSERT_EVENT = `insert into events (stream_id, version, event_id, event_type, data, metadata)
  select c.stream_id, c.version, gen_random_uuid(), :event_type::text, :data::jsonb, :meta::jsonb
    from claimed c`;

/** The server's two writes (see `webhookScript`). */
function pipelinedWebhookScript(): string {
  return [
    ...PICK_ORDER,
    '\\startpipeline',
    'begin;',
    LOCK,
    READ_EVENTS,
    '\\endpipeline',
    '\\startpipeline',
    `with recorded as (${RECORD} returning 1)
  select 1 / (select count(*)::int from recorded) as recorded;`,
    `${APPEND}, written as (
    ${INSERT_EVENT}
    returning 1
  )
  select 1 / (select count(*)::int from written) as appended;`,
    'commit;',
    '\\endpipeline',
  ].join('\n');
}

/**
 * Numbers the run's handed-over orders for the script, and copies one applied webhook's event
 * and outbox message (JSON of the same size) and outcome as pgbench `-D` variables.
 */
export async function prepareWebhookScript(databaseUrl: string): Promise<Record<string, string>> {
  return withClient(databaseUrl, async (c) => {
    const made = await c.query(`create table bench_webhook_orders as
      select row_number() over (order by order_id) as n, 'order-' || order_id::text as stream_id, order_id
      from shipments`);
    await c.query('create unique index on bench_webhook_orders (n)');
    const update = await c.query<{ outcome: string; order_id: string }>(
      `select outcome, order_id from shipment_updates where mapped_status = 'IN_DELIVERY' limit 1`,
    );
    const row = update.rows[0];
    if (!row || !made.rowCount) throw new Error('no applied webhook in the database to copy from');
    const event = await c.query<{ event_type: string; data: string; metadata: string; stream_id: string }>(
      `select event_type, data::text, metadata::text, stream_id from events
       where stream_id = 'order-' || $1 order by version desc limit 1`,
      [row.order_id],
    );
    const message = await c.query<{ topic: string; payload: string; headers: string }>(
      `select topic, payload::text, headers::text from outbox where message_key in ($1, $2) order by id desc limit 1`,
      [row.order_id, `order-${row.order_id}`],
    );
    const e = event.rows[0];
    const m = message.rows[0];
    if (!e || !m) throw new Error(`order ${row.order_id}: event or outbox message missing`);
    return {
      orders: String(made.rowCount),
      outcome: row.outcome,
      event_type: e.event_type,
      data: e.data,
      meta: e.metadata,
      topic: m.topic,
      payload: m.payload,
      headers: m.headers,
    };
  });
}
