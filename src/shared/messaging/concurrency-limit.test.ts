import { describe, expect, it } from 'vitest';
import { limitConcurrency } from './concurrency-limit.ts';

describe('limitConcurrency', () => {
  it('runs at most the limit at once, the rest in the order they came, failures included', async () => {
    const limited = limitConcurrency(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const results = await Promise.allSettled(
      Array.from({ length: 7 }, (_, i) =>
        limited(async () => {
          started.push(i);
          running++;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, 5));
          running--;
          if (i === 3) throw new Error('task 3 failed');
          return i;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual([
      0,
      1,
      2,
      'failed',
      4,
      5,
      6,
    ]);
    // Every slot came back: as many run at once again.
    await Promise.all([limited(async () => expect(running).toBe(0)), limited(async () => {})]);
  });

  it('refuses a limit below one', () => {
    expect(() => limitConcurrency(0)).toThrow(RangeError);
  });
});
