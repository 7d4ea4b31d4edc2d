import { writeFile } from 'node:fs/promises';
import { type BenchContext, productionInfra, rssBytes } from './context.ts';
import type { CpuSpec } from './cpu.ts';
import { type Phase, runPhase } from './load.ts';
import { describeMachine } from './machine.ts';
import { type PgbenchRun, type PgbenchVariant, runPgbench, sampleJson } from './pgbench.ts';
import { printReport, type ServerRun, writeReport } from './report.ts';
import { perOrder, projectionBacklog, rowCounts } from './rows.ts';
import {
  BENCH_BUYERS,
  type BenchServer,
  benchBuyers,
  getToken,
  outboxPending,
  putProducts,
  readModelCatchUp,
  startServer,
  waitOutboxDrained,
} from './server.ts';

// `npm run bench -- orders`: numbers, not a test. docs/benchmarks.md explains the method.
let RATE_SECONDS = 8;
let MAX_SECONDS = 10;
const MAX_CONNECTIONS = 64;
/** DATABASE_POOL_SIZE of the main production run (the default) and of the comparison run. */
const POOLS = [10, 40] as const;
const HOT = ['bench-0'];

const SPREAD = Array.from({ length: 100 }, (_, i) => `bench-${i + 1}`);

let cleanups: { push(step: () => Promise<void>): void } = { push: () => {} };
let log: (line: string) => void = () => {};

/** The unpaid order path against pgbench on its statements, plus embedded mode (docs/benchmarks.md). */
export async function runOrders(ctx: BenchContext): Promise<void> {
  configure(ctx);
  const started = new Date();
  const machine = await describeMachine();
  log(`machine: ${machine.cpu}, ${machine.cores} cores; ${machine.postgres}; RabbitMQ ${machine.rabbitmq}`);
  const source = ctx.source;
  log(`server code: ${source.description}`);

  const database = await productionInfra(ctx);
  const productionEnv = (pool: number) => database.env(pool);
  const rates = ctx.short ? [100] : [50, 100, 200];
  const production: ServerRun[] = [
    await withServer(source.dir, 'production', POOLS[0], productionEnv(POOLS[0]), [
      ...rates.map((rate) => phase('hot', rate)),
      phase('hot', undefined),
      ...(ctx.short ? [] : [200, 400].map((rate) => phase('spread', rate))),
      phase('spread', undefined),
    ]),
    // Only the hot max: how a bigger pool copes with the row lock (spread orders are limited by CPU).
    ...(ctx.short
      ? []
      : [
          await withServer(source.dir, 'production', POOLS[1], productionEnv(POOLS[1]), [
            phase('hot', undefined),
          ]),
        ]),
  ];

  // The ceiling: the same statements straight from pgbench, on the database the API just used,
  // with as many clients as the API had database connections.
  const apiRows = await rowCounts(database.databaseUrl);
  const json = await sampleJson(database.databaseUrl);
  const pgbench: PgbenchRun[] = [];
  const hotOnly: [number, number] = [0, 0];
  const spread: [number, number] = [1, SPREAD.length];
  const runs: { variant: PgbenchVariant; products: [number, number]; clients: number; seconds: number }[] = [
    // One client: what the statements cost when nothing waits for anything.
    { variant: 'spread', products: spread, clients: 1, seconds: ctx.short ? 3 : 5 },
    ...(ctx.short ? [POOLS[0]] : POOLS).map((clients) => ({
      variant: 'hot' as const,
      products: hotOnly,
      clients,
      seconds: MAX_SECONDS,
    })),
    { variant: 'spread', products: spread, clients: POOLS[0], seconds: MAX_SECONDS },
    { variant: 'hot, stock update last', products: hotOnly, clients: POOLS[0], seconds: MAX_SECONDS },
    // The script as the server sent it before 2026-12-01 (product read, statements one by one).
    { variant: 'spread, one by one', products: spread, clients: POOLS[0], seconds: MAX_SECONDS },
  ];
  for (const { variant, products, clients, seconds } of runs) {
    log(`pgbench ${variant}, ${clients} clients, ${seconds} s`);
    const run = await runPgbench(
      database.databaseUrl,
      { variant, products, clients, seconds },
      json,
      cpuSpec(undefined),
    );
    log(`  ${run.tps.toFixed(0)} tps, ${run.latencyMs.toFixed(1)} ms average, ${run.failed} failed`);
    pgbench.push(run);
  }

  const rows = { api: perOrder(apiRows), pgbench: perOrder(await rowCounts(database.databaseUrl), apiRows) };

  const embedded = await withServer(source.dir, 'embedded', undefined, { DATABASE_URL: '', BROKER_URL: '' }, [
    ...rates.map((rate) => phase('hot', rate)),
    phase('hot', undefined),
  ]);

  const report = {
    started,
    finished: new Date(),
    machine,
    serverCode: source.description,
    connections: MAX_CONNECTIONS,
    short: ctx.short,
    production,
    pgbench,
    rows,
    embedded,
  };
  printReport(report);
  await writeReport(report);
  // The raw numbers, for whoever wants more than the tables.
  if (process.env.BENCH_JSON) await writeFile(process.env.BENCH_JSON, JSON.stringify(report, null, 2));
}

/** Sets where `withServer` logs and registers cleanup, and the phase lengths (shorter in short mode). */
export function configure(ctx: BenchContext): void {
  cleanups = { push: ctx.onCleanup };
  log = ctx.log;
  // Short mode: one rate and the max of each variant, shorter; no pool-40 run, fewer pgbench runs.
  RATE_SECONDS = ctx.short ? 4 : 8;
  MAX_SECONDS = ctx.short ? 5 : 10;
}

export function phase(variant: Phase['variant'], rate: number | undefined): Omit<Phase, 'mode'> {
  return {
    variant,
    products: variant === 'hot' ? HOT : SPREAD,
    rate,
    connections: MAX_CONNECTIONS,
    seconds: rate === undefined ? MAX_SECONDS : RATE_SECONDS,
  };
}

/** Starts a server, creates products and tokens, warms up, runs `phases`, stops the server. */
export async function withServer(
  sourceDir: string,
  mode: Phase['mode'],
  pool: number | undefined,
  env: Record<string, string>,
  phases: Omit<Phase, 'mode'>[],
): Promise<ServerRun> {
  const paid = phases.some((p) => p.paid);
  const databaseUrl = env.DATABASE_URL || undefined;
  log(`orderflow ${mode}${pool ? `, pool ${pool}` : ''}`);
  const server = await startServer(sourceDir, env);
  cleanups.push(server.stop);
  const results: ServerRun['results'] = [];
  try {
    await putProducts(server.baseUrl, await getToken(server.baseUrl, 'admin'), [...HOT, ...SPREAD]);
    const token = await getToken(server.baseUrl, 'alice');
    // Many buyers, so that neither one buyer's unpaid-orders row nor one wallet serialises the
    // load: hot measures the hot product's row, spread the rest.
    const buyers = databaseUrl ? await benchBuyers(server.baseUrl, databaseUrl, BENCH_BUYERS) : [token];
    if (paid) for (const buyer of [token, ...buyers]) await topUp(server.baseUrl, buyer, 100_000_000);
    const warmUp = {
      paid,
      mode,
      variant: 'spread',
      products: SPREAD,
      rate: undefined,
      connections: 16,
      seconds: 3,
    } as const;
    await runPhase(server.baseUrl, buyers, warmUp, { groups: {} });
    await readModelCatchUp(server.baseUrl, token, SPREAD[0]!);
    for (const p of phases) {
      const result = await runPhase(server.baseUrl, buyers, { ...p, mode }, cpuSpec(server));
      // Before the next phase, the relay and the order-info projection finish what this one left.
      const pendingAtEnd = await outboxPending(server.baseUrl);
      const behindAtEnd = databaseUrl ? await projectionBacklog(databaseUrl) : undefined;
      const drainMs = await waitOutboxDrained(server.baseUrl);
      const catchUpMs = await readModelCatchUp(server.baseUrl, token, SPREAD[0]!);
      if (Number.isNaN(catchUpMs))
        log(
          `  the read model did not catch up; the server's consumer metrics:\n${await consumerMetrics(server.baseUrl)}`,
        );
      results.push({ ...result, pendingAtEnd, drainMs, behindAtEnd, catchUpMs });
      log(
        `  ${p.variant} @ ${p.rate ?? 'max'}: ${result.achieved.toFixed(0)} req/s, p50 ${result.p50.toFixed(0)} ms, ` +
          `p99 ${result.p99.toFixed(0)} ms, ${result.created} created, non-201 ${JSON.stringify(result.other)}, ` +
          `errors ${result.errors}, outbox pending ${pendingAtEnd}, read model behind ${behindAtEnd ?? '?'}, ` +
          `caught up after ${(catchUpMs / 1000).toFixed(1)} s`,
      );
    }
    const rss = await rssBytes(server.pid);
    return { mode, pool, results, logLines: server.logLines(), startup: server.startup, rssBytes: rss };
  } finally {
    await server.stop();
  }
}

/** Credits the wallet of the buyer `token` belongs to (as admin). */
export async function topUp(baseUrl: string, buyerToken: string, amount: number): Promise<void> {
  const buyer = JSON.parse(Buffer.from(buyerToken.split('.')[1]!, 'base64url').toString()) as { sub: string };
  const response = await fetch(`${baseUrl}/api/v1/wallets/${buyer.sub}/top-ups`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await getToken(baseUrl, 'admin')}`,
    },
    body: JSON.stringify({ amount }),
  });
  if (response.status !== 201) throw new Error(`top-up: ${response.status} ${await response.text()}`);
}

export function cpuSpec(server: BenchServer | undefined): CpuSpec {
  return {
    groups: {
      ...(server ? { orderflow: (p) => p.pid === server.pid } : {}),
      'load generator': (p) => p.pid === process.pid,
      postgres: (p) => p.comm === 'postgres',
      rabbitmq: (p) => p.comm === 'beam.smp',
      pgbench: (p) => p.comm === 'pgbench',
    },
    // The Node main thread (thread id = pid): the event loop, where all JavaScript runs.
    threads: server ? { 'orderflow main thread': server.pid } : {},
  };
}

/** The consumer and outbox lines of the server's /metrics, for a read model that did not catch up. */
async function consumerMetrics(baseUrl: string): Promise<string> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) =>
      /^orderflow_(consumer_lag|consumer_messages_total|consumer_handle_seconds_count|outbox_pending|dead_letters)/.test(
        line,
      ),
    )
    .map((line) => `    ${line}`)
    .join('\n');
}
