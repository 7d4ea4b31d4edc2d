import { connect } from 'amqplib';
import { RabbitMqBus, type RabbitMqBusOptions } from '../../src/adapters/bus/rabbitmq-bus.ts';
import { CONSUMER_GROUPS } from '../../src/composition/consumer-groups.ts';
import type { MessageHandler, SubscribeOptions, Subscription } from '../../src/shared/ports/message-bus.ts';

export const brokerUrl = process.env.BROKER_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

export type TestOptions = Omit<RabbitMqBusOptions, 'url' | 'exchange' | 'queuePrefix' | 'connectionName'>;

/**
 * A bus in a namespace of its own (exchange `namespace`, queues `namespace.<group>`) that
 * remembers its groups, so `dispose` can delete everything it declared on the shared broker.
 */
export class TestRabbitMqBus extends RabbitMqBus {
  readonly groups = new Set<string>();

  constructor(
    readonly namespace: string,
    options: TestOptions = {},
  ) {
    super({
      url: brokerUrl,
      exchange: namespace,
      queuePrefix: `${namespace}.`,
      connectionName: namespace,
      ...options,
    });
    for (const { group } of options.groups ?? []) this.groups.add(group);
  }

  override subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription> {
    this.groups.add(options.group);
    return super.subscribe(options, handler);
  }

  /** Closes the bus, then deletes its queues and exchanges through a connection of its own. */
  async dispose(): Promise<void> {
    await this.close();
    const connection = await connect(brokerUrl);
    try {
      const channel = await connection.createChannel();
      for (const group of this.groups) {
        await channel.deleteQueue(`${this.namespace}.${group}`);
        await channel.deleteQueue(`${this.namespace}.${group}.dlq`);
      }
      await channel.deleteExchange(this.namespace);
      await channel.deleteExchange(`${this.namespace}.dlx`);
      await channel.deleteExchange(`${this.namespace}.broadcast`);
    } finally {
      await connection.close();
    }
  }
}

/** Every consumer group orderflow declares (the registry), so tests can remove a namespace's queues. */
export const ORDERFLOW_GROUPS = CONSUMER_GROUPS.map((g) => g.group);

/** Deletes what a running orderflow declared under `namespace`, plus the test's own queues. */
export async function deleteNamespace(
  channel: { deleteQueue(q: string): Promise<unknown>; deleteExchange(e: string): Promise<unknown> },
  namespace: string,
  extraQueues: string[] = [],
): Promise<void> {
  const groups = ORDERFLOW_GROUPS.flatMap((g) => [`${namespace}.${g}`, `${namespace}.${g}.dlq`]);
  for (const queue of [...extraQueues, ...groups]) await channel.deleteQueue(queue);
  await channel.deleteExchange(namespace);
  await channel.deleteExchange(`${namespace}.dlx`);
  await channel.deleteExchange(`${namespace}.broadcast`);
}
