import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type {
  DeliveredMessage,
  MessageHandler,
  SubscribeOptions,
  Subscription,
} from '../../shared/ports/message-bus.ts';
import { decodeDelivery } from './rabbitmq-codec.ts';
import { declareGroupQueues, groupQueue, type Topology } from './rabbitmq-topology.ts';

/** Minimal structured logger; a pino logger fits. */
export interface BusLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** Opens a channel whose protocol errors are logged instead of crashing the process. */
export async function openChannel(model: ChannelModel, logger: BusLogger, purpose: string): Promise<Channel> {
  const channel = await model.createChannel();
  channel.on('error', (err: Error) => logger.warn({ err, purpose }, 'RabbitMQ channel closed with an error'));
  return channel;
}

/**
 * One member of a consumer group: a channel of its own (so `prefetch` is its own) consuming the
 * group's queue. The bus calls `start` on subscribe and again after every reconnect.
 */
export class RabbitMqSubscription implements Subscription {
  readonly #queue: string;
  readonly #inFlight = new Set<Promise<void>>();
  #model: ChannelModel | undefined;
  #starting: Promise<void> | undefined;
  #channel: Channel | undefined;
  #consumerTag: string | undefined;
  #closing: Promise<void> | undefined;

  constructor(
    private readonly topology: Topology,
    private readonly options: SubscribeOptions,
    private readonly handler: MessageHandler,
    private readonly logger: BusLogger,
    private readonly onClose: (subscription: RabbitMqSubscription) => void,
  ) {
    this.#queue = groupQueue(topology, options.group);
  }

  /** Declares the group's queues and consumes on this connection; once per connection. */
  start(model: ChannelModel): Promise<void> {
    if (this.#closing) return Promise.resolve();
    if (this.#model !== model || !this.#starting) {
      this.#model = model;
      this.#starting = this.#consume(model);
    }
    return this.#starting;
  }

  /** Stops new deliveries, then waits for the handlers still running to ack or nack theirs. */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.onClose(this);
    await this.#starting?.catch(() => {});
    const channel = this.#channel;
    if (channel && this.#consumerTag) {
      await channel.cancel(this.#consumerTag).catch(() => {}); // a dead channel consumes nothing anyway
    }
    await Promise.all(this.#inFlight);
    await channel?.close().catch(() => {});
  }

  async #consume(model: ChannelModel): Promise<void> {
    const channel = await openChannel(model, this.logger, `consumer ${this.#queue}`);
    this.#channel = channel;
    channel.on('close', () => {
      if (this.#channel !== channel) return;
      this.#channel = undefined;
      this.#consumerTag = undefined;
    });
    try {
      await declareGroupQueues(channel, this.topology, this.options.group, this.options.topics);
      await channel.prefetch(this.options.prefetch ?? 1);
      const { consumerTag } = await channel.consume(this.#queue, (message) =>
        this.#onMessage(channel, message),
      );
      this.#consumerTag = consumerTag;
    } catch (error) {
      await channel.close().catch(() => {});
      throw error;
    }
  }

  #onMessage(channel: Channel, message: ConsumeMessage | null): void {
    if (message === null) {
      this.logger.warn({ queue: this.#queue }, 'RabbitMQ cancelled the consumer (queue deleted?)');
      return;
    }
    if (this.#closing) {
      // Arrived while cancelling: left unsettled, closing the channel hands it back without
      // counting a failed delivery against it (a nack would).
      return;
    }
    const handled: Promise<void> = this.#handle(channel, message).finally(() =>
      this.#inFlight.delete(handled),
    );
    this.#inFlight.add(handled);
  }

  async #handle(channel: Channel, message: ConsumeMessage): Promise<void> {
    let delivered: DeliveredMessage;
    try {
      delivered = decodeDelivery(message);
    } catch (err) {
      // Redelivering cannot fix the body; straight to the dead-letter queue.
      this.logger.error(
        { err, queue: this.#queue, messageId: message.properties.messageId },
        'unreadable message dead-lettered',
      );
      this.#settle(() => channel.reject(message, false));
      return;
    }
    try {
      await this.handler(delivered);
    } catch (err) {
      this.logger.warn(
        {
          err,
          queue: this.#queue,
          eventId: delivered.envelope.event_id,
          redeliveries: delivered.redeliveries,
        },
        'message handler failed; the message will be redelivered or dead-lettered',
      );
      this.#settle(() => channel.nack(message, false, true));
      return;
    }
    this.#settle(() => channel.ack(message));
  }

  /** Acks on a channel lost with its connection throw; the broker redelivers those messages. */
  #settle(settle: () => void): void {
    try {
      settle();
    } catch (err) {
      this.logger.warn({ err, queue: this.#queue }, 'could not settle message; the broker will redeliver it');
    }
  }
}
