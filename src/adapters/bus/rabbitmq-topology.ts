import type { Channel } from 'amqplib';

/** Names and limits that decide where messages go. One value per bus; the same on every reconnect. */
export interface Topology {
  /** Topic exchange every message is published to; routing key = message topic. */
  exchange: string;
  /** Direct exchange the group queues dead-letter into, routed by the group queue's name. */
  deadLetterExchange: string;
  /** Direct exchange for broadcasts (routing key = channel); only subscribers' own queues bind to it. */
  broadcastExchange: string;
  queuePrefix: string;
  /** Deliveries of one message to one group, the first included, before it is dead-lettered. */
  maxDeliveries: number;
}

export function topology(exchange: string, queuePrefix: string, maxDeliveries: number): Topology {
  if (!Number.isInteger(maxDeliveries) || maxDeliveries < 1) {
    throw new RangeError(`maxDeliveries must be a positive integer, got ${maxDeliveries}`);
  }
  return {
    exchange,
    deadLetterExchange: `${exchange}.dlx`,
    broadcastExchange: `${exchange}.broadcast`,
    queuePrefix,
    maxDeliveries,
  };
}

export function groupQueue(topology: Topology, group: string): string {
  return `${topology.queuePrefix}${group}`;
}

export function deadLetterQueue(topology: Topology, group: string): string {
  return `${groupQueue(topology, group)}.dlq`;
}

export async function declareExchanges(channel: Channel, topology: Topology): Promise<void> {
  await channel.assertExchange(topology.exchange, 'topic', { durable: true });
  await channel.assertExchange(topology.deadLetterExchange, 'direct', { durable: true });
  await channel.assertExchange(topology.broadcastExchange, 'direct', { durable: true });
}

/**
 * Declares a group's quorum queue, its dead-letter queue and the bindings for `topics`.
 * Idempotent, so it runs on every subscribe and on every reconnect. Bindings are only ever
 * added: members of one group may subscribe to different patterns and the group gets the union.
 */
export async function declareGroupQueues(
  channel: Channel,
  topology: Topology,
  group: string,
  topics: readonly string[],
): Promise<string> {
  const queue = groupQueue(topology, group);
  const dlq = deadLetterQueue(topology, group);
  // Classic, not quorum: readDeadLetters peeks by requeueing, and a quorum queue would count
  // every peek as a failed delivery (RabbitMQ 4 drops messages after 20 by default).
  await channel.assertQueue(dlq, { durable: true });
  await channel.bindQueue(dlq, topology.deadLetterExchange, queue);
  await channel.assertQueue(queue, {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      // A quorum queue dead-letters a message once it has been *returned* more than
      // x-delivery-limit times, i.e. after limit + 1 deliveries; we count deliveries.
      'x-delivery-limit': topology.maxDeliveries - 1,
      'x-dead-letter-exchange': topology.deadLetterExchange,
      // Per-group routing, so one group's poison never shows up in another group's DLQ.
      // The original topic survives in the x-death header.
      'x-dead-letter-routing-key': queue,
    },
  });
  for (const topic of topics) await channel.bindQueue(queue, topology.exchange, topic);
  return queue;
}
