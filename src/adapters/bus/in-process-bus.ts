import {
  type BroadcastHandler,
  type BusMessage,
  type ConsumerGroup,
  type MessageBus,
  type MessageHandler,
  type QueueDepth,
  type SubscribeOptions,
  type Subscription,
  UnroutableMessageError,
} from '../../shared/ports/message-bus.ts';
import { tracedCopy } from './bus-tracing.ts';
import { topicMatches } from './topic-pattern.ts';

export interface InProcessBusOptions {
  /** Every consumer group of the system: each keeps its messages until a member subscribes. */
  groups?: readonly ConsumerGroup[];
  /** Called for each message of a publish that no group takes (the publish fails). */
  onUnroutable?: (message: BusMessage) => void;
  /** Deliveries of one message to one group before it is dead-lettered. */
  maxDeliveries?: number;
  /** Delay before a failed message is delivered again. */
  redeliveryDelayMs?: number;
  onHandlerError?: (error: unknown, message: BusMessage, group: string) => void;
  /** A broadcast handler threw: logged, never redelivered (broadcasts are best effort). */
  onBroadcastError?: (error: unknown, channel: string) => void;
}

interface Queued {
  message: BusMessage;
  deliveries: number;
  /** Called once the message is handled or dead-lettered, or with an error if it never will be. */
  settle: (error?: Error) => void;
}

interface Member {
  handler: MessageHandler;
  prefetch: number;
  inFlight: number;
  closed: boolean;
}

/**
 * One process, no broker: the embedded mode's bus. It keeps RabbitMQ's semantics that the rest
 * of the system relies on: a queue per consumer group, at-least-once delivery with bounded
 * redelivery, then a dead-letter list, declared groups that keep messages until a member
 * subscribes, and a failed publish for a message no group takes. Messages live only in memory,
 * so `publish` resolves only once every group it was routed to handled (or dead-lettered) it:
 * until then the outbox keeps it, and a crash means it is published again, not lost.
 */
export class InProcessBus implements MessageBus {
  readonly publishAwaitsHandlers = true;
  readonly #groups = new Map<string, Group>();
  readonly #maxDeliveries: number;
  readonly #redeliveryDelayMs: number;
  readonly #onHandlerError: NonNullable<InProcessBusOptions['onHandlerError']>;
  readonly #onUnroutable: NonNullable<InProcessBusOptions['onUnroutable']>;
  readonly #onBroadcastError: NonNullable<InProcessBusOptions['onBroadcastError']>;
  /** Broadcast subscribers by channel: this one process is every process there is. */
  readonly #listeners = new Map<string, Set<BroadcastHandler>>();
  #closed = false;

  constructor({
    groups = [],
    onUnroutable = () => {},
    maxDeliveries = 5,
    redeliveryDelayMs = 50,
    onHandlerError = () => {},
    onBroadcastError = () => {},
  }: InProcessBusOptions = {}) {
    this.#onBroadcastError = onBroadcastError;
    this.#maxDeliveries = maxDeliveries;
    this.#redeliveryDelayMs = redeliveryDelayMs;
    this.#onHandlerError = onHandlerError;
    this.#onUnroutable = onUnroutable;
    for (const declared of groups) this.#declare(declared);
  }

  async publish(messages: BusMessage[]): Promise<void> {
    if (this.#closed) throw new Error('bus is closed');
    // Routed first, delivered after: a publish with an unroutable message delivers nothing.
    const routes = messages.map((message) => ({
      message,
      groups: [...this.#groups.values()].filter((group) =>
        group.topics.some((pattern) => topicMatches(pattern, message.topic)),
      ),
    }));
    const unroutable = routes.filter((route) => route.groups.length === 0).map((route) => route.message);
    if (unroutable.length > 0) {
      for (const message of unroutable) this.#onUnroutable(message);
      throw new UnroutableMessageError(unroutable);
    }
    const handled: Promise<void>[] = [];
    for (const { message, groups } of routes) {
      const copy = tracedCopy(message);
      for (const group of groups) handled.push(group.push(copy));
    }
    await Promise.all(handled);
  }

  async subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription> {
    if (this.#closed) throw new Error('bus is closed');
    const group = this.#declare(options);
    const member: Member = { handler, prefetch: options.prefetch ?? 1, inFlight: 0, closed: false };
    const owner = group;
    owner.members.push(member);
    owner.pump();
    return {
      close: async () => {
        member.closed = true;
        owner.members.splice(owner.members.indexOf(member), 1);
        await owner.idle(member);
      },
    };
  }

  /** The group's queue, created on first mention; bindings are only ever added, as in RabbitMQ. */
  #declare({ group: name, topics }: ConsumerGroup): Group {
    let group = this.#groups.get(name);
    if (!group) {
      group = new Group([], this.#maxDeliveries, this.#redeliveryDelayMs, (error, message) =>
        this.#onHandlerError(error, message, name),
      );
      this.#groups.set(name, group);
    }
    for (const topic of topics) if (!group.topics.includes(topic)) group.topics.push(topic);
    return group;
  }

  async broadcast(channel: string, payload: Record<string, unknown>): Promise<void> {
    if (this.#closed) throw new Error('bus is closed');
    const handlers = [...(this.#listeners.get(channel) ?? [])];
    // Each listener gets its own copy, as each process would decode its own.
    await Promise.all(
      handlers.map(async (handler) => {
        try {
          await handler(structuredClone(payload));
        } catch (error) {
          this.#onBroadcastError(error, channel);
        }
      }),
    );
  }

  async subscribeBroadcast(channel: string, handler: BroadcastHandler): Promise<Subscription> {
    if (this.#closed) throw new Error('bus is closed');
    let handlers = this.#listeners.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.#listeners.set(channel, handlers);
    }
    // A wrapper per subscription, so the same function subscribed twice is heard twice.
    const own: BroadcastHandler = (payload) => handler(payload);
    handlers.add(own);
    return { close: async () => void handlers.delete(own) };
  }

  async readDeadLetters(group: string, limit: number): Promise<BusMessage[]> {
    return (this.#groups.get(group)?.deadLetters ?? []).slice(0, limit);
  }

  async redriveDeadLetters(group: string, eventIds?: readonly string[]): Promise<number> {
    const target = this.#groups.get(group);
    if (!target) return 0;
    const moving = target.deadLetters.filter(
      (letter) => eventIds === undefined || eventIds.includes(letter.envelope.event_id),
    );
    for (const letter of moving) {
      target.deadLetters.splice(target.deadLetters.indexOf(letter), 1);
      // Settles once handled or dead-lettered again; nobody waits for it but the group.
      void target.push(letter).catch(() => {});
    }
    return moving.length;
  }

  async queueDepth(name: string): Promise<QueueDepth> {
    const group = this.#groups.get(name);
    return { ready: group?.queue.length ?? 0, deadLetters: group?.deadLetters.length ?? 0 };
  }

  async ping(): Promise<void> {
    if (this.#closed) throw new Error('bus is closed');
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#listeners.clear();
    for (const group of this.#groups.values()) {
      for (const member of [...group.members]) {
        member.closed = true;
        await group.idle(member);
      }
      group.members.length = 0;
      group.abandon();
    }
  }
}

class Group {
  readonly queue: Queued[] = [];
  readonly members: Member[] = [];
  readonly deadLetters: BusMessage[] = [];
  readonly #waiters = new Map<Member, () => void>();
  #next = 0;

  constructor(
    readonly topics: string[],
    private readonly maxDeliveries: number,
    private readonly redeliveryDelayMs: number,
    private readonly onError: (error: unknown, message: BusMessage) => void,
  ) {}

  /**
   * Queues the message; resolves when it is handled or dead-lettered. With no member yet it
   * waits for one, so the publisher (the outbox) keeps the message until then.
   */
  push(message: BusMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ message, deliveries: 0, settle: (error) => (error ? reject(error) : resolve()) });
      this.pump();
    });
  }

  /** On close: nobody will handle what is queued; fail the publishes waiting for it. */
  abandon(): void {
    const error = new Error('bus closed before the message was handled');
    for (const item of this.queue.splice(0)) item.settle(error);
  }

  /** Hands queued messages to members with free prefetch slots, round robin. */
  pump(): void {
    while (this.queue.length > 0) {
      const member = this.#pickMember();
      if (!member) return;
      const item = this.queue.shift()!;
      member.inFlight++;
      void this.#deliver(member, item);
    }
  }

  idle(member: Member): Promise<void> {
    if (member.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.set(member, resolve));
  }

  #pickMember(): Member | undefined {
    for (let i = 0; i < this.members.length; i++) {
      const member = this.members[(this.#next + i) % this.members.length]!;
      if (!member.closed && member.inFlight < member.prefetch) {
        this.#next = (this.#next + i + 1) % this.members.length;
        return member;
      }
    }
    return undefined;
  }

  async #deliver(member: Member, item: Queued): Promise<void> {
    const redeliveries = item.deliveries;
    item.deliveries++;
    try {
      await member.handler({ ...structuredClone(item.message), redeliveries });
      item.settle();
    } catch (error) {
      this.onError(error, item.message);
      if (item.deliveries >= this.maxDeliveries) {
        this.deadLetters.push(item.message);
        item.settle();
      } else {
        // Back to the head of the queue, as RabbitMQ requeues a rejected message.
        setTimeout(() => {
          this.queue.unshift(item);
          this.pump();
        }, this.redeliveryDelayMs).unref();
      }
    } finally {
      member.inFlight--;
      if (member.inFlight === 0) {
        this.#waiters.get(member)?.();
        this.#waiters.delete(member);
      }
      this.pump();
    }
  }
}
