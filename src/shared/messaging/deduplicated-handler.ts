import type { DeliveredMessage, MessageHandler } from '../ports/message-bus.ts';
import type { ProcessedMessages } from '../ports/processed-messages.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';

/**
 * Exactly-once effect over an at-least-once bus: the handler's writes and the record that
 * `consumer` processed this `event_id` commit in one transaction; a redelivered or
 * re-published message finds the record and is acknowledged without effect.
 */
export function deduplicated<S extends { processed: ProcessedMessages }>(
  storage: UnitOfWork<S>,
  consumer: string,
  handle: (message: DeliveredMessage, stores: S) => Promise<void>,
): MessageHandler {
  return (message) =>
    storage.transaction(async (stores) => {
      if (!(await stores.processed.markProcessed(consumer, message.envelope.event_id))) return;
      await handle(message, stores);
    });
}
