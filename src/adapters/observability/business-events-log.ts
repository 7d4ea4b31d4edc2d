import type { BusMessage } from '../../shared/ports/message-bus.ts';

/** Minimal structured logger; a pino logger fits. */
export interface BusinessEventLogger {
  info(fields: object, message: string): void;
}

/**
 * Logs each order change at info once the relay has published it: `order placed`, `order
 * paid`, `order cancelled` (with the reason and who cancelled), `order status changed` (from,
 * to, by whom). Logged where every committed change passes exactly once in the normal run, the
 * relay, so no writer has to remember to log; a crash before the mark re-publishes, and logs,
 * a batch again. `trace_id` is the trace of the request that caused it.
 */
export function logBusinessEvents(log: BusinessEventLogger): (messages: readonly BusMessage[]) => void {
  return (messages) => {
    for (const { envelope, headers } of messages) {
      const data = envelope.data as Record<string, unknown>;
      const fields = {
        event: envelope.event_type,
        event_id: envelope.event_id,
        order_id: data.order_id,
        actor_id: headers.actor_id,
        correlation_id: headers.correlation_id,
        trace_id: traceIdOf(headers.traceparent),
      };
      if (envelope.event_type === 'order.created') {
        log.info(
          { ...fields, customer_id: data.customer_id, total: data.total, status: data.status },
          'order placed',
        );
        continue;
      }
      const change = { ...fields, previous_status: data.previous_status, status: data.current_status };
      if (data.current_status === 'PAID') log.info({ ...change, amount: data.amount }, 'order paid');
      else if (data.current_status === 'CANCELLED')
        log.info(
          { ...change, reason: data.reason, cancelled_by: data.cancelled_by, refunded: data.refunded },
          'order cancelled',
        );
      else log.info(change, 'order status changed');
    }
  };
}

/** The trace id of a W3C `traceparent` (`00-<trace id>-<span id>-<flags>`). */
function traceIdOf(traceparent: string | undefined): string | undefined {
  const traceId = traceparent?.split('-')[1];
  return traceId && /^[0-9a-f]{32}$/.test(traceId) ? traceId : undefined;
}
