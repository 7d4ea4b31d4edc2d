// `npx tsx bench/socket-writes.ts [rate=200] [seconds=5]`: socket writes per order by peer
// (PostgreSQL, RabbitMQ, HTTP), counted with strace on a production-mode server during a spread
// phase at a fixed rate, relay and consumers included (it waits until they are done). strace
// slows the server down: read the counts, not the latency. BENCH_SERVER_REF=<commit> counts an
// older commit; PREFETCH=<n> sets CONSUMER_PREFETCH.
import { execFile, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { byHand, SPREAD_PRODUCTS, stockAndWarmUp } from './by-hand.ts';
import { productionInfra } from './context.ts';
import { runPhase } from './load.ts';
import { sleep, startServer, waitOutboxDrained } from './server.ts';

const rate = Number(process.argv[2] ?? 200);
const seconds = Number(process.argv[3] ?? 5);
const products = SPREAD_PRODUCTS;
await byHand(async (ctx) => {
  const infra = await productionInfra(ctx);
  const server = await startServer(ctx.source.dir, {
    ...infra.env(),
    ...(process.env.PREFETCH ? { CONSUMER_PREFETCH: process.env.PREFETCH } : {}),
  });
  ctx.onCleanup(server.stop);
  const buyers = await stockAndWarmUp(server.baseUrl, infra.databaseUrl);
  await sleep(2000);
  // fd -> peer, from `ss`; taken again after the phase for the sockets opened during it (the
  // pool opens connections under load; the load generator's are HTTP).
  const fdPeer = new Map<number, string>();
  const mapSockets = async () => {
    const ss = (await promisify(execFile)('ss', ['-tnpH'])).stdout;
    for (const line of ss.split('\n')) {
      const m = new RegExp(`pid=${server.pid},fd=(\\d+)`).exec(line);
      if (!m) continue;
      const peerPort = line.trim().split(/\s+/)[4]!.split(':').at(-1)!;
      fdPeer.set(Number(m[1]), peerPort === '5432' ? 'postgres' : peerPort === '5672' ? 'rabbitmq' : 'http');
    }
  };
  await mapSockets();
  const strace = spawn('strace', [
    '-f',
    '-qq',
    '-e',
    'trace=write,writev,sendmsg,sendto',
    '-o',
    '/tmp/st.txt',
    '-p',
    String(server.pid),
  ]);
  await sleep(1000);
  const result = await runPhase(
    server.baseUrl,
    buyers,
    { mode: 'production', variant: 'spread', products, rate, connections: 16, seconds },
    { groups: {} },
  );
  await waitOutboxDrained(server.baseUrl);
  await sleep(3000);
  await mapSockets();
  strace.kill('SIGINT');
  await sleep(500);
  const text = await readFile('/tmp/st.txt', 'utf8');
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^\d+\s+(write|writev|sendmsg|sendto)\((\d+),/.exec(line);
    if (!m) continue;
    // Sockets opened after the map was taken are the load generator's HTTP connections.
    const key = fdPeer.get(Number(m[2])) ?? 'http';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  console.log(`orders ${result.created} at ${result.achieved.toFixed(0)}/s, p50 ${result.p50.toFixed(1)} ms`);
  for (const [k, n] of [...counts].sort((a, b) => b[1] - a[1]))
    console.log(`${k.padEnd(10)} ${n} writes, ${(n / result.created).toFixed(2)} per order`);
});
