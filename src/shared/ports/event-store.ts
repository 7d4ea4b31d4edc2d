import type { OutboxMessage } from './outbox.ts';

/** An event to append; `event_id` is chosen by the writer so a retry can be recognised. */
export interface NewEvent {
  event_id: string;
  type: string;
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

/**
 * Where a reader of all events stands: the writing transaction's id and the event's position.
 * Events are read in this order, which (unlike position alone) no late commit can undercut.
 */
export interface GlobalCheckpoint {
  tx_id: string;
  position: number;
}

export const START_OF_ALL: GlobalCheckpoint = { tx_id: '0', position: 0 };

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
  /** Pass to `readAll` to continue after this event. */
  checkpoint: GlobalCheckpoint;
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
  /**
   * `announce`: messages that tell others about these events, put in the outbox with them (the
   * same as `Outbox.enqueue` in the same transaction, in one statement with the append: written
   * if and only if the events are).
   */
  append(
    streamId: string,
    streamType: string,
    expectedVersion: number,
    events: NewEvent[],
    announce?: OutboxMessage[],
  ): Promise<AppendResult>;
  /**
   * `append` for a caller that does not need its result: in a unit of work the store may send it
   * with the unit's next statement (or its commit) and resolve before it is answered. A stale
   * `expectedVersion` then fails that later call with `ConcurrencyError`, and the unit of work
   * writes nothing. Outside a unit of work it is `append`.
   */
  appendAnsweredLater(
    streamId: string,
    streamType: string,
    expectedVersion: number,
    events: NewEvent[],
    announce?: OutboxMessage[],
  ): Promise<void>;
  readStream(streamId: string, afterVersion?: number): Promise<RecordedEvent[]>;
  /**
   * Events after `after`, in checkpoint order (transaction id, then position). Only events of
   * transactions older than every transaction still running are returned: nothing can later
   * commit before them, so a reader that continues from the last checkpoint never skips one.
   */
  readAll(after: GlobalCheckpoint, limit: number): Promise<RecordedEvent[]>;
  /**
   * Every committed event visible now with a position above `afterPosition`, in position
   * order, without waiting for older in-flight transactions. For one-off scans (a rebuild):
   * it sees all that committed before it started; a continuing reader must use `readAll`.
   */
  scanCommitted(afterPosition: number, limit: number): Promise<RecordedEvent[]>;
  streamVersion(streamId: string): Promise<number>;
}
