import type { Writable } from 'node:stream';
import { type ChannelModel, connect, type RecoveringChannelModel } from 'amqplib';
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
import { coalesceWrites } from './coalesce-writes.ts';
import { RabbitMqBroadcastSubscription } from './rabbitmq-broadcast.ts';
import { decode } from './rabbitmq-codec.ts';
import { redriveDeadLetters } from './rabbitmq-dead-letters.ts';
import { RabbitMqPublisher } from './rabbitmq-publisher.ts';
import { type BusLogger, openChannel, RabbitMqSubscription } from './rabbitmq-subscription.ts';
import {
  deadLetterQueue,
  declareExchanges,
  declareGroupQueues,
  groupQueue,
  type Topology,
  topology,
} from './rabbitmq-topology.ts';

export type { BusLogger } from './rabbitmq-subscription.ts';

export interface RabbitMqBusOptions {
  /** `amqp://user:pass@host:port/vhost`; a `heartbeat` query parameter in it wins over `heartbeatSeconds`. */
  url: string;
  exchange?: string;
  queuePrefix?: string;
  /**
   * Every consumer group of the system, declared on connect and on every reconnect before
   * anything is published or consumed, so no message is published where no queue takes it.
   */
  groups?: readonly ConsumerGroup[];
  /** Called for each message of a publish that no queue took (it stays in the outbox). */
  onUnroutable?: (message: BusMessage) => void;
  /** Deliveries of one message to one group, the first included, before it is dead-lettered. */
  maxDeliveries?: number;
  /** 0 disables heartbeats. */
  heartbeatSeconds?: number;
  /** Reconnect attempts before `start()` gives up; once connected the bus reconnects forever. */
  connectRetries?: number;
  /** Shown by `rabbitmqctl list_connections client_properties` and the management UI. */
  connectionName?: string;
  logger?: BusLogger;
}

/** The live connection, as left by the last successful `setup`. */
interface Session {
  model: ChannelModel;
  publisher: Promise<RabbitMqPublisher> | undefined;
}

/** What the bus (re)starts on every connection: group members and broadcast subscribers. */
interface Restartable {
  start(model: ChannelModel): Promise<void>;
  close(): Promise<void>;
}

const silent: BusLogger = { info() {}, warn() {}, error() {} };

/**
 * The `MessageBus` on RabbitMQ. Messages go to a durable topic exchange (routing key = topic);
 * each consumer group has a durable quorum queue whose native delivery limit dead-letters a
 * message after `maxDeliveries` failed deliveries into the group's `.dlq` queue.
 *
 * The topology is static: the exchanges and every group in `groups` (queue, bindings, DLQ) are
 * declared by every process, whatever it runs, before it publishes or consumes. Publishes are
 * `mandatory`, so a message that matched no queue fails its publish instead of vanishing.
 *
 * Connection loss is handled by amqplib's opt-in recovery: after every (re)connect its `setup`
 * hook re-declares the topology and restarts every open subscription. While the connection is
 * down `publish` and `ping` reject at once (the outbox keeps unconfirmed messages and retries),
 * and `subscribe` registers the subscription to start on reconnect.
 *
 * Delivery is at least once: a handler's message is acked only after the handler resolved.
 */
export class RabbitMqBus implements MessageBus {
  readonly #url: string;
  readonly #topology: Topology;
  readonly #groups: readonly ConsumerGroup[];
  readonly #onUnroutable: (message: BusMessage) => void;
  readonly #connectRetries: number;
  readonly #connectionName: string;
  readonly #logger: BusLogger;
  readonly #subscriptions = new Set<Restartable>();
  #connection: RecoveringChannelModel | undefined;
  #session: Session | undefined;
  #closed = false;

  constructor({
    url,
    exchange = 'orders',
    queuePrefix = 'orderflow.',
    groups = [],
    onUnroutable = () => {},
    maxDeliveries = 5,
    heartbeatSeconds = 15,
    connectRetries = 5,
    connectionName = 'orderflow',
    logger = silent,
  }: RabbitMqBusOptions) {
    const parsed = new URL(url);
    // amqplib reads the heartbeat of a string URL from its query only, not from socket options.
    if (!parsed.searchParams.has('heartbeat')) parsed.searchParams.set('heartbeat', String(heartbeatSeconds));
    this.#url = parsed.toString();
    this.#topology = topology(exchange, queuePrefix, maxDeliveries);
    this.#groups = groups;
    this.#onUnroutable = onUnroutable;
    this.#connectRetries = connectRetries;
    this.#connectionName = connectionName;
    this.#logger = logger;
  }

  static async connect(options: RabbitMqBusOptions): Promise<RabbitMqBus> {
    const bus = new RabbitMqBus(options);
    await bus.start();
    return bus;
  }

  /** Connects and declares the topology; rejects if the broker stays unreachable. */
  async start(): Promise<void> {
    if (this.#connection) throw new Error('RabbitMQ bus already started');
    const connection = await connect(this.#url, {
      clientProperties: { connection_name: this.#connectionName },
      // Nagle off (amqplib leaves it on): a small frame written while an earlier one is unacked
      // waited for the broker's delayed ACK, about 40 ms (a live-update nudge took 33-42 ms to be
      // confirmed). Frames of one turn of the event loop are coalesced anyway (`coalesceWrites`).
      noDelay: true,
      recovery: {
        initialMaxRetries: this.#connectRetries,
        // A restarted broker is back within seconds: try again at most 5 s apart (amqplib's
        // default backoff grows to 30 s), with its jitter spreading the processes out.
        maxDelay: 5_000,
        setup: (model: ChannelModel) => this.#setup(model),
      },
    });
    this.#connection = connection;
    const log = { exchange: this.#topology.exchange };
    // Without an 'error' listener, EventEmitter would throw connection errors at the process.
    connection.on('error', (err: Error) => this.#logger.warn({ ...log, err }, 'RabbitMQ connection error'));
    connection.on('disconnect', (err: Error) =>
      this.#logger.warn({ ...log, err }, 'RabbitMQ connection lost'),
    );
    connection.on('connect', () => this.#logger.info(log, 'RabbitMQ connected'));
    connection.on('connect-failed', (err: Error) =>
      this.#logger.warn({ ...log, err }, 'RabbitMQ reconnect failed'),
    );
    connection.on('reconnect-failed', (err: Error) =>
      this.#logger.error({ ...log, err }, 'RabbitMQ recovery gave up'),
    );
    this.#logger.info(log, 'RabbitMQ connected');
  }

  /** Runs on every (re)connect, before amqplib hands the connection out. */
  async #setup(model: ChannelModel): Promise<void> {
    // amqplib attaches its own listener only after setup; errors surface through `connection`.
    model.on('error', () => {});
    // One writev per turn of the event loop for the acks and publishes it produced.
    const socket = (model.connection as unknown as { stream?: Writable }).stream;
    if (socket) coalesceWrites(socket);
    model.once('close', () => {
      if (this.#session?.model === model) this.#session = undefined;
    });
    const channel = await openChannel(model, this.#logger, 'setup');
    await declareExchanges(channel, this.#topology);
    for (const { group, topics } of this.#groups) {
      await declareGroupQueues(channel, this.#topology, group, topics);
    }
    await channel.close();
    // Iterating the live set also starts subscriptions added while this loop awaits; the session
    // is published right after it, with no await between, so none can fall in the gap.
    for (const subscription of this.#subscriptions) await subscription.start(model);
    this.#session = { model, publisher: undefined };
  }

  async publish(messages: BusMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const publisher = await this.#publisher();
    try {
      await publisher.publish(messages);
    } catch (err) {
      if (err instanceof UnroutableMessageError) {
        for (const message of err.messages) {
          this.#logger.error(
            { eventId: message.envelope.event_id, topic: message.topic, exchange: this.#topology.exchange },
            'no queue is bound for this message; publish failed',
          );
          this.#onUnroutable(message);
        }
      }
      throw err;
    }
  }

  async subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription> {
    if (this.#closed) throw new Error('RabbitMQ bus is closed');
    const subscription = new RabbitMqSubscription(this.#topology, options, handler, this.#logger, (s) =>
      this.#subscriptions.delete(s),
    );
    return this.#startSubscription(subscription, { group: options.group });
  }

  /**
   * Best effort, outside the outbox: published to the broadcast exchange, not `mandatory`, so a
   * broadcast no process subscribes to is dropped without error. Rejects while the connection is
   * down or if the broker does not confirm.
   */
  async broadcast(channel: string, payload: Record<string, unknown>): Promise<void> {
    const publisher = await this.#publisher();
    await publisher.broadcast(this.#topology.broadcastExchange, channel, payload);
  }

  async subscribeBroadcast(channel: string, handler: BroadcastHandler): Promise<Subscription> {
    if (this.#closed) throw new Error('RabbitMQ bus is closed');
    const subscription = new RabbitMqBroadcastSubscription(
      this.#topology,
      channel,
      handler,
      this.#logger,
      (s) => this.#subscriptions.delete(s),
    );
    return this.#startSubscription(subscription, { broadcast: channel });
  }

  async #startSubscription<T extends Restartable>(subscription: T, log: object): Promise<T> {
    this.#subscriptions.add(subscription);
    const session = this.#session;
    if (!session) {
      this.#logger.warn(log, 'RabbitMQ is down; the subscription starts on reconnect');
      return subscription;
    }
    try {
      await subscription.start(session.model);
    } catch (err) {
      // A lost connection is retried by the next setup; anything else (e.g. a queue declared
      // with other arguments) is the caller's to see.
      if (this.#session === session) {
        this.#subscriptions.delete(subscription);
        throw err;
      }
      this.#logger.warn({ err, ...log }, 'RabbitMQ lost while subscribing; retried on reconnect');
    }
    return subscription;
  }

  /**
   * Peeks: returns up to `limit` messages from the front of the group's dead-letter queue and
   * leaves them there, in order (they are fetched unacked, then requeued), so repeated reads
   * see the same messages. Bodies that are not envelopes are logged and skipped. A group that
   * was neither declared nor subscribed has no dead-letter queue and reads as empty.
   */
  async readDeadLetters(group: string, limit: number): Promise<BusMessage[]> {
    const session = this.#requireSession();
    const queue = deadLetterQueue(this.#topology, group);
    const channel = await openChannel(session.model, this.#logger, `read ${queue}`);
    const letters: BusMessage[] = [];
    let fetched = 0;
    try {
      while (letters.length < limit) {
        const message = await channel.get(queue, { noAck: false });
        if (message === false) break;
        fetched++;
        try {
          letters.push(decode(message));
        } catch (err) {
          this.#logger.warn(
            { err, queue, messageId: message.properties.messageId },
            'unreadable dead letter',
          );
        }
      }
      if (fetched > 0) channel.nackAll(true); // requeued in their original places
      await channel.close();
    } catch (err) {
      if (isNotFound(err)) return []; // the broker closed the channel along with the 404
      await channel.close().catch(() => {});
      throw err;
    }
    return letters;
  }

  /** See `redriveDeadLetters` in rabbitmq-dead-letters.ts. */
  async redriveDeadLetters(group: string, eventIds?: readonly string[]): Promise<number> {
    return redriveDeadLetters(this.#requireSession().model, this.#topology, group, eventIds, this.#logger);
  }

  /**
   * Ready messages in the group's queue and its dead-letter queue, from passive declares
   * (`checkQueue`): nothing is created or consumed. Unacked deliveries are not counted.
   */
  async queueDepth(group: string): Promise<QueueDepth> {
    const channel = await openChannel(this.#requireSession().model, this.#logger, `depth of ${group}`);
    const count = async (queue: string): Promise<number> => (await channel.checkQueue(queue)).messageCount;
    try {
      const ready = await count(groupQueue(this.#topology, group));
      const deadLetters = await count(deadLetterQueue(this.#topology, group));
      await channel.close();
      return { ready, deadLetters };
    } catch (err) {
      await channel.close().catch(() => {}); // a 404 already closed it
      if (isNotFound(err)) return { ready: 0, deadLetters: 0 };
      throw err;
    }
  }

  /** Checks the connection with a round trip; rejects while it is down or recovering. */
  async ping(): Promise<void> {
    const channel = await openChannel(this.#requireSession().model, this.#logger, 'ping');
    try {
      await channel.checkExchange(this.#topology.exchange);
    } finally {
      await channel.close().catch(() => {}); // already closed if the check failed
    }
  }

  /** Closes the subscriptions (waiting for running handlers), then the connection. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.close()));
    this.#session = undefined;
    await this.#connection?.close();
  }

  #requireSession(): Session {
    if (this.#closed) throw new Error('RabbitMQ bus is closed');
    if (!this.#session) throw new Error('RabbitMQ connection is down');
    return this.#session;
  }

  #publisher(): Promise<RabbitMqPublisher> {
    const session = this.#requireSession();
    if (!session.publisher) {
      const opening = RabbitMqPublisher.open(session.model, this.#topology.exchange, this.#logger).then(
        (publisher) => {
          // Reopened on the next publish, e.g. after a channel error on a live connection.
          publisher.onClose(() => {
            if (session.publisher === opening) session.publisher = undefined;
          });
          return publisher;
        },
      );
      opening.catch(() => {
        if (session.publisher === opening) session.publisher = undefined;
      });
      session.publisher = opening;
    }
    return session.publisher;
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 404;
}
