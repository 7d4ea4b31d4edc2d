import type { EventEnvelope, MessageHeaders } from '../envelope.ts';

export interface BusMessage {
  topic: string;
  key: string;
  envelope: EventEnvelope;
  headers: MessageHeaders;
}

export interface DeliveredMessage extends BusMessage {
  /** How many times this message was delivered to this group before, as far as the bus knows. */
  redeliveries: number;
}

/** Resolving acknowledges the message; throwing makes the bus redeliver it (bounded, then dead-letter). */
export type MessageHandler = (message: DeliveredMessage) => Promise<void>;

export interface SubscribeOptions {
  /** Consumer group: every group gets every matching message once; members of a group share them. */
  group: string;
  /** Topic patterns (AMQP topic syntax: `order.*`, `#`). */
  topics: string[];
  /** Messages handled at once by this subscriber. */
  prefetch?: number;
}

export interface Subscription {
  close(): Promise<void>;
}

export interface MessageBus extends DeadLetterInspector {
  /** Resolves only once the broker has confirmed every message (publisher confirms). */
  publish(messages: BusMessage[]): Promise<void>;
  /**
   * True when `publish` resolves only after the subscribers handled the messages (a bus with
   * no durable queue of its own). The outbox relay then publishes outside its transaction,
   * since the handlers need the database too.
   */
  readonly publishAwaitsHandlers?: boolean;
  subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription>;
  /** Throws when the broker cannot be reached (for `/readyz`). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Messages a group gave up on after the bounded number of failed deliveries. */
export interface DeadLetterInspector {
  readDeadLetters(group: string, limit: number): Promise<BusMessage[]>;
}
