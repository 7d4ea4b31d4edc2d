import { context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import type { ChannelModel, ConfirmChannel, Message } from 'amqplib';
import { type BusMessage, UnroutableMessageError } from '../../shared/ports/message-bus.ts';
import { encode } from './rabbitmq-codec.ts';
import type { BusLogger } from './rabbitmq-subscription.ts';

/**
 * One confirm channel of one connection, publishing `mandatory`. A message no queue is bound
 * for comes back as `basic.return`; the broker still acks it, but sends the return first on the
 * same channel, so by the time a message's ack arrives its return (if any) has been recorded
 * here, under its message id.
 */
export class RabbitMqPublisher {
  /** Returned message ids whose ack has not arrived yet, with how many times each came back. */
  readonly #returned = new Map<string, number>();

  private constructor(
    private readonly channel: ConfirmChannel,
    private readonly exchange: string,
  ) {}

  static async open(model: ChannelModel, exchange: string, logger: BusLogger): Promise<RabbitMqPublisher> {
    const channel = await model.createConfirmChannel();
    const publisher = new RabbitMqPublisher(channel, exchange);
    channel.on('error', (err: Error) => logger.warn({ err }, 'RabbitMQ publish channel error'));
    channel.on('return', (message: Message) => {
      const id = message.properties.messageId;
      if (typeof id === 'string') publisher.#returned.set(id, (publisher.#returned.get(id) ?? 0) + 1);
    });
    return publisher;
  }

  onClose(listener: () => void): void {
    this.channel.once('close', listener);
  }

  /**
   * Publishes in order on this one channel and waits for every confirm. Rejects if any message
   * was nacked or lost with the channel, or with `UnroutableMessageError` naming the returned
   * ones (the others were routed and stay delivered: consumers dedupe the re-publish).
   */
  async publish(messages: BusMessage[]): Promise<void> {
    const confirms: Promise<BusMessage | undefined>[] = [];
    for (const message of messages) {
      const { content, options } = encode(message);
      let flowing = true;
      const confirmed = new Promise<BusMessage | undefined>((resolve, reject) => {
        // Called once the broker acks or nacks the message, or with an error if the channel dies.
        // Published in the trace its headers name (the request that wrote it to the outbox), so
        // the amqplib instrumentation's publish span continues that trace.
        flowing = inTraceOf(message, () =>
          this.channel.publish(
            this.exchange,
            message.topic,
            content,
            { ...options, mandatory: true },
            (err: unknown) => {
              const returned = this.#takeReturn(message.envelope.event_id);
              if (err) {
                reject(
                  new Error(`RabbitMQ did not confirm message ${message.envelope.event_id}`, { cause: err }),
                );
              } else resolve(returned ? message : undefined);
            },
          ),
        );
      });
      confirms.push(confirmed);
      if (!flowing) await drained(this.channel);
    }
    const unroutable = (await Promise.all(confirms)).filter((m) => m !== undefined);
    if (unroutable.length > 0) throw new UnroutableMessageError(unroutable);
  }

  /**
   * Publishes one broadcast, not `mandatory` (a broadcast no process hears is not an error) and
   * not persistent (it is a hint for live processes), and waits for the broker's confirm.
   */
  async broadcast(exchange: string, channel: string, payload: Record<string, unknown>): Promise<void> {
    const content = Buffer.from(JSON.stringify(payload));
    let flowing = true;
    const confirmed = new Promise<void>((resolve, reject) => {
      flowing = this.channel.publish(
        exchange,
        channel,
        content,
        { contentType: 'application/json', persistent: false },
        (err: unknown) =>
          err
            ? reject(new Error(`RabbitMQ did not confirm a broadcast on ${channel}`, { cause: err }))
            : resolve(),
      );
    });
    if (!flowing) await drained(this.channel);
    await confirmed;
  }

  #takeReturn(id: string): boolean {
    const count = this.#returned.get(id);
    if (count === undefined) return false;
    if (count > 1) this.#returned.set(id, count - 1);
    else this.#returned.delete(id);
    return true;
  }
}

/** Runs `publish` in the trace context carried by the message's headers (none: a new trace). */
function inTraceOf<T>(message: BusMessage, publish: () => T): T {
  return context.with(propagation.extract(ROOT_CONTEXT, message.headers), publish);
}

/** Waits until amqplib's write buffer drains (or the channel dies, which fails the confirms). */
function drained(channel: ConfirmChannel): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      channel.off('drain', done);
      channel.off('close', done);
      resolve();
    };
    channel.on('drain', done);
    channel.on('close', done);
  });
}
