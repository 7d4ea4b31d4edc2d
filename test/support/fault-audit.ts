import pg from 'pg';
import { topicMatches } from '../../src/adapters/bus/topic-pattern.ts';
import { CONSUMER_GROUPS } from '../../src/composition/consumer-groups.ts';
import type { AuditFigures } from './order-audit.ts';

/** What the fault suite checks beyond the orders themselves (see order-audit.ts for those). */
export interface SystemAudit {
  /** Outbox rows not yet published. */
  unpublished: number;
  /** Per consumer group that records what it applied: messages its topics took, applied, missing. */
  groups: { group: string; expected: number; applied: number; missing: string[] }[];
  /** Order streams with events but no outbox row (a half-written order). */
  withoutOutbox: string[];
  /** Stock or capacity counters below zero, or a kitchen's load differing from its held slots. */
  counters: string[];
  /** Notification deliveries (one per event, channel and device) not delivered, or delivered more than once (receipts). */
  notifications: {
    deliveries: number;
    emails: string[];
    /** Deliveries with an attempt that got no provider answer (a timeout, a dropped connection). */
    cutOff: string[];
    notSent: string[];
    sentTwice: string[];
  };
  /** Each user's live feed: event ids by position. */
  feeds: Map<string, string[]>;
}

/** Reads the whole system's bookkeeping straight from the database. */
export async function auditSystem(databaseUrl: string): Promise<SystemAudit> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const q = async <R extends pg.QueryResultRow>(text: string) => (await client.query<R>(text)).rows;
    const outbox = await q<{ message_id: string; topic: string; published: boolean }>(
      'select message_id::text, topic, published_at is not null as published from outbox',
    );
    const processed = await q<{ consumer: string; message_id: string }>(
      'select consumer, message_id::text from processed_messages',
    );
    const byConsumer = new Map<string, Set<string>>();
    for (const row of processed) {
      const set = byConsumer.get(row.consumer) ?? new Set<string>();
      set.add(row.message_id);
      byConsumer.set(row.consumer, set);
    }
    const groups = CONSUMER_GROUPS.filter(({ group }) => byConsumer.has(group)).map(({ group, topics }) => {
      const expected = outbox.filter((m) => topics.some((t) => topicMatches(t, m.topic)));
      const applied = byConsumer.get(group)!;
      return {
        group,
        expected: expected.length,
        applied: applied.size,
        missing: expected.filter((m) => !applied.has(m.message_id)).map((m) => m.message_id),
      };
    });
    const withoutOutbox = (
      await q<{ stream_id: string }>(
        `select s.stream_id from streams s
          where s.stream_id like 'order-%'
            and not exists (select 1 from outbox o where o.message_key = substr(s.stream_id, 7))`,
      )
    ).map((r) => r.stream_id);
    const counters = [
      ...(await q<{ what: string }>(`select 'product ' || id as what from products where stock < 0`)),
      ...(await q<{ what: string }>(
        `select 'stock ' || food_point_id || '/' || ingredient as what from food_point_stock where quantity < 0`,
      )),
      ...(await q<{ what: string }>(
        `select 'kitchen ' || p.id || ' holds ' || p.in_kitchen || ' of ' || p.capacity || ', slots held '
                || (select count(*) from fulfilment_orders f where f.food_point_id = p.id and f.holds_slot) as what
           from food_points p
          where p.in_kitchen < 0 or p.in_kitchen > p.capacity
             or p.in_kitchen <> (select count(*) from fulfilment_orders f where f.food_point_id = p.id and f.holds_slot)`,
      )),
    ].map((r) => r.what);
    const deliveries = await q<{ id: string; channel: string; status: string; sent: number }>(
      `select d.id::text, d.channel, d.status,
              (select count(*) from notification_receipts r where r.delivery_id = d.id and r.outcome = 'delivered')::int as sent
         from notification_deliveries d`,
    );
    const feedRows = await q<{ user_id: string; event_id: string }>(
      'select user_id, event_id from live_updates order by user_id, position',
    );
    const feeds = new Map<string, string[]>();
    for (const row of feedRows) feeds.set(row.user_id, [...(feeds.get(row.user_id) ?? []), row.event_id]);
    return {
      unpublished: outbox.filter((m) => !m.published).length,
      groups,
      withoutOutbox,
      counters,
      notifications: {
        deliveries: deliveries.length,
        emails: deliveries.filter((d) => d.channel === 'email').map((d) => d.id),
        cutOff: (
          await q<{ delivery_id: string }>(
            `select distinct delivery_id::text from notification_receipts
              where outcome in ('retry', 'failed') and provider_status is null`,
          )
        ).map((r) => r.delivery_id),
        notSent: deliveries.filter((d) => d.status !== 'delivered' || d.sent === 0).map((d) => d.id),
        sentTwice: deliveries.filter((d) => d.sent > 1).map((d) => d.id),
      },
      feeds,
    };
  } finally {
    await client.end();
  }
}

/** The read model's rows, comparable across a rebuild (without the rebuild's own timestamps). */
export async function readModelSnapshot(databaseUrl: string): Promise<Map<string, string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ order_id: string; row: string }>(
      `select order_id::text, (to_jsonb(s) - 'updated_at')::text as row from order_summaries s`,
    );
    return new Map(rows.map((r) => [r.order_id, r.row]));
  } finally {
    await client.end();
  }
}

/** Cuts every connection the test database has (the test's own admin connection excepted). */
export async function terminateBackends(adminUrl: string, database: string): Promise<number> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
        where datname = $1 and pid <> pg_backend_pid()`,
      [database],
    );
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

/** What the SMTP server got, held against the e-mail deliveries and the kills of senders. */
export interface LetterAudit {
  /** Letters whose Message-ID names no e-mail delivery. */
  unknown: string[];
  /** E-mail deliveries the server never got. */
  missing: string[];
  /** Deliveries the server got more than once. */
  resent: string[];
  /** Of those, the ones with two copies not separated by the kill of a sender: a real double send. */
  unexplained: string[];
}

/**
 * A letter may reach the SMTP server twice only when an attempt was cut off after the server
 * took it and before the sender knew: its sender was killed before the receipt was stored (the
 * lease expires, another worker sends it again), or the attempt ended without the server's
 * answer (a timeout or a dropped connection after the data went out, recorded as a retry with
 * no provider status). That is at-least-once towards SMTP. Each letter's Message-ID is
 * `<delivery id@…>`, the same on every attempt, so for every further copy there must be a kill
 * of a notifications process between it and the copy before, or a cut-off attempt of that very
 * delivery. Anything else is a double send the system could have avoided.
 */
export function auditLetters(
  received: readonly { messageId: string | undefined; at: number }[],
  emailDeliveries: readonly string[],
  senderKills: readonly number[],
  cutOffDeliveries: readonly string[] = [],
): LetterAudit {
  const cutOff = new Set(cutOffDeliveries);
  const copies = new Map<string, number[]>();
  const unknown: string[] = [];
  const known = new Set(emailDeliveries);
  for (const letter of received) {
    const id = /^<([^@>]+)@/.exec(letter.messageId ?? '')?.[1];
    if (id === undefined || !known.has(id)) {
      unknown.push(letter.messageId ?? '(no Message-ID)');
      continue;
    }
    copies.set(id, [...(copies.get(id) ?? []), letter.at]);
  }
  const resent = [...copies].filter(([, times]) => times.length > 1);
  const explained = (times: number[]) =>
    times
      .sort((a, b) => a - b)
      .slice(1)
      .every((at, i) => senderKills.some((kill) => kill >= times[i]! && kill <= at));
  return {
    unknown,
    missing: emailDeliveries.filter((id) => !copies.has(id)),
    resent: resent.map(([id]) => id),
    unexplained: resent.filter(([id, times]) => !cutOff.has(id) && !explained(times)).map(([id]) => id),
  };
}

/**
 * Where undelivered notifications stand, for the fault suite's report when it does not settle:
 * deliveries by channel and status, whether their lease or retry time is past, their attempts,
 * and the outcomes their receipts recorded.
 */
export async function describeUndelivered(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ line: string }>(
      `select line || ': ' || count(*) as line
         from (select d.channel || ' ' || d.status
                      || case when d.next_attempt_at > now() then ' due later' else ' due' end
                      || ', attempts ' || d.attempts
                      || ', receipts [' || coalesce((select string_agg(r.outcome || coalesce(':' || r.error_code, ''), ' ' order by r.attempted_at)
                                                      from notification_receipts r where r.delivery_id = d.id), '') || ']' as line
                 from notification_deliveries d
                where d.status <> 'delivered'
                   or not exists (select 1 from notification_receipts r where r.delivery_id = d.id and r.outcome = 'delivered')) u
        group by line
        order by count(*) desc
        limit 40`,
    );
    return rows.map((r) => r.line);
  } finally {
    await client.end();
  }
}

/**
 * What is still on its way after a fault run: orders lost or behind, payments mid-way, messages
 * unpublished or not yet applied by a group, letters unsent, socket updates missing. The runs
 * wait for it to reach 0 before their audit.
 */
export function stillOpen(
  orders: AuditFigures,
  system: SystemAudit,
  sockets: readonly { missingFrom(feeds: SystemAudit['feeds']): string[] }[],
): number {
  return (
    orders.lost.length +
    orders.behind.length +
    orders.debited +
    system.unpublished +
    system.groups.reduce((n, g) => n + g.missing.length, 0) +
    system.notifications.notSent.length +
    sockets.reduce((n, s) => n + s.missingFrom(system.feeds).length, 0)
  );
}
