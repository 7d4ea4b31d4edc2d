import type { EventEnvelope, MessageHeaders } from '../envelope.ts';

/** A message to publish once the transaction that produced it commits. */
export interface OutboxMessage {
  /** Routing key on the `orders` exchange; equals `envelope.event_type`. */
  topic: string;
  /** Messages with the same key are published in the order they were written (the order id). */
  key: string;
  envelope: EventEnvelope;
  headers: MessageHeaders;
}

export interface PendingOutboxMessage extends OutboxMessage {
  id: number;
  created_at: Date;
}

/**
 * Written inside a unit of work. Messages that announce a stream's events go in with them
 * (`EventStore.append`'s `announce`, one statement); this is for a message with no event of its own.
 */
export interface Outbox {
  enqueue(messages: OutboxMessage[]): Promise<void>;
}

/** The relay's side. `claim` locks rows for the current transaction, skipping rows other relays hold. */
export interface OutboxRelayStore {
  /**
   * Up to `limit` unpublished messages, oldest first, locked for this transaction. A message
   * is never handed out while an earlier message with the same key is still unpublished.
   * With `markPublishedAt` they are marked published by the same statement: in a transaction
   * that commits only once they are published, so a failed publish rolls the mark back.
   */
  claim(limit: number, options?: { markPublishedAt?: Date }): Promise<PendingOutboxMessage[]>;
  markPublished(ids: number[], at: Date): Promise<void>;
  /** Unpublished count and the age of the oldest, for the outbox-lag metric. */
  lag(now: Date): Promise<{ pending: number; oldestAgeSeconds: number }>;
}
