// `npx tsx bench/roles-split.ts one|split`: the order benchmark's two max phases (hot, spread;
// 64 connections, 10 s) against orderflow in one process (`ROLES=all`, as `npm run bench` runs
// it) or split in two (`api,relay` and `projections,fulfilment,notifications`), with the
// read model's lag when each phase ends, the messages waiting in each consumer group's queue
// then (ready, not counting the prefetched ones), and the CPU of each process. Numbers for
// docs/benchmarks.md ("Issue 12's goals": using both cores), not part of `npm run bench`.
import { connect } from 'amqplib';
import { CONSUMER_GROUPS } from '../src/composition/consumer-groups.ts';
import { byHand, SPREAD_PRODUCTS, stockAndWarmUp } from './by-hand.ts';
import { productionInfra } from './context.ts';
import { BROKER_URL } from './infra.ts';
import { runPhase } from './load.ts';
import { cpuSpec } from './orders.ts';
import { projectionBacklog } from './rows.ts';
import { getToken, readModelCatchUp, sleep, startServer, waitOutboxDrained } from './server.ts';

const split = process.argv[2] === 'split';
await byHand(async (ctx) => {
  const infra = await productionInfra(ctx);
  const api = await startServer(ctx.source.dir, { ...infra.env(), ...(split ? { ROLES: 'api,relay' } : {}) });
  ctx.onCleanup(api.stop);
  const consumers = split
    ? await startServer(
        ctx.source.dir,
        { ...infra.env(), ROLES: 'projections,fulfilment,notifications' },
        { probe: 'operations' },
      )
    : undefined;
  if (consumers) ctx.onCleanup(consumers.stop);
  const buyers = await stockAndWarmUp(api.baseUrl, infra.databaseUrl);
  const alice = await getToken(api.baseUrl, 'alice');
  await readModelCatchUp(api.baseUrl, alice, 'bench-1');
  const spec = cpuSpec(api);
  if (consumers) spec.groups['consumer process'] = (p) => p.pid === consumers.pid;
  for (const variant of ['hot', 'spread'] as const) {
    const products = variant === 'hot' ? ['bench-0'] : SPREAD_PRODUCTS;
    const phase = {
      mode: 'production',
      variant,
      products,
      rate: undefined,
      connections: 64,
      seconds: 10,
    } as const;
    const result = await runPhase(api.baseUrl, buyers, phase, spec);
    const behind = await projectionBacklog(infra.databaseUrl);
    const waiting = await queueDepths(infra.namespace);
    await waitOutboxDrained(api.baseUrl);
    const catchUpMs = await readModelCatchUp(api.baseUrl, alice, 'bench-1');
    const cpu = Object.entries(result.cpu)
      .map(([group, cores]) => `${group} ${cores.toFixed(2)}`)
      .join(', ');
    console.log(
      `${split ? 'split' : 'one process'}, ${variant} max: ${result.achieved.toFixed(0)} orders/s, ` +
        `p50 ${result.p50.toFixed(0)} ms, p99 ${result.p99.toFixed(0)} ms; read model ${behind} behind, ` +
        `caught up after ${(catchUpMs / 1000).toFixed(1)} s; waiting in the groups' queues: ${waiting}; cores: ${cpu}`,
    );
    await sleep(1000);
  }
});

/** Ready messages in each consumer group's queue under `namespace`, e.g. "order-info 0, notifications 1,200". */
async function queueDepths(namespace: string): Promise<string> {
  const amqp = await connect(BROKER_URL);
  try {
    const channel = await amqp.createChannel();
    const depths: string[] = [];
    for (const { group } of CONSUMER_GROUPS)
      depths.push(`${group} ${(await channel.checkQueue(`${namespace}.${group}`)).messageCount}`);
    return depths.join(', ');
  } finally {
    await amqp.close();
  }
}
