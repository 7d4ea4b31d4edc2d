import { describe, expect, it } from 'vitest';
import type { RateLimitCount, RateLimitCounters, RateLimitHit } from '../../shared/ports/abuse-counters.ts';
import { sharedRateLimitStore } from './rate-limit-store.ts';

const clock = { now: () => new Date('2026-11-30T12:00:00Z') };

/** Counters in memory whose statements wait until the test lets them answer. */
class HeldCounters implements RateLimitCounters {
  readonly calls: RateLimitHit[][] = [];
  readonly #counts = new Map<string, number>();
  #release: (() => void)[] = [];
  inFlight = 0;
  maxInFlight = 0;

  async increment(hits: readonly RateLimitHit[], now: Date): Promise<RateLimitCount[]> {
    this.calls.push([...hits]);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise<void>((resolve) => this.#release.push(resolve));
    this.inFlight--;
    return hits.map(({ key, hits: n, windowMs }) => {
      const count = (this.#counts.get(key) ?? 0) + n;
      this.#counts.set(key, count);
      return { key, count, windowEndsAt: new Date(now.getTime() + windowMs) };
    });
  }

  /** Lets every statement out so far answer. */
  release(): void {
    for (const release of this.#release.splice(0)) release();
  }

  async deleteEnded(): Promise<number> {
    return 0;
  }
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** `incr` as @fastify/rate-limit calls it, as a promise of `current` (or the error). */
function counter(
  counters: RateLimitCounters,
  options: { countTimeoutMs?: number; maxKeysPerStatement?: number } = {},
) {
  const Store = sharedRateLimitStore(counters, { clock, onError: () => {}, ...options });
  const store = new Store({} as never);
  return (key: string) =>
    new Promise<number>((resolve, reject) =>
      store.incr(key, (error, result) => (error ? reject(error) : resolve(result!.current)), 60_000, 1000),
    );
}

describe('the shared rate-limit store', () => {
  it('keeps one statement in flight: hits that arrive meanwhile go together in the next', async () => {
    const counters = new HeldCounters();
    const incr = counter(counters);
    const first = [incr('a'), incr('b')];
    await turn();
    expect(counters.calls).toHaveLength(1);
    // Three more turns of hits while the first statement is out: no statement of their own.
    const later: Promise<number>[] = [];
    for (let i = 0; i < 3; i++) {
      later.push(incr('a'), incr('c'));
      await turn();
    }
    expect(counters.calls).toHaveLength(1);
    counters.release();
    expect(await Promise.all(first)).toEqual([1, 1]);
    await turn();
    expect(counters.calls).toHaveLength(2);
    expect(counters.calls[1]).toEqual([
      { key: 'a', hits: 3, windowMs: 60_000 },
      { key: 'c', hits: 3, windowMs: 60_000 },
    ]);
    counters.release();
    // Each caller gets its own count, in the order it hit.
    expect(await Promise.all(later)).toEqual([2, 1, 3, 2, 4, 3]);
    expect(counters.maxInFlight).toBe(1);
  });

  it('splits a batch into statements of at most maxKeysPerStatement keys, one after another', async () => {
    const counters = new HeldCounters();
    const incr = counter(counters, { maxKeysPerStatement: 2 });
    const all = ['k1', 'k2', 'k3', 'k4', 'k5'].map(incr);
    for (let i = 0; i < 3; i++) {
      await turn();
      counters.release();
      await turn();
    }
    expect(await Promise.all(all)).toEqual([1, 1, 1, 1, 1]);
    expect(counters.calls.map((hits) => hits.map((h) => h.key))).toEqual([
      ['k1', 'k2'],
      ['k3', 'k4'],
      ['k5'],
    ]);
    expect(counters.maxInFlight).toBe(1);
  });

  it('lets a request through with an error when its count does not come back in time', async () => {
    const counters = new HeldCounters(); // never released: a database that hangs
    const incr = counter(counters, { countTimeoutMs: 30 });
    await expect(incr('a')).rejects.toThrow(/took longer than 30 ms/);
    // Hits while the hanging statement is out wait for it, and give up the same way.
    await expect(incr('a')).rejects.toThrow(/took longer than 30 ms/);
    expect(counters.calls).toHaveLength(1);
    counters.release();
  });
});
