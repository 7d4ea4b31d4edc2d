import { Agent, request } from 'node:http';

export interface PacedResult {
  /** Milliseconds from each request's scheduled start to its response's end. */
  latencies: number[];
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  /** Seconds from the first scheduled start to the last response. */
  duration: number;
}

/**
 * Open-loop load at a fixed rate: request i is due at start + i / rate, evenly spaced, whether
 * or not earlier ones have answered. Latency counts from the due time, so a server (or a load
 * generator) that falls behind shows up in the numbers instead of slowing the arrivals down.
 */
export async function paced(
  url: string,
  options: {
    rate: number;
    seconds: number;
    headers: Record<string, string>;
    body: () => string;
    /** Instead of `body` and `headers`: each request's own, given its due time (signed webhooks). */
    next?: (due: number) => { body: string; headers: Record<string, string> };
    timeoutMs?: number;
  },
): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const target = new URL(url);
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const result: PacedResult = { latencies: [], statuses: {}, errors: 0, timeouts: 0, duration: 0 };
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  let last = start;

  const send = (due: number) =>
    new Promise<void>((done) => {
      let settled = false;
      const fail = () => {
        if (settled) return;
        settled = true;
        result.errors++;
        done();
      };
      const { body, headers } = options.next?.(due) ?? { body: options.body(), headers: options.headers };
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          timeout: options.timeoutMs ?? 10_000,
        },
        (res) => {
          res.resume();
          res.once('end', () => {
            if (settled) return;
            settled = true;
            last = performance.now();
            result.latencies.push(last - due);
            const code = String(res.statusCode);
            result.statuses[code] = (result.statuses[code] ?? 0) + 1;
            done();
          });
          res.once('error', fail);
          res.once('close', fail); // closed before 'end': the connection broke mid-response
        },
      );
      req.once('timeout', () => {
        result.timeouts++;
        req.destroy(new Error('timeout'));
      });
      req.once('error', fail);
      req.end(body);
    });

  for (let i = 0; i < total; ) {
    const now = performance.now();
    while (i < total && start + i * interval <= now) inFlight.push(send(start + i++ * interval));
    if (i < total) await new Promise((wake) => setTimeout(wake, Math.max(0, start + i * interval - now)));
  }
  await Promise.all(inFlight);
  agent.destroy();
  result.duration = (last - start) / 1000;
  return result;
}

/** The value below which `p` percent of `sorted` lie (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
