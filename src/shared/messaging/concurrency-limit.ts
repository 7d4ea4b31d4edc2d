/**
 * Runs at most `limit` of the tasks given to it at once; the others wait, first come first
 * served. A consumer that takes many messages at once for work it batches (one statement for
 * all) uses it to keep the work it does not batch, one transaction each, to what it did before.
 */
export function limitConcurrency(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`concurrency limit ${limit}: a positive integer expected`);
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next one in line (it counts as running already).
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
