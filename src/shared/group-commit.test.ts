import { describe, expect, it } from 'vitest';
import { GroupCommit, ItemFailed } from './group-commit.ts';

describe('GroupCommit', () => {
  it('runs a lone item at once and groups the items that came while a run was in flight', async () => {
    const runs: number[][] = [];
    const group = new GroupCommit<number, number>(async (items) => {
      runs.push([...items]);
      await new Promise((r) => setTimeout(r, 10));
      return items.map((n) => n * 10);
    });
    const first = group.submit(1);
    const rest = [2, 3, 4].map((n) => group.submit(n));
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40]);
    expect(runs).toEqual([[1], [2, 3, 4]]);
  });

  it('rejects every item of a failed run, and runs the next ones after it', async () => {
    let calls = 0;
    const group = new GroupCommit<string, string>(async (items) => {
      calls++;
      if (calls === 1) throw new Error('boom');
      return items.map((s) => s.toUpperCase());
    });
    const failed = group.submit('a');
    await expect(failed).rejects.toThrow('boom');
    expect(await group.submit('b')).toBe('B');
  });

  it('rejects only the item answered with ItemFailed', async () => {
    const group = new GroupCommit<string, string>(async (items) =>
      items.map((s) => (s === 'bad' ? new ItemFailed(new Error(s)) : s)),
    );
    const [good, bad] = [group.submit('good'), group.submit('bad')];
    expect(await good).toBe('good');
    await expect(bad).rejects.toThrow('bad');
  });

  it('with isolateFailures, runs each item of a failed run alone: only the one that cannot go through fails', async () => {
    const runs: string[][] = [];
    const group = new GroupCommit<string, string>(
      async (items) => {
        runs.push([...items]);
        await new Promise((r) => setTimeout(r, 5));
        if (items.includes('poison')) throw new Error('cannot write poison');
        return items.map((s) => s.toUpperCase());
      },
      { isolateFailures: true },
    );
    const outcomes = await Promise.allSettled(['first', 'a', 'poison', 'b'].map((s) => group.submit(s)));
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : 'failed'))).toEqual([
      'FIRST',
      'A',
      'failed',
      'B',
    ]);
    expect(runs).toEqual([['first'], ['a', 'poison', 'b'], ['a'], ['poison'], ['b']]);
  });
});
