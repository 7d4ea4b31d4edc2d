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

/**
 * A consumer group as the topology knows it: its queue takes every message whose topic matches
 * one of `topics`, whether or not a member is subscribed yet.
 */
export interface ConsumerGroup {
  group: string;
  /** Topic patterns (AMQP topic syntax: `order.*`, `#`). */
  topics: readonly string[];
}

export interface SubscribeOptions extends ConsumerGroup {
  /** Messages handled at once by this subscriber. */
  prefetch?: number;
}

export interface Subscription {
  close(): Promise<void>;
}

/**
 * The bus's topology is static: every process passes the same list of consumer groups when it
 * creates its bus, and the bus declares them (queues, bindings, dead-letter queues) before it
 * publishes or consumes anything, and again after every reconnect. A message published to a
 * declared group waits in its queue until a member subscribes.
 */
export interface MessageBus extends DeadLetterInspector, Broadcaster {
  /**
   * Resolves only once the broker has confirmed every message (publisher confirms). Rejects
   * with `UnroutableMessageError` when a message matched no consumer group: such a message
   * would be lost, so the publish counts as failed and the outbox keeps it.
   */
  publish(messages: BusMessage[]): Promise<void>;
  /**
   * True when `publish` resolves only after the subscribers handled the messages (a bus with
   * no durable queue of its own). The outbox relay then publishes outside its transaction,
   * since the handlers need the database too.
   */
  readonly publishAwaitsHandlers?: boolean;
  /** Joins `group`, declaring it (and binding `topics`) if the topology did not already. */
  subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription>;
  /**
   * Messages waiting in `group`'s queue (not yet delivered) and in its dead-letter queue, for
   * the consumer-lag and dead-letter metrics. A group never declared reads as empty.
   */
  queueDepth?(group: string): Promise<QueueDepth>;
  /** Throws when the broker cannot be reached (for `/readyz`). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface QueueDepth {
  ready: number;
  deadLetters: number;
}

/** What a broadcast subscriber gets: the payload as published. */
export type BroadcastHandler = (payload: Record<string, unknown>) => void | Promise<void>;

/**
 * Fan-out to every process, outside the static topology: each subscriber (one per process that
 * wants them) has a queue of its own that lives as long as its subscription, and every message
 * on a channel reaches every subscriber of that channel that is connected when it is published.
 * Best effort by design: nothing keeps a message for a subscriber that is not there (a restarted
 * process misses what came meanwhile), and a broadcast nobody hears is not an error. Use it only
 * for hints whose content the receiver can also read from the database (the live-updates hub's
 * nudges), never for data that exists nowhere else: that goes through the outbox and a group.
 */
export interface Broadcaster {
  /** Resolves once the broker took the message (or, in-process, once local handlers ran). */
  broadcast(channel: string, payload: Record<string, unknown>): Promise<void>;
  /** Hears every later broadcast on `channel` until closed; a handler's failure is only logged. */
  subscribeBroadcast(channel: string, handler: BroadcastHandler): Promise<Subscription>;
}

/** Messages a group gave up on after the bounded number of failed deliveries. */
export interface DeadLetterInspector {
  /** Up to `limit` dead letters of `group`, oldest first, left where they are. */
  readDeadLetters(group: string, limit: number): Promise<BusMessage[]>;
  /**
   * Re-drives dead letters of `group`: those whose `event_id` is in `eventIds`, or every one
   * when it is undefined. Each goes back to that group's queue only (the other groups that
   * took its topic handled it already), with its topic, key and headers, as a fresh message
   * with a full delivery limit; the rest stay dead-lettered. Resolves with the number moved.
   */
  redriveDeadLetters(group: string, eventIds?: readonly string[]): Promise<number>;
}

/** Some messages of a publish were routed to no consumer group (AMQP `basic.return`). */
export class UnroutableMessageError extends Error {
  constructor(readonly messages: readonly BusMessage[]) {
    super(
      `no consumer group takes ${messages
        .map((m) => `${m.envelope.event_id} (${m.topic})`)
        .join(', ')}: left unpublished`,
    );
    this.name = 'UnroutableMessageError';
  }
}
