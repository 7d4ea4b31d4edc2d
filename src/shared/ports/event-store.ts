/** An event to append; `event_id` is chosen by the writer so a retry can be recognised. */
export interface NewEvent {
  event_id: string;
  type: string;
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

export interface RecordedEvent {
  stream_id: string;
  /** 1-based, gap-free within a stream. */
  version: number;
  /** Global, increasing in commit-visible order across all streams. */
  position: number;
  event_id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  recorded_at: Date;
}

export interface AppendResult {
  /** The stream's version after the append. */
  version: number;
  /** The global position of the last appended event. */
  position: number;
}

/** Version a stream has before its first event: appending at this version creates it. */
export const NO_STREAM = 0;

/**
 * One stream per aggregate, appended with optimistic concurrency. An append whose
 * `expectedVersion` is not the stream's current version throws `ConcurrencyError` and writes
 * nothing.
 */
export interface EventStore {
  append(
    streamId: string,
    streamType: string,
    expectedVersion: number,
    events: NewEvent[],
  ): Promise<AppendResult>;
  readStream(streamId: string, afterVersion?: number): Promise<RecordedEvent[]>;
  /**
   * Events after `afterPosition`, in position order. Only events whose transaction no older
   * in-flight transaction could precede are returned, so a reader never skips an event that
   * commits later with a smaller position.
   */
  readAll(afterPosition: number, limit: number): Promise<RecordedEvent[]>;
  streamVersion(streamId: string): Promise<number>;
}
