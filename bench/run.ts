import { randomUUID } from 'node:crypto';
import type { CpuGroups } from './cpu.ts';
import { BROKER_URL, createBenchDatabase, deleteBrokerNamespace } from './infra.ts';
import { type Phase, type PhaseResult, runPhase } from './load.ts';
import { describeMachine } from './machine.ts';
import { type PgbenchRun, runPgbench, sampleJson } from './pgbench.ts';
import { printReport, writeReport } from './report.ts';
import { type BenchServer, getToken, outboxPending, putProducts, startServer, waitOutboxDrained } from './server.ts';

// `npm run bench`: numbers, not a test. See docs/benchmarks.md for the method.
const POOL_SIZE = 20;
const RATE_SECONDS = 8;
const MAX_SECONDS = 10;
const HOT = ['bench-0'];
const SPREAD = Array.from({ length: 100 }, (_, i) => `bench-${i + 1}`);

const id = randomUUID().replaceAll('-', '').slice(0, 10);
const namespace = `bench-${id}`;
const cleanups: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | undefined;
const cleanup = () =>
  (cleaning ??= (async () => {
    for (const step of cleanups.reverse()) await step().catch((error: unknown) => console.error('cleanup:', error));
  })());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));
}

try {
  const started = new Date();
  const machine = await describeMachine();
  log(`machine: ${machine.cpu}, ${machine.cores} cores; ${machine.postgres}; RabbitMQ ${machine.rabbitmq}`);

  const database = await createBenchDatabase(id);
  cleanups.push(database.drop);
  cleanups.push(() => deleteBrokerNamespace(namespace));
  const production = await withServer(
    {
      DATABASE_URL: database.url,
      BROKER_URL,
      BROKER_EXCHANGE: namespace,
      BROKER_QUEUE_PREFIX: `${namespace}.`,
      DATABASE_POOL_SIZE: String(POOL_SIZE),
    },
    [
      ...[50, 100, 200].map((rate) => phase('production', 'hot', rate)),
      phase('production', 'hot', undefined),
      phase('production', 'spread', 200),
      phase('production', 'spread', undefined),
    ],
  );

  // The ceiling: the same statements straight from pgbench, on the database the API just used.
  const json = await sampleJson(database.url);
  const pgbench: PgbenchRun[] = [];
  for (const [variant, products] of [
    ['hot', [0, 0]],
    ['spread', [1, SPREAD.length]],
    ['hot, stock update last', [0, 0]],
  ] as const) {
    log(`pgbench ${variant}, ${POOL_SIZE} clients, ${MAX_SECONDS} s`);
    const run = await runPgbench(
      database.url,
      { variant, products: [...products], clients: POOL_SIZE, seconds: MAX_SECONDS },
      json,
      cpuGroups(undefined),
    );
    log(`  ${run.tps.toFixed(0)} tps, ${run.latencyMs.toFixed(1)} ms average`);
    pgbench.push(run);
  }

  const embedded = await withServer({ DATABASE_URL: '', BROKER_URL: '' }, [
    phase('embedded', 'hot', 50),
    phase('embedded', 'hot', 100),
    phase('embedded', 'hot', undefined),
  ]);

  const report = { started, finished: new Date(), machine, poolSize: POOL_SIZE, production, pgbench, embedded };
  printReport(report);
  await writeReport(report);
} finally {
  await cleanup();
}

function phase(mode: Phase['mode'], variant: Phase['variant'], rate: number | undefined): Phase {
  return {
    mode,
    variant,
    products: variant === 'hot' ? HOT : SPREAD,
    rate,
    connections: rate === undefined ? 32 : 64,
    seconds: rate === undefined ? MAX_SECONDS : RATE_SECONDS,
  };
}

/** Starts a server, prepares products and tokens, warms up, runs `phases`, stops the server. */
async function withServer(env: Record<string, string>, phases: Phase[]) {
  const mode = phases[0]!.mode;
  log(`starting orderflow (${mode})`);
  const server = await startServer(env);
  cleanups.push(server.stop);
  const results: (PhaseResult & { pendingAtEnd: number; drainMs: number })[] = [];
  try {
    await putProducts(server.baseUrl, await getToken(server.baseUrl, 'admin'), [...HOT, ...SPREAD]);
    const token = await getToken(server.baseUrl, 'alice');
    log('  warm-up, 3 s');
    await runPhase(server.baseUrl, token, { ...phases[0]!, rate: undefined, connections: 16, seconds: 3 }, {});
    await waitOutboxDrained(server.baseUrl);
    for (const p of phases) {
      const result = await runPhase(server.baseUrl, token, p, cpuGroups(server));
      const pendingAtEnd = await outboxPending(server.baseUrl);
      const drainMs = await waitOutboxDrained(server.baseUrl);
      log(
        `  ${p.variant} @ ${p.rate ?? 'max'}: ${result.achieved.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ` +
          `${result.created} created, other ${JSON.stringify(result.other)}, errors ${result.errors}, outbox pending ${pendingAtEnd}`,
      );
      results.push({ ...result, pendingAtEnd, drainMs });
    }
    return { results, warnings: server.logLines() };
  } finally {
    await server.stop();
  }
}

function cpuGroups(server: BenchServer | undefined): CpuGroups {
  return {
    ...(server ? { orderflow: (p) => p.pid === server.pid } : {}),
    'load generator': (p) => p.pid === process.pid,
    postgres: (p) => p.comm === 'postgres',
    rabbitmq: (p) => p.comm === 'beam.smp',
    pgbench: (p) => p.comm === 'pgbench',
  };
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}
