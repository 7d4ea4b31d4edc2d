import { context, trace } from '@opentelemetry/api';

/**
 * A pino `mixin`: every line logged while a span is active carries its `trace_id` and
 * `span_id`, so a log line leads to its trace and back. Nothing is added with tracing off.
 */
export function traceLogFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getSpan(context.active());
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  if (!trace.isSpanContextValid(span.spanContext())) return {};
  return { trace_id: traceId, span_id: spanId };
}
