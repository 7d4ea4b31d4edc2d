import type { ChannelModel } from 'amqplib';
import { decode, encode, TOPIC_HEADER } from './rabbitmq-codec.ts';
import type { BusLogger } from './rabbitmq-subscription.ts';
import { deadLetterQueue, groupQueue, type Topology } from './rabbitmq-topology.ts';

/**
 * Moves dead letters of `group` back to the group's own queue (the default exchange, routed
 * by queue name: no other group sees them again). Each is published with a confirm before its
 * dead-letter copy is acknowledged, so a crash in between leaves a copy in both places (the
 * group's handlers deduplicate by event id), never in neither. Reads at most the messages the
 * queue held when it started, so one that dies again meanwhile is not re-driven twice; those
 * not chosen, and bodies that are not envelopes, are requeued in their places.
 */
export async function redriveDeadLetters(
  model: ChannelModel,
  topology: Topology,
  group: string,
  eventIds: readonly string[] | undefined,
  logger: BusLogger,
): Promise<number> {
  const dlq = deadLetterQueue(topology, group);
  const queue = groupQueue(topology, group);
  const channel = await model.createConfirmChannel();
  channel.on('error', (err: Error) =>
    logger.warn({ err, queue: dlq }, 'RabbitMQ channel closed with an error'),
  );
  let moved = 0;
  try {
    const { messageCount } = await channel.checkQueue(dlq);
    for (let i = 0; i < messageCount; i++) {
      const message = await channel.get(dlq, { noAck: false });
      if (message === false) break;
      if (eventIds !== undefined && !eventIds.includes(String(message.properties.messageId))) continue;
      let letter: ReturnType<typeof decode>;
      try {
        letter = decode(message);
      } catch (err) {
        logger.warn(
          { err, queue: dlq, messageId: message.properties.messageId },
          'unreadable dead letter kept',
        );
        continue;
      }
      const { content, options } = encode(letter);
      options.headers = { ...options.headers, [TOPIC_HEADER]: letter.topic };
      channel.sendToQueue(queue, content, options);
      await channel.waitForConfirms();
      channel.ack(message);
      moved++;
    }
    channel.nackAll(true);
    await channel.close();
  } catch (err) {
    if (isNotFound(err)) return 0; // never declared: nothing was dead-lettered
    await channel.close().catch(() => {});
    throw err;
  }
  logger.info({ group, moved }, 'dead letters re-driven');
  return moved;
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 404;
}
