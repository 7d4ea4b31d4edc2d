import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { MessageHandler } from '../../shared/ports/message-bus.ts';
import type { Metrics } from './metrics.ts';

const tracer = trace.getTracer('orderflow.consumers');

/**
 * Wraps a consumer group's handler: the handling runs in a consumer span whose parent is the
 * trace context in the message's headers (the publish that carried the request's trace out of
 * the outbox), so what the handler does (queries, pushes, e-mails) joins the order's trace;
 * and each message is counted and timed per group.
 */
export function observedConsumer(
  group: string,
  handler: MessageHandler,
  metrics: Pick<Metrics, 'consumerMessages' | 'consumerHandleSeconds'>,
): MessageHandler {
  return (message) => {
    const parent = propagation.extract(ROOT_CONTEXT, message.headers);
    const span = tracer.startSpan(
      `${group} process`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.operation.type': 'process',
          'messaging.consumer.group.name': group,
          'messaging.destination.name': message.topic,
          'messaging.message.id': message.envelope.event_id,
          'orderflow.order_id': message.envelope.data.order_id,
          'orderflow.redeliveries': message.redeliveries,
        },
      },
      parent,
    );
    const stopTimer = metrics.consumerHandleSeconds.startTimer({ group });
    return context.with(trace.setSpan(parent, span), async () => {
      try {
        await handler(message);
        metrics.consumerMessages.inc({ group, outcome: 'handled' });
      } catch (error) {
        metrics.consumerMessages.inc({ group, outcome: 'failed' });
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        stopTimer();
        span.end();
      }
    });
  };
}
