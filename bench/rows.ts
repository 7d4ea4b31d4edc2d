import { withClient } from './infra.ts';

/** Rows inserted and updated per table, and orders (order streams) in the database, at one instant. */
export interface RowCounts {
  orders: number;
  tables: Record<string, { inserted: number; updated: number }>;
}

/**
 * Read once no other session is open on the database, so every backend has flushed its
 * statistics (PostgreSQL 15 flushes them when a backend exits at the latest).
 */
export async function rowCounts(databaseUrl: string): Promise<RowCounts> {
  return withClient(databaseUrl, async (c) => {
    for (let waited = 0; waited < 5000; waited += 100) {
      const others = await c.query<{ n: string }>(
        'select count(*)::text as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      );
      if (others.rows[0]!.n === '0') break;
      await new Promise((done) => setTimeout(done, 100));
    }
    const stats = await c.query<{ relname: string; ins: string; upd: string }>(
      'select relname, n_tup_ins::text as ins, n_tup_upd::text as upd from pg_stat_user_tables',
    );
    const orders = await c.query<{ n: string }>(
      `select count(*)::text as n from streams where stream_type = 'order'`,
    );
    return {
      orders: Number(orders.rows[0]!.n),
      tables: Object.fromEntries(
        stats.rows.map((r) => [r.relname, { inserted: Number(r.ins), updated: Number(r.upd) }]),
      ),
    };
  });
}

/** Per-order rows written between two counts (or since the database was created). */
export function perOrder(
  after: RowCounts,
  before?: RowCounts,
): Record<string, { inserted: number; updated: number }> {
  const orders = after.orders - (before?.orders ?? 0);
  const out: Record<string, { inserted: number; updated: number }> = {};
  for (const [table, { inserted, updated }] of Object.entries(after.tables)) {
    const base = before?.tables[table] ?? { inserted: 0, updated: 0 };
    out[table] = {
      inserted: (inserted - base.inserted) / orders,
      updated: (updated - base.updated) / orders,
    };
  }
  return out;
}

/** Orders the order-info projection has not yet written to `order_summaries`. */
export async function projectionBacklog(databaseUrl: string): Promise<number> {
  return withClient(databaseUrl, async (c) => {
    const { rows } = await c.query<{ n: string }>(
      `select ((select count(*) from streams where stream_type = 'order') - (select count(*) from order_summaries))::text as n`,
    );
    return Number(rows[0]!.n);
  });
}
