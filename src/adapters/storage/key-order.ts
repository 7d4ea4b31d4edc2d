/**
 * A copy of `items` sorted by `key`: the order a multi-row statement should write (and so lock)
 * its rows in, so two processes whose batches share rows wait for each other instead of
 * deadlocking.
 */
export function inKeyOrder<T>(items: Iterable<T>, key: (item: T) => string): T[] {
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
