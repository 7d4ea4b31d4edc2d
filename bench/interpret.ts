import type { PhaseResult } from './load.ts';
import type { Report, ServerRun } from './report.ts';
import { cores, MAIN_THREAD, maxOf, ms, ratios, seconds } from './tables.ts';

// The prose of docs/benchmarks.md, computed from the numbers so a re-run keeps it true.

const n0 = (value: number) => value.toFixed(0);
const per = (rate: number) => (1000 / rate).toFixed(2);

export function summary(report: Report): string {
  const main = report.production[0]!;
  const slow = main.results.find((r) => r.rate !== undefined);
  const out = ratios(report).map(
    (r) =>
      `- ${r.label}: **${n0(r.value)} req/s**, ${(r.value / r.ceiling).toFixed(2)} × ${r.against} (${n0(r.ceiling)}).`,
  );
  if (slow) {
    out.unshift(
      `- Latency when nothing queues (${slow.variant}, ${slow.rate}/s): p50 **${ms(slow.p50)} ms**, p99 ${ms(slow.p99)} ms.`,
    );
  }
  return out.join('\n');
}

export function interpretation(report: Report): string {
  const main = report.production[0]!;
  const second = report.production[1];
  const hot = maxOf(main, 'hot');
  const spread = maxOf(main, 'spread');
  const slow = main.results.find((r) => r.rate !== undefined);
  const single = report.pgbench.find((p) => p.clients === 1);
  const dbHot = report.pgbench.find((p) => p.variant === 'hot' && p.clients === main.pool);
  const dbLast = report.pgbench.find((p) => p.variant === 'hot, stock update last');
  const dbSpread = report.pgbench.find((p) => p.variant === 'spread' && p.clients === main.pool);
  const embedded = maxOf(report.embedded, 'hot');
  const out: string[] = [];

  if (slow && single) {
    out.push(
      `**One order.** At ${slow.rate}/s nothing queues and an order takes ${ms(slow.p50)} ms (p50). pgbench runs the ` +
        `same statements for one client in ${single.latencyMs.toFixed(2)} ms, commit and WAL flush included. The rest is ` +
        `spent in the orderflow process: HTTP and JSON, JWT verification, the availability check (from products kept ` +
        `for \`PRODUCT_CACHE_TTL_MS\`) and the 5 statements of the transaction (BEGIN, the append with its outbox row, ` +
        `the unpaid-order caps, the stock, COMMIT) in one write and one round trip through \`pg\` and Kysely on the one ` +
        `JavaScript thread.`,
    );
  }
  if (hot && dbHot) {
    const loop = (hot.cpu[MAIN_THREAD] ?? 0) + (hot.cpu[`${MAIN_THREAD} waiting`] ?? 0);
    out.push(
      `**A hot product serialises orders, for a short time each.** Every order decrements the same \`products\` ` +
        `row, so orders for one product commit one after another while that row is locked. The server reserves ` +
        `stock as the last statement of the order's transaction (\`place-order.ts\`): the lock covers the UPDATE ` +
        `and the commit's WAL flush, not the stream, event and outbox inserts before it.` +
        (dbLast
          ? ` pgbench in that order (*hot, stock update last*) reaches ${n0(dbLast.tps)} tps (${per(dbLast.tps)} ms ` +
            `per order); the *hot* script, which takes the lock first and holds it through the inserts (the order the ` +
            `server used before), ${n0(dbHot.tps)} tps: reserving last is worth ${(dbLast.tps / dbHot.tps).toFixed(1)} × ` +
            `on a hot row. The API's ${n0(hot.achieved)} req/s is ${(hot.achieved / dbLast.tps).toFixed(2)} × the ` +
            `script in its own order.`
          : ` pgbench gives ${n0(dbHot.tps)} tps and the API ${n0(hot.achieved)} req/s.`) +
        ` At the hot max orderflow's main thread was on a core ${cores(hot.cpu[MAIN_THREAD])} of the time and ` +
        `waiting for one ${cores(hot.cpu[`${MAIN_THREAD} waiting`])}` +
        (loop >= 0.9
          ? `: with the lock this short, the event loop, busy with ${report.connections - 1} other requests, is ` +
            `what limits a hot product too (each statement inside the lock waits its turn on it).`
          : `: the event loop still had idle time, so the row lock is what limits a hot product.`),
    );
  }
  const hot2 = second && maxOf(second, 'hot');
  if (second && hot && hot2) {
    const db2 = report.pgbench.find((p) => p.variant === 'hot' && p.clients === second.pool);
    out.push(
      `**More connections do not help the hot row.** With a pool of ${second.pool} instead of ${main.pool} the API ` +
        `gave ${n0(hot2.achieved)} instead of ${n0(hot.achieved)} req/s (p99 ${ms(hot2.p99)} instead of ` +
        `${ms(hot.p99)} ms)` +
        (db2 && dbHot
          ? `, and pgbench with ${db2.clients} clients ${n0(db2.tps)} instead of ${n0(dbHot.tps)} tps`
          : '') +
        `. More sessions only add waiters on the row lock (each woken waiter re-reads the row that moved), and ` +
        `${report.machine.cores} cores have no CPU to give them.`,
    );
  }
  if (spread && dbSpread) {
    const c = spread.cpu;
    const loop = (c[MAIN_THREAD] ?? 0) + (c[`${MAIN_THREAD} waiting`] ?? 0);
    out.push(
      `**Without a hot row, the event loop is the limit.** At the spread max the machine was ${cores(c.machine)} of ` +
        `${report.machine.cores} cores busy: orderflow ${cores(c.orderflow)}, PostgreSQL ${cores(c.postgres)}, ` +
        `RabbitMQ ${cores(c.rabbitmq)}, the load generator ${cores(c['load generator'])}. orderflow's main thread ` +
        `(where all its JavaScript runs: HTTP, JWT, query building, the relay and the bus consumers) was on a core ` +
        `${cores(c[MAIN_THREAD])} of the time and runnable but waiting for one ${cores(c[`${MAIN_THREAD} waiting`])}` +
        (loop >= 0.9
          ? `: together ${loop.toFixed(2)}, so the event loop was practically never idle. It is the bottleneck, and on ` +
            `${report.machine.cores} cores it competes with PostgreSQL for CPU.`
          : `: together ${loop.toFixed(2)}, so the event loop still had idle time.`) +
        ` pgbench reaches ${n0(dbSpread.tps)} tps on the same database because PostgreSQL then has the machine to ` +
        `itself and the client costs little; the ratio ${(spread.achieved / dbSpread.tps).toFixed(2)} is the share ` +
        `of the machine the application spends on itself, not slack in the database.`,
    );
  }
  const rows = (side: Record<string, { inserted: number; updated: number }>) =>
    Object.values(side).reduce((sum, r) => sum + Math.max(0, r.inserted) + Math.max(0, r.updated), 0);
  out.push(
    `**Each order costs the database more than the script.** The script writes ${rows(report.rows.pgbench).toFixed(1)} ` +
      `rows per order; the API run wrote ${rows(report.rows.api).toFixed(1)} (table "Rows written per order"): besides ` +
      `the request's own rows, the relay marks the outbox row published (in the statement that claims its batch), order-info inserts the ` +
      `summary, and the notifications consumer records the order's furthest status together with the message as ` +
      `processed (one statement each, each its own commit).`,
  );
  const all = report.production.flatMap((run) => run.results);
  const worst = all.reduce((a, b) => (b.pendingAtEnd > a.pendingAtEnd ? b : a), all[0]!);
  const lagMs = (worst.pendingAtEnd / worst.achieved) * 1000;
  out.push(
    `**${lagMs < 500 && !Number.isNaN(worst.drainMs) ? 'The outbox relay kept up.' : 'The outbox relay fell behind.'}** ` +
      `At most ${worst.pendingAtEnd} messages were unpublished when a phase ended ` +
      `(${phaseName(worst, report)}, about ${n0(lagMs)} ms of orders), ` +
      `and they were on RabbitMQ ${seconds(worst.drainMs)} later. The relay publishes one batch at a time ` +
      `(claim, publish, wait for confirms, mark, commit) on the same event loop and pool as the API.`,
  );
  const behind = all.filter((r) => (r.behindAtEnd ?? 0) > r.achieved * 0.5);
  const worstBehind = behind.reduce<(typeof all)[number] | undefined>(
    (a, b) => (a && (a.behindAtEnd ?? 0) >= (b.behindAtEnd ?? 0) ? a : b),
    undefined,
  );
  if (!worstBehind) {
    out.push(
      `**The order-info read model kept up**: at most ${Math.max(...all.map((r) => r.behindAtEnd ?? 0))} orders ` +
        `were missing from it when a phase ended. It holds up to \`BATCHING_PREFETCH\` messages ` +
        `(${process.env.BATCHING_PREFETCH ?? '128, the default,'} in this run) and writes the new orders among ` +
        `them with one customer lookup and one insert, so its pace hardly depends on how long each statement ` +
        `waits for a pool connection behind the requests'.`,
    );
  } else {
    const during = (worstBehind.created - (worstBehind.behindAtEnd ?? 0)) / worstBehind.seconds;
    const after = (worstBehind.behindAtEnd ?? 0) / (worstBehind.catchUpMs / 1000);
    out.push(
      `**The order-info read model falls behind under load.** Orders missing from it when a phase ended: ` +
        behind.map((r) => `${r.behindAtEnd} after ${phaseName(r, report)}`).join(', ') +
        `. During ${phaseName(worstBehind, report)} it projected about ${n0(during)} orders/s while the API ` +
        `created ${n0(worstBehind.achieved)}/s; once the load stopped it caught up at about ${n0(after)}/s ` +
        `(in ${seconds(worstBehind.catchUpMs)}). The projection holds up to \`BATCHING_PREFETCH\` messages ` +
        `(${process.env.BATCHING_PREFETCH ?? '128, the default,'} in this run; a server before 2026-11-30's session 8 ` +
        `held \`CONSUMER_PREFETCH\`), writes the creations among them with one customer lookup and one ` +
        `insert, and acks them after it. Those statements run on the API's event loop and pool: when requests queue ` +
        `for the ${report.production[0]!.pool} connections, the projection's statements queue behind them (first ` +
        `come, first served), so under load it advances at the pace the pool leaves it, not at the prefetch. ` +
        `Meanwhile order lists miss the newest ` +
        `orders and \`GET /api/v1/orders/{id}\` of a fresh order waits for the projection (up to ` +
        `\`READ_YOUR_WRITES_TIMEOUT_MS\`).`,
    );
  }
  if (embedded && hot) {
    const c = embedded.cpu;
    out.push(
      `**Embedded mode** reaches ${n0(embedded.achieved)} req/s (${(embedded.achieved / hot.achieved).toFixed(2)} × ` +
        `production's hot max) with p99 ${ms(embedded.p99)} ms. PGlite is PostgreSQL compiled to WebAssembly running ` +
        `on the server's main thread, with one session that a transaction holds from BEGIN to COMMIT: requests take ` +
        `turns and every query blocks the event loop while it runs (main thread ${cores(c[MAIN_THREAD])} on a core, ` +
        `${cores(c[`${MAIN_THREAD} waiting`])} waiting). Hot or spread makes no difference there.`,
    );
  }
  const failed = [...report.production, report.embedded].flatMap((run) =>
    run.results.filter((r) => Object.keys(r.other).length > 0 || r.errors > 0),
  );
  const logged = [...report.production, report.embedded].reduce((sum, run) => sum + run.logLines.length, 0);
  out.push(
    failed.length === 0
      ? `**No errors.** Every request in every phase got 201, with no timeouts or connection errors; the servers ` +
          (logged === 0
            ? 'logged no warnings.'
            : `logged ${logged} lines at warn or above (below the tables).`)
      : `**Errors.** ${failed.length} phases had responses other than 201 or connection errors: see the tables.`,
  );
  const measured = [
    ...[...report.production, report.embedded].flatMap((run) =>
      run.results.map((r) => ({ name: `${run.mode} ${phaseName(r, report)}`, other: r.cpu.other ?? 0 })),
    ),
    ...report.pgbench.map((r) => ({ name: `pgbench ${r.variant} ×${r.clients}`, other: r.cpu.other ?? 0 })),
  ];
  const noisy = measured.filter((m) => m.other > 0.2).sort((a, b) => b.other - a.other);
  if (noisy.length > 0) {
    out.push(
      `**Other load on the machine.** Other processes used more than 0.2 cores during ${noisy.length} of ` +
        `${measured.length} measurements (most: ${noisy
          .slice(0, 3)
          .map((m) => `${m.name}, ${cores(m.other)}`)
          .join('; ')}; column *other*). Those numbers are lower than the machine can do; ` +
        `compare runs before drawing conclusions from small differences.`,
    );
  }
  return out.map((p) => `- ${p}`).join('\n');
}

/** "spread 400/s", "hot max (pool 40)": a production phase as the text names it. */
function phaseName(r: PhaseResult, report: Report): string {
  const run = report.production.find((p) => p.results.includes(r as ServerRun['results'][number]));
  const pool = run && run !== report.production[0] ? ` (pool ${run.pool})` : '';
  return `${r.variant} ${r.rate === undefined ? 'max' : `${r.rate}/s`}${pool}`;
}
