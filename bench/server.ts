import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { withClient } from './infra.ts';

export interface BenchServer {
  baseUrl: string;
  pid: number;
  /** ms from spawn to the first 200 on `/healthz`, and on `/readyz` (polled every 25 ms). */
  startup: { healthyMs: number; readyMs: number };
  /** Log lines the server wrote (LOG_LEVEL=warn, so warnings and errors only). */
  logLines(): string[];
  stop(): Promise<void>;
}

/**
 * How `npm start` runs the server from `sourceDir`: compiled (`node dist/main.js`, dist/ built
 * first when stale, before the clock starts), or through tsx for code older than
 * bin/build-server.mjs (a BENCH_SERVER_REF before it), as `npm start` ran it then.
 */
export async function serverCommand(sourceDir: string): Promise<string[]> {
  if (!existsSync(join(sourceDir, 'bin', 'build-server.mjs'))) return ['--import', 'tsx', 'src/main.ts'];
  await promisify(execFile)(process.execPath, ['bin/build-server.mjs', '--if-stale'], { cwd: sourceDir });
  return ['dist/main.js'];
}

/**
 * Starts orderflow as `npm start` runs it (see `serverCommand`) on a free loopback port and waits
 * for /readyz. `probe: 'operations'` is for a process without the API (`ROLES` with no `api` or
 * `hub`): its /readyz is on METRICS_PORT, which then is the port returned in `baseUrl`.
 */
export async function startServer(
  sourceDir: string,
  env: Record<string, string>,
  { probe = 'api' }: { probe?: 'api' | 'operations' } = {},
): Promise<BenchServer> {
  const command = await serverCommand(sourceDir);
  const dataDir = await mkdtemp(join(tmpdir(), 'orderflow-bench-'));
  const port = await freePort();
  const ports =
    probe === 'api' ? { PORT: String(port) } : { PORT: String(await freePort()), METRICS_PORT: String(port) };
  const spawnedAt = performance.now();
  // BENCH_CPU_PROF=<dir>: each server writes a V8 CPU profile there when it stops (node --cpu-prof).
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const child = spawn(process.execPath, [...profile, ...command], {
    cwd: sourceDir,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      ...ports,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'true',
      // The bench logs in through the built-in identity provider and needs every role in one process.
      OIDC_ISSUER: '',
      ROLES: 'all',
      // The bench's buyers hold many unpaid orders each (one buyer alone in embedded mode).
      MAX_UNPAID_ORDERS_PER_BUYER: '1000000',
      MAX_UNPAID_UNITS_PER_BUYER: '100000000',
      // The load comes from one address and a few buyers: measure throughput, not the rate limiter.
      RATE_LIMIT_PER_IP: '0',
      RATE_LIMIT_PER_USER: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) if (line.trim()) lines.push(line);
    });
  }
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child, exited);
    await rm(dataDir, { recursive: true, force: true });
  };
  let startup: BenchServer['startup'];
  try {
    startup = await waitReady(baseUrl, exited, spawnedAt);
  } catch (error) {
    await stop();
    throw new Error(`orderflow did not become ready:\n${lines.slice(-20).join('\n')}`, { cause: error });
  }
  return { baseUrl, pid: child.pid!, startup, logLines: () => [...lines], stop };
}

async function waitReady(
  baseUrl: string,
  exited: Promise<number | null>,
  spawnedAt: number,
): Promise<BenchServer['startup']> {
  let gone = false;
  void exited.then(() => (gone = true));
  // Generous: on a loaded machine the embedded mode's start (PGlite, migrations) takes minutes.
  const deadline = Date.now() + Number(process.env.BENCH_READY_TIMEOUT_S ?? 240) * 1000;
  let healthyMs = Number.NaN;
  const ok = (path: string) =>
    fetch(`${baseUrl}${path}`).then(
      (r) => r.ok,
      () => false,
    );
  while (Date.now() < deadline && !gone) {
    if (Number.isNaN(healthyMs) && (await ok('/healthz'))) healthyMs = performance.now() - spawnedAt;
    if (!Number.isNaN(healthyMs) && (await ok('/readyz'))) {
      return { healthyMs, readyMs: performance.now() - spawnedAt };
    }
    await sleep(25);
  }
  throw new Error(gone ? 'server exited' : 'timed out');
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** A loopback port nothing listens on (bound for a moment, then released). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Buyers the production runs' orders are spread over (embedded mode: `alice` alone). */
export const BENCH_BUYERS = 50;

/** The id of bench buyer `:b` in a pgbench script (1-based; see `benchBuyers`). */
export const BENCH_BUYER_ID = `('b0000000-0000-4000-8000-' || lpad(:b::text, 12, '0'))`;

/**
 * `count` buyers `bench-buyer-<i>` (password `alice`: they copy the demo buyer's hash) written
 * straight into the production database, and a token for each, so a load can spread over
 * buyers as well as products. Their ids are `BENCH_BUYER_ID`'s, so pgbench can pick one too.
 */
export async function benchBuyers(baseUrl: string, databaseUrl: string, count: number): Promise<string[]> {
  await withClient(databaseUrl, (c) =>
    c.query(
      `insert into users (id, username, password_hash, email, full_name, roles)
       select ('b0000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'bench-buyer-' || i, u.password_hash, 'bench-buyer-' || i || '@orderflow.local',
              'Bench Buyer ' || i, '["buyer"]'::jsonb
       from generate_series(1, $1::int) i, users u where u.username = 'alice'
       on conflict (username) do nothing`,
      [count],
    ),
  );
  const tokens: string[] = [];
  for (let i = 1; i <= count; i++) tokens.push(await getToken(baseUrl, `bench-buyer-${i}`, 'alice'));
  return tokens;
}

export async function getToken(baseUrl: string, username: string, password = username): Promise<string> {
  const response = await fetch(`${baseUrl}/realms/orderflow/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'orderflow-web',
      username,
      password,
    }),
  });
  if (!response.ok) throw new Error(`token for ${username}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Creates (or resets) products with stock no bench run can exhaust. */
export async function putProducts(
  baseUrl: string,
  adminToken: string,
  ids: readonly string[],
): Promise<void> {
  for (const id of ids) {
    const response = await fetch(`${baseUrl}/api/v1/products/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ name: `Bench ${id}`, price: 450, currency: 'EUR', stock: 100_000_000 }),
    });
    if (!response.ok) throw new Error(`PUT product ${id}: ${response.status} ${await response.text()}`);
  }
}

/** Outbox backlog as the server's /metrics reports it. */
export async function outboxPending(baseUrl: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('orderflow_outbox_pending_messages'));
  return line ? Number(line.trim().split(/\s+/).at(-1)) : Number.NaN;
}

/** Waits until the relay has published everything; returns how long that took (ms), or NaN on timeout. */
export async function waitOutboxDrained(baseUrl: string, timeoutMs = 30_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if ((await outboxPending(baseUrl)) === 0) return Date.now() - started;
    await sleep(50);
  }
  return Number.NaN;
}

/**
 * How long until the order-info read model has caught up: places one probe order and waits
 * until it is in alice's order list (read from the projection). Everything published before
 * the probe is projected before it. Returns ms, or NaN after `timeoutMs`.
 *
 * The probe is looked for among the newest 100, not only at the top: when a max phase ends,
 * autocannon drops the requests still in flight but the server goes on with them, and one that
 * took its `created_at` after the probe's lists above it (in embedded mode, where every order is
 * alice's, that made the probe "never" arrive: the stall noted in docs/benchmarks.md).
 */
export async function readModelCatchUp(
  baseUrl: string,
  token: string,
  product: string,
  timeoutMs = 60_000,
): Promise<number> {
  const started = Date.now();
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const created = await fetch(`${baseUrl}/api/v1/orders`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ items: [{ product_id: product, quantity: 1 }] }),
  });
  if (created.status !== 201) throw new Error(`probe order: ${created.status} ${await created.text()}`);
  const { order_id } = (await created.json()) as { order_id: string };
  while (Date.now() - started < timeoutMs) {
    const list = await fetch(`${baseUrl}/api/v1/orders?limit=100`, { headers });
    const { orders } = (await list.json()) as { orders: { order_id: string }[] };
    const at = orders.findIndex((o) => o.order_id === order_id);
    if (at > 0)
      process.stderr.write(
        `  (the probe order is number ${at + 1} in the list: ${at} orders created after it)\n`,
      );
    if (at >= 0) return Date.now() - started;
    await sleep(100);
  }
  return Number.NaN;
}
