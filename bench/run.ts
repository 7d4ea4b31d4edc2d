import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { CpuSpec } from './cpu.ts';
import { BROKER_URL, createBenchDatabase, deleteBrokerNamespace } from './infra.ts';
import { type Phase, runPhase } from './load.ts';
import { describeMachine } from './machine.ts';
import { type PgbenchRun, type PgbenchVariant, runPgbench, sampleJson } from './pgbench.ts';
import { printReport, type ServerRun, writeReport } from './report.ts';
import { perOrder, projectionBacklog, rowCounts } from './rows.ts';
import {
  type BenchServer,
  getToken,
  outboxPending,
  putProducts,
  readModelCatchUp,
  startServer,
  waitOutboxDrained,
} from './server.ts';
import { serverSource } from './source.ts';

// `npm run bench`: numbers, not a test. docs/benchmarks.md explains the method.
const RATE_SECONDS = 8;
const MAX_SECONDS = 10;
const MAX_CONNECTIONS = 64;
/** DATABASE_POOL_SIZE of the main production run (the default) and of the comparison run. */
const POOLS = [10, 40] as const;
const HOT = ['bench-0'];
const SPREAD = Array.from({ length: 100 }, (_, i) => `bench-${i + 1}`);

const id = randomUUID().replaceAll('-', '').slice(0, 10);
const namespace = `bench-${id}`;
const cleanups: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | undefined;
const cleanup = () =>
  (cleaning ??= (async () => {
    for (const step of cleanups.reverse())
      await step().catch((error: unknown) => console.error('cleanup:', error));
  })());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));
}

try {
  const started = new Date();
  const machine = await describeMachine();
  log(`machine: ${machine.cpu}, ${machine.cores} cores; ${machine.postgres}; RabbitMQ ${machine.rabbitmq}`);
  const source = await serverSource();
  cleanups.push(source.dispose);
  log(`server code: ${source.description}`);

  const database = await createBenchDatabase(id);
  cleanups.push(database.drop);
  cleanups.push(() => deleteBrokerNamespace(namespace));
  const productionEnv = (pool: number) => ({
    DATABASE_URL: database.url,
    BROKER_URL,
    BROKER_EXCHANGE: namespace,
    BROKER_QUEUE_PREFIX: `${namespace}.`,
    DATABASE_POOL_SIZE: String(pool),
  });
  const production: ServerRun[] = [
    await withServer(source.dir, 'production', POOLS[0], productionEnv(POOLS[0]), [
      ...[50, 100, 200].map((rate) => phase('hot', rate)),
      phase('hot', undefined),
      ...[200, 400].map((rate) => phase('spread', rate)),
      phase('spread', undefined),
    ]),
    // Only the hot max: how a bigger pool copes with the row lock (spread orders are limited by CPU).
    await withServer(source.dir, 'production', POOLS[1], productionEnv(POOLS[1]), [phase('hot', undefined)]),
  ];

  // The ceiling: the same statements straight from pgbench, on the database the API just used,
  // with as many clients as the API had database connections.
  const apiRows = await rowCounts(database.url);
  const json = await sampleJson(database.url);
  const pgbench: PgbenchRun[] = [];
  const hotOnly: [number, number] = [0, 0];
  const spread: [number, number] = [1, SPREAD.length];
  const runs: { variant: PgbenchVariant; products: [number, number]; clients: number; seconds: number }[] = [
    // One client: what the statements cost when nothing waits for anything.
    { variant: 'spread', products: spread, clients: 1, seconds: 5 },
    ...POOLS.map((clients) => ({
      variant: 'hot' as const,
      products: hotOnly,
      clients,
      seconds: MAX_SECONDS,
    })),
    { variant: 'spread', products: spread, clients: POOLS[0], seconds: MAX_SECONDS },
    { variant: 'hot, stock update last', products: hotOnly, clients: POOLS[0], seconds: MAX_SECONDS },
  ];
  for (const { variant, products, clients, seconds } of runs) {
    log(`pgbench ${variant}, ${clients} clients, ${seconds} s`);
    const run = await runPgbench(
      database.url,
      { variant, products, clients, seconds },
      json,
      cpuSpec(undefined),
    );
    log(`  ${run.tps.toFixed(0)} tps, ${run.latencyMs.toFixed(1)} ms average, ${run.failed} failed`);
    pgbench.push(run);
  }

  const rows = { api: perOrder(apiRows), pgbench: perOrder(await rowCounts(database.url), apiRows) };

  const embedded = await withServer(source.dir, 'embedded', undefined, { DATABASE_URL: '', BROKER_URL: '' }, [
    ...[50, 100, 200].map((rate) => phase('hot', rate)),
    phase('hot', undefined),
  ]);

  const report = {
    started,
    finished: new Date(),
    machine,
    serverCode: source.description,
    connections: MAX_CONNECTIONS,
    production,
    pgbench,
    rows,
    embedded,
  };
  printReport(report);
  await writeReport(report);
  // The raw numbers, for whoever wants more than the tables.
  if (process.env.BENCH_JSON) await writeFile(process.env.BENCH_JSON, JSON.stringify(report, null, 2));
} finally {
  await cleanup();
}

function phase(variant: Phase['variant'], rate: number | undefined): Omit<Phase, 'mode'> {
  return {
    variant,
    products: variant === 'hot' ? HOT : SPREAD,
    rate,
    connections: MAX_CONNECTIONS,
    seconds: rate === undefined ? MAX_SECONDS : RATE_SECONDS,
  };
}

/** Starts a server, creates products and tokens, warms up, runs `phases`, stops the server. */
async function withServer(
  sourceDir: string,
  mode: Phase['mode'],
  pool: number | undefined,
  env: Record<string, string>,
  phases: Omit<Phase, 'mode'>[],
): Promise<ServerRun> {
  const databaseUrl = env.DATABASE_URL || undefined;
  log(`orderflow ${mode}${pool ? `, pool ${pool}` : ''}`);
  const server = await startServer(sourceDir, env);
  cleanups.push(server.stop);
  const results: ServerRun['results'] = [];
  try {
    await putProducts(server.baseUrl, await getToken(server.baseUrl, 'admin'), [...HOT, ...SPREAD]);
    const token = await getToken(server.baseUrl, 'alice');
    const warmUp = {
      mode,
      variant: 'spread',
      products: SPREAD,
      rate: undefined,
      connections: 16,
      seconds: 3,
    } as const;
    await runPhase(server.baseUrl, token, warmUp, { groups: {} });
    await readModelCatchUp(server.baseUrl, token, SPREAD[0]!);
    for (const p of phases) {
      const result = await runPhase(server.baseUrl, token, { ...p, mode }, cpuSpec(server));
      // Before the next phase, the relay and the order-info projection finish what this one left.
      const pendingAtEnd = await outboxPending(server.baseUrl);
      const behindAtEnd = databaseUrl ? await projectionBacklog(databaseUrl) : undefined;
      const drainMs = await waitOutboxDrained(server.baseUrl);
      const catchUpMs = await readModelCatchUp(server.baseUrl, token, SPREAD[0]!);
      results.push({ ...result, pendingAtEnd, drainMs, behindAtEnd, catchUpMs });
      log(
        `  ${p.variant} @ ${p.rate ?? 'max'}: ${result.achieved.toFixed(0)} req/s, p50 ${result.p50.toFixed(0)} ms, ` +
          `p99 ${result.p99.toFixed(0)} ms, ${result.created} created, non-201 ${JSON.stringify(result.other)}, ` +
          `errors ${result.errors}, outbox pending ${pendingAtEnd}, read model behind ${behindAtEnd ?? '?'}, ` +
          `caught up after ${(catchUpMs / 1000).toFixed(1)} s`,
      );
    }
    return { mode, pool, results, logLines: server.logLines() };
  } finally {
    await server.stop();
  }
}

function cpuSpec(server: BenchServer | undefined): CpuSpec {
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

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}
