import type { Later } from './unit-of-work.ts';

/** Consumer-side dedupe: the bus delivers at least once, handlers apply each event id once. */
export interface ProcessedMessages {
  /** Records the message as processed by `consumer`; false when it already was. */
  markProcessed(consumer: string, messageId: string): Promise<boolean>;
  /** Records each of the messages as processed by `consumer`; the ones that were not yet. */
  markProcessedMany(consumer: string, messageIds: readonly string[]): Promise<Set<string>>;
  /**
   * As `markProcessedMany`, sent with the unit of work's next statement (`Later`): for a batch
   * whose next statement does not depend on which messages are new (its locks, say).
   */
  markProcessedManyWithNext(consumer: string, messageIds: readonly string[]): Promise<Later<Set<string>>>;
}
