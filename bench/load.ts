import autocannon from 'autocannon';
import { type CpuGroups, type CpuUse, cpuBetween, snapshotCpu } from './cpu.ts';
import { sleep } from './server.ts';

export interface Phase {
  mode: 'production' | 'embedded';
  /** `hot`: every order for one product; `spread`: one of `products` picked at random. */
  variant: 'hot' | 'spread';
  products: readonly string[];
  /** Requests per second the load generator aims at; undefined = as fast as it can (closed loop). */
  rate: number | undefined;
  connections: number;
  seconds: number;
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

/** One autocannon run of `POST /api/v1/orders` as alice, with CPU use sampled in its middle. */
export async function runPhase(baseUrl: string, token: string, phase: Phase, cpuGroups: CpuGroups): Promise<PhaseResult> {
  const body = (product: string) => JSON.stringify({ items: [{ product_id: product, quantity: 1 }] });
  const pick = () => phase.products[Math.floor(Math.random() * phase.products.length)]!;
  const instance = autocannon({
    url: baseUrl,
    connections: phase.connections,
    duration: phase.seconds,
    timeout: 10,
    ...(phase.rate === undefined ? {} : { overallRate: phase.rate }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    requests: [
      phase.products.length === 1
        ? { method: 'POST', path: '/api/v1/orders', body: body(phase.products[0]!) }
        : {
            method: 'POST',
            path: '/api/v1/orders',
            setupRequest: (request) => ({ ...request, body: body(pick()) }),
          },
    ],
  });
  // Sample CPU away from the ramp-up and the tail: from 1 s in to 1 s before the end.
  const cpu = (async () => {
    await sleep(1000);
    const before = snapshotCpu(cpuGroups);
    await sleep((phase.seconds - 2) * 1000);
    return cpuBetween(before, snapshotCpu(cpuGroups));
  })();
  const result = await instance;
  const other: Record<string, number> = {};
  let created = 0;
  for (const [code, { count }] of Object.entries(result.statusCodeStats)) {
    if (code === '201') created = Number(count);
    else other[code] = Number(count);
  }
  const responses = created + Object.values(other).reduce((a, b) => a + b, 0);
  return {
    ...phase,
    achieved: responses / result.duration,
    created,
    other,
    errors: result.errors,
    timeouts: result.timeouts,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    max: result.latency.max,
    cpu: await cpu,
  };
}
