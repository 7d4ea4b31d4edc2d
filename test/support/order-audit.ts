import pg from 'pg';

export interface AuditFigures {
  /** Orders answered 2xx that the read model lacks or shows at another status than their last. */
  lost: string[];
  /** Orders whose view applied an event twice, or whose stream was confirmed or paid twice. */
  duplicated: string[];
  /** Order streams (answered or not) the read model is behind on. */
  behind: string[];
  /** Orders with an OrderPaid event that are not CONFIRMED in the read model. */
  paidNotConfirmed: string[];
  /** Payments still between debit and "paid". */
  debited: number;
  /** Wallets whose balance differs from the sum of their ledger. */
  walletsOff: string[];
}

interface ViewRow {
  order_id: string;
  status: string;
  version: number;
  history: { event_id: string; status: string }[];
}

/**
 * Compares the read model with the event store and the wallets with their ledger, straight
 * from the database, for a test that has just run orders through killed and restarted roles.
 * `accepted` maps each order that got a 2xx to the status its last 2xx answer implied.
 */
export async function auditOrders(
  databaseUrl: string,
  accepted: ReadonlyMap<string, string>,
  finalStatus: (answered: string) => string,
): Promise<AuditFigures> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const views = new Map(
      (
        await client.query<ViewRow>('select order_id::text, status, version, history from order_summaries')
      ).rows.map((row) => [row.order_id, row]),
    );
    const streams = (
      await client.query<{ order_id: string; version: number; paid: number; confirmed: number }>(
        `select substr(s.stream_id, 7) as order_id, s.version,
                count(*) filter (where e.event_type = 'OrderPaid')::int as paid,
                count(*) filter (where e.event_type = 'OrderConfirmed')::int as confirmed
           from streams s join events e using (stream_id)
          where s.stream_id like 'order-%'
          group by s.stream_id, s.version`,
      )
    ).rows;
    const lost = [...accepted]
      .filter(([id, answered]) => views.get(id)?.status !== finalStatus(answered))
      .map(([id]) => id);
    const duplicated = new Set<string>();
    for (const view of views.values()) {
      const ids = view.history.map((h) => h.event_id);
      if (new Set(ids).size !== ids.length) duplicated.add(view.order_id);
    }
    for (const s of streams) if (s.paid > 1 || s.confirmed > 1) duplicated.add(s.order_id);
    const behind = streams.filter((s) => views.get(s.order_id)?.version !== s.version).map((s) => s.order_id);
    const paidNotConfirmed = streams
      .filter((s) => s.paid > 0 && views.get(s.order_id)?.status !== 'CONFIRMED')
      .map((s) => s.order_id);
    const debited = (
      await client.query<{ n: number }>(`select count(*)::int as n from payments where status = 'DEBITED'`)
    ).rows[0]!.n;
    const walletsOff = (
      await client.query<{ customer_id: string }>(
        `select w.customer_id from wallets w
           left join wallet_operations o using (customer_id)
          group by w.customer_id, w.balance
         having w.balance <> coalesce(sum(o.amount), 0)`,
      )
    ).rows.map((r) => r.customer_id);
    return { lost, duplicated: [...duplicated], behind, paidNotConfirmed, debited, walletsOff };
  } finally {
    await client.end();
  }
}
