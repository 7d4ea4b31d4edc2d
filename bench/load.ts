import autocannon from 'autocannon';
import { type CpuSpec, type CpuUse, cpuDuring } from './cpu.ts';
import { paced, percentile } from './paced.ts';

export interface Phase {
  mode: 'production' | 'embedded';
  /** `hot`: every order for one product; `spread`: one of `products` picked at random. */
  variant: 'hot' | 'spread';
  products: readonly string[];
  /** Requests per second, evenly spaced (open loop); undefined = as fast as `connections` go (closed loop). */
  rate: number | undefined;
  /** Concurrent connections of the closed-loop (max) run. */
  connections: number;
  seconds: number;
  /** Orders pay from the buyer's wallet (`payment: {method: "wallet"}`). */
  paid?: boolean;
}

export interface PhaseResult extends Phase {
  achieved: number;
  created: number;
  other: Record<string, number>;
  errors: number;
  timeouts: number;
  p50: number;
  p97_5: number;
  p99: number;
  max: number;
  cpu: CpuUse;
}

type Load = Omit<PhaseResult, keyof Phase | 'cpu'>;

/**
 * One phase of `POST /api/v1/orders`, each request as one of `tokens`' buyers picked at random,
 * with CPU use sampled in its middle.
 */
export async function runPhase(
  baseUrl: string,
  token: string | readonly string[],
  phase: Phase,
  cpuSpec: CpuSpec,
): Promise<PhaseResult> {
  const cpu = cpuDuring(cpuSpec, phase.seconds);
  const load =
    phase.rate === undefined
      ? await closedLoop(baseUrl, token, phase)
      : await openLoop(baseUrl, token, phase, phase.rate);
  return { ...phase, ...load, cpu: await cpu };
}

const headersFor = (token: string) => ({
  'content-type': 'application/json',
  authorization: `Bearer ${token}`,
});

/** A random buyer's headers per request. */
function headersOf(token: string | readonly string[]): () => Record<string, string> {
  const all = (typeof token === 'string' ? [token] : token).map(headersFor);
  return () => all[Math.floor(Math.random() * all.length)]!;
}

function bodyFor(products: readonly string[], paid = false): () => string {
  const payment = paid ? { payment: { method: 'wallet' } } : {};
  const bodies = products.map((id) =>
    JSON.stringify({ items: [{ product_id: id, quantity: 1 }], ...payment }),
  );
  return () => bodies[Math.floor(Math.random() * bodies.length)]!;
}

async function openLoop(
  baseUrl: string,
  token: string | readonly string[],
  phase: Phase,
  rate: number,
): Promise<Load> {
  const body = bodyFor(phase.products, phase.paid);
  const headers = headersOf(token);
  const result = await paced(`${baseUrl}/api/v1/orders`, {
    rate,
    seconds: phase.seconds,
    headers: headers(),
    body,
    next: () => ({ body: body(), headers: headers() }),
  });
  const sorted = result.latencies.sort((a, b) => a - b);
  const { '201': created = 0, ...other } = result.statuses;
  return {
    achieved: sorted.length / result.duration,
    created,
    other,
    errors: result.errors,
    timeouts: result.timeouts,
    p50: percentile(sorted, 50),
    p97_5: percentile(sorted, 97.5),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** autocannon, unthrottled: `connections` requests in flight at all times. */
async function closedLoop(baseUrl: string, token: string | readonly string[], phase: Phase): Promise<Load> {
  const body = bodyFor(phase.products, phase.paid);
  const headers = headersOf(token);
  const result = await autocannon({
    url: baseUrl,
    connections: phase.connections,
    duration: phase.seconds,
    timeout: 10,
    headers: headers(),
    requests: [
      {
        method: 'POST',
        path: '/api/v1/orders',
        setupRequest: (request) => ({ ...request, headers: headers(), body: body() }),
      },
    ],
  });
  const other: Record<string, number> = {};
  let created = 0;
  for (const [code, { count }] of Object.entries(result.statusCodeStats)) {
    if (code === '201') created = Number(count);
    else other[code] = Number(count);
  }
  const responses = created + Object.values(other).reduce((a, b) => a + b, 0);
  return {
    achieved: responses / result.duration,
    created,
    other,
    errors: result.errors,
    timeouts: result.timeouts,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    max: result.latency.max,
  };
}
