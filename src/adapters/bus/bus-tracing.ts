import { propagation, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import type { BusMessage } from '../../shared/ports/message-bus.ts';

const tracer = trace.getTracer('orderflow.in-process-bus');

/**
 * The in-process bus's counterpart of the amqplib instrumentation's publish span: a producer
 * span in the trace the message's headers name, whose context replaces the message's
 * `traceparent`, so each consumer's span is its child. Without an SDK it is a no-op and the
 * headers stay as they were.
 */
export function tracedCopy(message: BusMessage): BusMessage {
  const copy = structuredClone(message);
  const parent = propagation.extract(ROOT_CONTEXT, message.headers);
  const span = tracer.startSpan(
    `${message.topic} publish`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'orderflow.in_process',
        'messaging.operation.type': 'send',
        'messaging.destination.name': message.topic,
        'messaging.message.id': message.envelope.event_id,
      },
    },
    parent,
  );
  propagation.inject(trace.setSpan(parent, span), copy.headers);
  span.end();
  return copy;
}
