/**
 * Group commit: items submitted while a run is in flight wait for it to end, then go together in
 * the next run, so N concurrent callers cost about one run (one transaction, one fsync) instead of
 * N, and a lone caller waits for nothing. `run` answers each item, in order (an `ItemFailed`
 * rejects that item alone); if it throws, every item of that run rejects with the error — or,
 * with `isolateFailures`, each item of a failed run of several is run again alone, so one item
 * that cannot go through (a malformed message) does not fail the others with it.
 */
export class GroupCommit<T, R> {
  #queue: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  #running = false;

  constructor(
    private readonly run: (items: readonly T[]) => Promise<readonly (R | ItemFailed)[]>,
    private readonly options: { isolateFailures?: boolean } = {},
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      if (!this.#running) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0);
        try {
          const results = await this.run(batch.map((entry) => entry.item));
          if (results.length !== batch.length) throw new Error('group commit: one result per item expected');
          for (const [i, entry] of batch.entries()) {
            const result = results[i] as R | ItemFailed;
            if (result instanceof ItemFailed) entry.reject(result.error);
            else entry.resolve(result);
          }
        } catch (error) {
          if (!this.options.isolateFailures || batch.length === 1) {
            for (const entry of batch) entry.reject(error);
            continue;
          }
          // One at a time (rare: only after a failed run), so only what cannot go through fails.
          for (const entry of batch) {
            try {
              const [result] = await this.run([entry.item]);
              if (result instanceof ItemFailed) entry.reject(result.error);
              else entry.resolve(result as R);
            } catch (alone) {
              entry.reject(alone);
            }
          }
        }
      }
    } finally {
      this.#running = false;
    }
  }
}

/** The answer for one item that failed on its own (the others of its run went through). */
export class ItemFailed {
  constructor(readonly error: unknown) {}
}
