import type { DeliveredMessage, MessageHandler } from '../ports/message-bus.ts';

/**
 * Handles messages with the same `key` (an order id) one at a time, in the order the bus handed
 * them over, while messages of different keys still run side by side up to the prefetch. A
 * consumer with a prefetch above one would otherwise race an order's PAID against its CONFIRMED
 * and could commit them the other way round. A failed message does not stop the ones behind it:
 * the bus redelivers it later, so it may arrive after its successors (consumers keep their own
 * forward-only rule for that, and for members of the group in other processes).
 */
export function orderedByKey(handler: MessageHandler): MessageHandler & { readonly keysInFlight: number } {
  const tails = new Map<string, Promise<void>>();
  const ordered = (message: DeliveredMessage) => {
    const previous = tails.get(message.key);
    const run = previous ? previous.then(() => handler(message)) : handler(message);
    // The chain goes on whatever this one's outcome; the caller still sees its own failure.
    const tail = run.catch(() => {});
    tails.set(message.key, tail);
    void tail.then(() => {
      if (tails.get(message.key) === tail) tails.delete(message.key);
    });
    return run;
  };
  return Object.defineProperty(ordered, 'keysInFlight', { get: () => tails.size }) as typeof ordered & {
    readonly keysInFlight: number;
  };
}
