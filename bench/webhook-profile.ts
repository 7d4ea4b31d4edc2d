// `npx tsx bench/webhook-profile.ts [webhooks]`: where a production-mode server's main thread
// spends its time while carrier webhooks (default 3,000; every order SHIPPED, then DELIVERED) run
// back to back on 64 connections, through to alice's socket. The setup (paid orders handed over)
// is left out: the server's inspector is opened (SIGUSR1) and its profiler started only once the
// setup drained. Writes /tmp/webhook-<time>.cpuprofile (open it in Chrome's DevTools) and prints
// the busiest functions and packages by self time, and which callers' socket writes cost most
// (`--summarise <file> <webhooks>` prints it again). BENCH_SERVER_REF=<commit> profiles another.
import { readFile, writeFile } from 'node:fs/promises';
import WebSocket from 'ws';
import { byHand } from './by-hand.ts';
import { productionInfra } from './context.ts';
import { waitUntilQuiet } from './infra.ts';
import { liveUpdates } from './live-client.ts';
import { sleep, startServer } from './server.ts';
import { BENCH_CARRIER, carrierScenario } from './webhook-setup.ts';
import { closedLoop, type WebhookJob } from './webhooks.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const count = Number(process.argv[2] ?? 3000);

// `--summarise <file> <webhooks>`: prints a saved profile's summary again.
if (process.argv[2] === '--summarise') {
  summarise(JSON.parse(await readFile(process.argv[3]!, 'utf8')) as Profile, Number(process.argv[4] ?? 1));
} else
  await byHand(async (ctx) => {
    const infra = await productionInfra(ctx);
    const server = await startServer(ctx.source.dir, { ...infra.env(10), CARRIER_WEBHOOK_RATE_LIMIT: '0' });
    ctx.onCleanup(server.stop);
    const scenario = await carrierScenario(server.baseUrl);
    const log = await liveUpdates(server.baseUrl, scenario.alice);
    ctx.onCleanup(() => log.close());
    const orders = await scenario.handedOver(Math.ceil(count / 2), ctx.log);
    await waitUntilQuiet(infra.databaseUrl, infra.namespace, () => log.received);

    const inspector = await openInspector(server.pid);
    await inspector.call('Profiler.enable');
    await inspector.call('Profiler.setSamplingInterval', { interval: 200 });
    await inspector.call('Profiler.start');
    const jobs: WebhookJob[] = [
      ...orders.map((orderId) => ({ orderId, status: 'SHIPPED' as const })),
      ...orders.map((orderId) => ({ orderId, status: 'DELIVERED' as const })),
    ].slice(0, count);
    const url = `${server.baseUrl}/api/v1/webhooks/carriers/${BENCH_CARRIER}`;
    const started = performance.now();
    const before = log.received;
    const { statuses } = await closedLoop(url, scenario, jobs, 64);
    await waitUntilQuiet(infra.databaseUrl, infra.namespace, () => log.received);
    const seconds = (performance.now() - started) / 1000;
    const { profile } = (await inspector.call('Profiler.stop')) as { profile: Profile };
    inspector.close();
    const file = `/tmp/webhook-${Date.now()}.cpuprofile`;
    await writeFile(file, JSON.stringify(profile));
    ctx.log(
      `${jobs.length} webhooks (${JSON.stringify(statuses)}) through in ${seconds.toFixed(1)} s; ${log.received - before} updates on the socket`,
    );
    ctx.log(`profile: ${file}`);
    summarise(profile, jobs.length);
    await sleep(100);
  });

/** Opens the inspector of process `pid` (SIGUSR1) and connects to it. */
async function openInspector(pid: number) {
  process.kill(pid, 'SIGUSR1');
  let target: string | undefined;
  for (let i = 0; i < 50 && !target; i++) {
    await sleep(100);
    const list = (await fetch('http://127.0.0.1:9229/json/list').then(
      (r) => r.json(),
      () => [],
    )) as {
      webSocketDebuggerUrl: string;
    }[];
    target = list[0]?.webSocketDebuggerUrl;
  }
  if (!target) throw new Error('the server opened no inspector on 127.0.0.1:9229');
  const socket = new WebSocket(target);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let next = 0;
  const waiting = new Map<number, (result: unknown) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result);
  });
  return {
    call: (method: string, params: object = {}) =>
      new Promise<unknown>((resolve) => {
        const id = ++next;
        waiting.set(id, resolve);
        socket.send(JSON.stringify({ id, method, params }));
      }),
    close: () => socket.close(),
  };
}

/** Self time by function and by package, in ms and per webhook. */
function summarise(profile: Profile, webhooks: number): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  for (const [i, id] of profile.samples.entries())
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  let busy = 0;
  for (const [id, ms] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/src\//, 'src/');
    if (functionName === '(idle)') continue;
    busy += ms;
    const name = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
    const pkg = url.includes('node_modules/')
      ? url.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1')
      : url.startsWith('node:') || url === ''
        ? functionName.startsWith('(')
          ? functionName
          : url || '(native)'
        : url.includes('/src/')
          ? `src/${url.replace(/^.*\/src\/([^/]+\/[^/]+).*$/, '$1')}`
          : url;
    packages.set(pkg, (packages.get(pkg) ?? 0) + ms);
  }
  // Which sockets the writes went to: the nearest caller of `writev` outside Node's streams.
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const writes = new Map<string, number>();
  for (const [id, ms] of self) {
    if (byId.get(id)!.callFrame.functionName !== 'writev') continue;
    let caller = parent.get(id);
    while (caller !== undefined && /^node:|^$/.test(byId.get(caller)!.callFrame.url))
      caller = parent.get(caller);
    const frame = caller === undefined ? undefined : byId.get(caller)!.callFrame;
    const name = frame
      ? `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\//, '')}`
      : '(unknown)';
    writes.set(name, (writes.get(name) ?? 0) + ms);
  }
  const top = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([name, ms]) =>
          `  ${((ms / busy) * 100).toFixed(1).padStart(5)} %  ${(ms / webhooks).toFixed(3)} ms/webhook  ${name}`,
      )
      .join('\n');
  process.stdout.write(
    `busy ${busy.toFixed(0)} ms, ${(busy / webhooks).toFixed(2)} ms per webhook\n\nby package:\n${top(packages, 25)}\n\nby function:\n${top(functions, 40)}\n\nwritev by caller:\n${top(writes, 10)}\n`,
  );
}
