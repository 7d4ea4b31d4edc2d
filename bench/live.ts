import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { type BenchContext, loadLabel, productionInfra, rssBytes, writeSection } from './context.ts';
import { describeMachine } from './machine.ts';
import { topUp } from './orders.ts';
import { paced } from './paced.ts';
import { getToken, putProducts, sleep, startServer } from './server.ts';
import { ms, table } from './tables.ts';
import { type Crowd, connectCrowd } from './ws-crowd.ts';

interface LiveRow {
  target: string;
  load: string;
  sockets: number;
  delivered: number;
  perSecond: number;
  p50: number;
  p99: number;
  closedEarly: number;
}

const PAYLOAD = {
  type: 'order.status_updated',
  event_id: '0192f0c8-0000-7000-8000-000000000000',
  order_id: '0192f0c8-0000-7000-8000-000000000001',
  status: 'PAID',
  previous_status: 'PENDING',
  version: 3,
};

/**
 * `npm run bench -- live`: N WebSocket clients of one buyer held on orderflow's
 * `/api/v1/updates`, the buyer's paid orders at fixed rates (each status change fans out to
 * every socket), against a bare `ws` server broadcasting the same payloads to as many sockets.
 */
export async function runLive(ctx: BenchContext): Promise<void> {
  const started = new Date();
  const machine = await describeMachine();
  const infra = await productionInfra(ctx);
  const sockets = ctx.short ? 1000 : 10_000;
  const orderRates = ctx.short ? [10] : [10, 50];
  const seconds = ctx.short ? 4 : 8;
  const rows: LiveRow[] = [];
  const memory: string[][] = [];

  // orderflow
  const server = await startServer(ctx.source.dir, { ...infra.env(10), AUTO_CONFIRM: 'false' });
  ctx.onCleanup(server.stop);
  let crowd: Crowd | undefined;
  try {
    const admin = await getToken(server.baseUrl, 'admin');
    await putProducts(server.baseUrl, admin, ['bench-1']);
    const alice = await getToken(server.baseUrl, 'alice');
    await topUp(server.baseUrl, alice, 100_000_000);
    const before = await rssBytes(server.pid);
    const connectStart = performance.now();
    crowd = await connectCrowd(`${server.baseUrl.replace(/^http/, 'ws')}/api/v1/updates`, sockets, {
      authorization: `Bearer ${alice}`,
    });
    const connectSeconds = (performance.now() - connectStart) / 1000;
    await sleep(1000);
    const after = await rssBytes(server.pid);
    memory.push(memoryRow('orderflow', crowd.connected, before, after, connectSeconds));
    ctx.log(`  orderflow: ${crowd.connected} sockets in ${connectSeconds.toFixed(1)} s`);
    for (const rate of orderRates) {
      crowd.reset();
      const start = performance.now();
      await paced(`${server.baseUrl}/api/v1/orders`, {
        rate,
        seconds,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${alice}` },
        body: () =>
          JSON.stringify({ items: [{ product_id: 'bench-1', quantity: 1 }], payment: { method: 'wallet' } }),
      });
      await settle(crowd);
      rows.push(liveRow('orderflow', `paid orders ${rate}/s`, crowd, start));
      ctx.log(describe(rows.at(-1)!));
    }
  } finally {
    await crowd?.close();
    await server.stop();
  }

  // The bare broadcast server, same payloads, same number of sockets.
  // Each orderflow row's updates per socket, replayed at the rate they were caused (orders/s × updates per order).
  const replays = rows.map((r) => {
    const perSocket = Math.max(1, Math.round(r.delivered / Math.max(1, r.sockets)));
    return { count: perSocket, rate: Math.max(1, Math.round(perSocket / seconds)) };
  });
  const bare = await startBare();
  ctx.onCleanup(bare.stop);
  try {
    const before = await rssBytes(bare.pid);
    const connectStart = performance.now();
    crowd = await connectCrowd(`ws://127.0.0.1:${bare.port}/api/v1/updates`, sockets, {});
    const connectSeconds = (performance.now() - connectStart) / 1000;
    await sleep(1000);
    memory.push(memoryRow('bare ws', crowd.connected, before, await rssBytes(bare.pid), connectSeconds));
    const phases: [string, number | null, number][] = [
      ...replays.map(
        ({ count, rate }, i) =>
          [`as orderflow row ${i + 1}, ${count} updates`, rate, count] as [string, number, number],
      ),
      ['max (back to back)', null, ctx.short ? 100 : 300],
    ];
    for (const [label, rate, count] of phases) {
      crowd.reset();
      const start = performance.now();
      await bare.broadcast(rate, count);
      await settle(crowd);
      rows.push(liveRow('bare ws', `${label}${rate ? `: ${rate} updates/s` : ''}`, crowd, start));
      ctx.log(describe(rows.at(-1)!));
    }
  } finally {
    await crowd?.close();
    await bare.stop();
  }

  const ceiling =
    rows.find((r) => r.target === 'bare ws' && r.load.startsWith('max'))?.perSecond ?? Number.NaN;
  const best = Math.max(...rows.filter((r) => r.target === 'orderflow').map((r) => r.perSecond));
  const line = `orderflow's best delivered/s ÷ the bare server's max delivered/s: **${best.toFixed(0)} / ${ceiling.toFixed(0)} = ${(best / ceiling).toFixed(2)}** (orderflow's rows are limited by the order rate they are driven at, not a max)`;
  const deliveries = table(
    [
      'server',
      'load',
      'sockets',
      'updates delivered',
      'delivered/s',
      'p50 ms',
      'p99 ms',
      'sockets closed early',
    ],
    rows.map((r) => [
      r.target,
      r.load,
      String(r.sockets),
      String(r.delivered),
      r.perSecond.toFixed(0),
      ms(r.p50),
      ms(r.p99),
      String(r.closedEarly),
    ]),
  );
  const memoryTable = table(
    ['server', 'sockets', 'RSS before, MiB', 'RSS after, MiB', 'KiB per socket', 'connect time, s'],
    memory,
  );
  process.stdout.write(`\n## Live fan-out\n${deliveries}\n\n${memoryTable}\n\n${line}\n`);
  const took = (Date.now() - started.getTime()) / 1000;
  await writeSection(
    ctx.short ? 'live-short' : 'live',
    `# Benchmarks: live fan-out${ctx.short ? ' (short mode)' : ''}

Generated by \`npm run bench -- live\`. Run ${started.toISOString()}, ${took.toFixed(0)} s,
**${loadLabel(ctx.short, machine.loadAverage, machine.cores)}**. Server code: ${ctx.source.description}.

Method: ${sockets} \`ws\` clients (the bench process, 100 connecting at a time) hold
\`/api/v1/updates\` as alice on a production server (pool 10, \`AUTO_CONFIRM=false\`); alice
then places paid orders at fixed rates (\`bench/paced.ts\`), and every status change of hers
goes to every one of her sockets. *delivered/s*: update frames received over all sockets ÷ time
from the phase's start until no frame arrived for 1 s (that quiet second excluded). Latency:
from the update's \`timestamp\` (when the status changed) to its arrival, parsed on every 50th
socket. The ceiling is \`bench/bare-broadcast.ts\`, a bare \`ws\` server in its own process
that sends the same JSON (fresh \`position\` and \`timestamp\` per frame, serialised once per
frame) to as many sockets: at orderflow's measured update rate and back to back. Memory: the
server process's \`VmRSS\` before the clients connect and 1 s after the last one did. The load
generator runs on the same cores and parses only a sample, but still receives every frame: at
high fan-out it is part of what is measured.

${deliveries}

${memoryTable}

${line}
`,
  );
}

function memoryRow(name: string, sockets: number, before: number, after: number, seconds: number): string[] {
  return [
    name,
    String(sockets),
    (before / 2 ** 20).toFixed(0),
    (after / 2 ** 20).toFixed(0),
    ((after - before) / 1024 / Math.max(1, sockets)).toFixed(1),
    seconds.toFixed(1),
  ];
}

/** Waits until no frame has arrived for 1 s (at most 60 s). */
async function settle(crowd: Crowd): Promise<void> {
  const deadline = performance.now() + 60_000;
  let last = -1;
  while (performance.now() < deadline && crowd.messages !== last) {
    last = crowd.messages;
    await sleep(1000);
  }
}

function liveRow(target: string, load: string, crowd: Crowd, start: number): LiveRow {
  const elapsed = (performance.now() - start) / 1000 - 1; // minus settle's quiet second
  return {
    target,
    load,
    sockets: crowd.connected,
    delivered: crowd.messages,
    perSecond: crowd.messages / elapsed,
    p50: crowd.p(50),
    p99: crowd.p(99),
    closedEarly: crowd.closedEarly,
  };
}

const describe = (r: LiveRow) =>
  `  ${r.target}, ${r.load}: ${r.delivered} frames to ${r.sockets} sockets, ${r.perSecond.toFixed(0)}/s, ` +
  `p50 ${ms(r.p50)} p99 ${ms(r.p99)} ms, closed early ${r.closedEarly}`;

async function startBare(): Promise<{
  pid: number;
  port: number;
  broadcast(rate: number | null, count: number): Promise<void>;
  stop(): Promise<void>;
}> {
  const port = await new Promise<number>((done) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(import.meta.dirname, 'bare-broadcast.ts')],
    {
      cwd: resolve(import.meta.dirname, '..'),
      env: { ...process.env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((done, fail) => {
    child.stdout?.once('data', () => done());
    child.once('exit', (code) => fail(new Error(`bare broadcast server exited with ${code}`)));
  });
  const exited = new Promise((done) => child.once('exit', done));
  return {
    pid: child.pid!,
    port,
    async broadcast(rate, count) {
      const response = await fetch(`http://127.0.0.1:${port}/broadcast`, {
        method: 'POST',
        body: JSON.stringify({ rate, count, payload: PAYLOAD }),
      });
      if (response.status !== 204) throw new Error(`broadcast: ${response.status}`);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
