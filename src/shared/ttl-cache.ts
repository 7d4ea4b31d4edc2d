/**
 * Values kept in process for `ttlMs` after they were put (0 keeps nothing), at most `maxEntries`
 * of them (past that the oldest put goes). For reads another process may change: what a cache
 * like this serves must be safe to have been that old.
 */
export class TtlCache<K, V> {
  readonly #entries = new Map<K, { value: V; until: number }>();

  constructor(
    readonly ttlMs: number,
    private readonly now: () => number = () => performance.now(),
    private readonly maxEntries = 10_000,
  ) {}

  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.until > this.now()) return entry.value;
    this.#entries.delete(key);
    return undefined;
  }

  set(key: K, value: V): void {
    if (this.ttlMs <= 0) return;
    // Re-inserted, so that the Map's order stays the order of the puts.
    this.#entries.delete(key);
    this.#entries.set(key, { value, until: this.now() + this.ttlMs });
    if (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value as K);
  }

  forget(key: K): void {
    this.#entries.delete(key);
  }
}
