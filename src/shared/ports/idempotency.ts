/** A stored answer to a request made with an `Idempotency-Key`. */
export interface IdempotencyRecord {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: unknown;
}

export interface IdempotencyStore {
  find(scope: string, key: string): Promise<IdempotencyRecord | undefined>;
  /** Saves inside the unit of work; false when another request already saved this key. */
  save(record: IdempotencyRecord): Promise<boolean>;
}
