/**
 * Runs `work` in one database transaction: everything it writes through `stores` commits
 * together or not at all. Each use case names the stores it needs; the storage adapter
 * offers all of them.
 */
export interface UnitOfWork<Stores> {
  transaction<T>(work: (stores: Stores) => Promise<T>): Promise<T>;
  /**
   * The same stores outside a transaction: each statement commits on its own. For reads, and
   * for a write that is one statement and complete by itself (nothing else must commit with it).
   */
  readonly read: Stores;
}

/**
 * A read sent with the unit of work's next statement (one round trip for both): `answer()` after
 * that statement was sent. Asked for earlier, it sends the read alone, with anything held before
 * it, whose refusal it may then throw (ask before holding more, or let such errors through).
 */
export interface Later<T> {
  answer(): Promise<T>;
}
