/** A stored answer to a request made with an `Idempotency-Key`. */
export interface IdempotencyRecord {
  scope: string;
  key: string;
  request_hash: string;
  /**
   * Optional: a use case stores its result, and the route that replays it decides the HTTP
   * status. (Records written before that carry the status they were answered with.)
   */
  status_code?: number;
  response: unknown;
}

export interface IdempotencyStore {
  find(scope: string, key: string): Promise<IdempotencyRecord | undefined>;
  /** Saves inside the unit of work; false when another request already saved this key. */
  save(record: IdempotencyRecord): Promise<boolean>;
}
