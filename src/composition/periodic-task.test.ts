import { afterEach, describe, expect, it, vi } from 'vitest';
import { PeriodicTask } from './periodic-task.ts';

describe('PeriodicTask', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs at once, then every interval; wake brings the next run forward, once', async () => {
    vi.useFakeTimers();
    let runs = 0;
    let release: () => void = () => {};
    const task = new PeriodicTask(
      60_000,
      () =>
        new Promise<void>((resolve) => {
          runs++;
          release = resolve;
        }),
      () => {},
    ).start();
    expect(runs).toBe(1);
    // Woken during a run: one more run right after it, not one per wake.
    task.wake();
    task.wake();
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(2);
    release();
    await vi.advanceTimersByTimeAsync(59_000);
    expect(runs).toBe(2);
    // Woken while idle: runs now instead of at the end of the interval.
    task.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(3);
    release();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toBe(4);
    release();
    await task.stop();
    task.wake();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(runs).toBe(4);
  });
});
