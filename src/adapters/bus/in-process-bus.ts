import type {
  BusMessage,
  MessageBus,
  MessageHandler,
  SubscribeOptions,
  Subscription,
} from '../../shared/ports/message-bus.ts';
import { topicMatches } from './topic-pattern.ts';

export interface InProcessBusOptions {
  /** Deliveries of one message to one group before it is dead-lettered. */
  maxDeliveries?: number;
  /** Delay before a failed message is delivered again. */
  redeliveryDelayMs?: number;
  onHandlerError?: (error: unknown, message: BusMessage, group: string) => void;
}

interface Queued {
  message: BusMessage;
  deliveries: number;
  /** Called once the message is handled or dead-lettered. */
  settle: () => void;
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
 * redelivery, then a dead-letter list. Messages live only in memory, so `publish` resolves
 * only once every subscribed group handled (or dead-lettered) them: until then the outbox
 * keeps them, and a crash means they are published again, not lost.
 */
export class InProcessBus implements MessageBus {
  readonly publishAwaitsHandlers = true;
  readonly #groups = new Map<string, Group>();
  readonly #maxDeliveries: number;
  readonly #redeliveryDelayMs: number;
  readonly #onHandlerError: NonNullable<InProcessBusOptions['onHandlerError']>;
  #closed = false;

  constructor({
    maxDeliveries = 5,
    redeliveryDelayMs = 50,
    onHandlerError = () => {},
  }: InProcessBusOptions = {}) {
    this.#maxDeliveries = maxDeliveries;
    this.#redeliveryDelayMs = redeliveryDelayMs;
    this.#onHandlerError = onHandlerError;
  }

  async publish(messages: BusMessage[]): Promise<void> {
    if (this.#closed) throw new Error('bus is closed');
    const handled: Promise<void>[] = [];
    for (const message of messages) {
      const copy = structuredClone(message);
      for (const group of this.#groups.values()) {
        if (group.topics.some((pattern) => topicMatches(pattern, message.topic)))
          handled.push(group.push(copy));
      }
    }
    await Promise.all(handled);
  }

  async subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription> {
    if (this.#closed) throw new Error('bus is closed');
    let group = this.#groups.get(options.group);
    if (!group) {
      group = new Group(options.topics, this.#maxDeliveries, this.#redeliveryDelayMs, (error, message) =>
        this.#onHandlerError(error, message, options.group),
      );
      this.#groups.set(options.group, group);
    } else {
      for (const topic of options.topics) if (!group.topics.includes(topic)) group.topics.push(topic);
    }
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

  async readDeadLetters(group: string, limit: number): Promise<BusMessage[]> {
    return (this.#groups.get(group)?.deadLetters ?? []).slice(0, limit);
  }

  async ping(): Promise<void> {
    if (this.#closed) throw new Error('bus is closed');
  }

  async close(): Promise<void> {
    this.#closed = true;
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

  /** Queues the message; resolves when it is handled, at once if nobody listens to the group. */
  push(message: BusMessage): Promise<void> {
    if (this.members.length === 0) {
      this.queue.push({ message, deliveries: 0, settle: () => {} });
      return Promise.resolve();
    }
    return new Promise((settle) => {
      this.queue.push({ message, deliveries: 0, settle });
      this.pump();
    });
  }

  /** On close: nobody will handle what is queued; release publishers waiting for it. */
  abandon(): void {
    for (const item of this.queue.splice(0)) item.settle();
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
