import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type { BroadcastHandler, Subscription } from '../../shared/ports/message-bus.ts';
import { type BusLogger, openChannel } from './rabbitmq-subscription.ts';
import type { Topology } from './rabbitmq-topology.ts';

/**
 * One broadcast subscriber: a server-named, exclusive, auto-delete queue bound to the broadcast
 * exchange with the channel as routing key. The queue is this subscriber's alone and vanishes
 * with its channel, so every subscriber (one per process) gets its own copy of each broadcast
 * and nothing piles up for a process that is gone. The bus calls `start` on subscribe and after
 * every reconnect (a new queue then: what was broadcast while disconnected is missed, which is
 * what "best effort" allows).
 */
export class RabbitMqBroadcastSubscription implements Subscription {
  #model: ChannelModel | undefined;
  #starting: Promise<void> | undefined;
  #channel: Channel | undefined;
  #closed = false;

  constructor(
    private readonly topology: Topology,
    private readonly channelName: string,
    private readonly handler: BroadcastHandler,
    private readonly logger: BusLogger,
    private readonly onClose: (subscription: RabbitMqBroadcastSubscription) => void,
  ) {}

  start(model: ChannelModel): Promise<void> {
    if (this.#closed) return Promise.resolve();
    if (this.#model !== model || !this.#starting) {
      this.#model = model;
      this.#starting = this.#consume(model);
    }
    return this.#starting;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.onClose(this);
    await this.#starting?.catch(() => {});
    await this.#channel?.close().catch(() => {});
  }

  async #consume(model: ChannelModel): Promise<void> {
    const channel = await openChannel(model, this.logger, `broadcast ${this.channelName}`);
    this.#channel = channel;
    try {
      await channel.assertExchange(this.topology.broadcastExchange, 'direct', { durable: true });
      const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
      await channel.bindQueue(queue, this.topology.broadcastExchange, this.channelName);
      await channel.consume(queue, (message) => this.#onMessage(message), { noAck: true });
    } catch (error) {
      await channel.close().catch(() => {});
      throw error;
    }
  }

  #onMessage(message: ConsumeMessage | null): void {
    if (message === null || this.#closed) return;
    let payload: unknown;
    try {
      payload = JSON.parse(message.content.toString('utf8'));
    } catch (err) {
      this.logger.warn({ err, channel: this.channelName }, 'unreadable broadcast ignored');
      return;
    }
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return;
    Promise.resolve()
      .then(() => this.handler(payload as Record<string, unknown>))
      .catch((err: unknown) =>
        this.logger.warn({ err, channel: this.channelName }, 'broadcast handler failed (best effort)'),
      );
  }
}
