import type { Message, Options } from 'amqplib';
import type { EventEnvelope, MessageHeaders } from '../../shared/envelope.ts';
import type { BusMessage, DeliveredMessage } from '../../shared/ports/message-bus.ts';

/** Carries `BusMessage.key`, which has no AMQP property of its own. */
export const KEY_HEADER = 'x-message-key';
/** The topic of a re-driven dead letter, which goes straight to its group's queue. */
export const TOPIC_HEADER = 'x-message-topic';

/** Broker and bus bookkeeping; not part of the headers the publisher sent. */
const isInternalHeader = (name: string): boolean =>
  name === KEY_HEADER ||
  name === TOPIC_HEADER ||
  name === 'x-delivery-count' ||
  name === 'x-death' ||
  name.startsWith('x-first-death-') ||
  name.startsWith('x-last-death-');

export function encode({ envelope, headers, key }: BusMessage): {
  content: Buffer;
  options: Options.Publish;
} {
  const amqpHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) amqpHeaders[name] = value;
  amqpHeaders[KEY_HEADER] = key;
  const options: Options.Publish = {
    persistent: true,
    contentType: 'application/json',
    messageId: envelope.event_id,
    type: envelope.event_type,
    headers: amqpHeaders,
  };
  const millis = Date.parse(envelope.timestamp);
  if (Number.isFinite(millis)) options.timestamp = Math.floor(millis / 1000); // AMQP timestamps are seconds
  if (headers.correlation_id !== undefined) options.correlationId = headers.correlation_id;
  return { content: Buffer.from(JSON.stringify(envelope)), options };
}

/** Rebuilds the published message; throws when the body is not a JSON event envelope. */
export function decode(message: Message): BusMessage {
  const envelope: unknown = JSON.parse(message.content.toString('utf8'));
  if (!isEnvelope(envelope)) throw new Error('message body is not an event envelope');
  const amqpHeaders = message.properties.headers ?? {};
  const headers: MessageHeaders = {};
  for (const [name, value] of Object.entries(amqpHeaders)) {
    if (typeof value === 'string' && !isInternalHeader(name)) headers[name] = value;
  }
  const key = amqpHeaders[KEY_HEADER];
  return {
    topic: originalTopic(message),
    // Messages from other publishers may lack the header; orders are keyed by order id.
    key: typeof key === 'string' ? key : envelope.data.order_id,
    envelope,
    headers,
  };
}

export function decodeDelivery(message: Message): DeliveredMessage {
  const count = message.properties.headers?.['x-delivery-count'];
  // Quorum queues count returns in x-delivery-count (absent on the first delivery); the
  // redelivered flag is the fallback for queues that do not.
  const redeliveries = typeof count === 'number' ? count : message.fields.redelivered ? 1 : 0;
  return { ...decode(message), redeliveries };
}

/**
 * Dead-lettering re-routes by queue name; the topic it was published with is kept in x-death,
 * or, once re-driven, in its own header.
 */
function originalTopic(message: Message): string {
  const redriven = message.properties.headers?.[TOPIC_HEADER];
  if (typeof redriven === 'string') return redriven;
  const death = message.properties.headers?.['x-death']?.[0]?.['routing-keys']?.[0];
  return typeof death === 'string' ? death : message.fields.routingKey;
}

function isEnvelope(value: unknown): value is EventEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const data = v.data as Record<string, unknown> | null | undefined;
  return (
    typeof v.event_id === 'string' &&
    typeof v.event_type === 'string' &&
    typeof v.timestamp === 'string' &&
    typeof v.source === 'string' &&
    typeof data === 'object' &&
    data !== null &&
    typeof data.order_id === 'string'
  );
}
