import { context, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import type { TraceContinuation } from '../../shared/ports/trace-continuation.ts';

/**
 * The W3C `traceparent` of the active span, through the globally configured propagator (the
 * SDK's; without one, nothing is captured). Resuming makes it the parent of what `work` starts.
 */
export const otelTraceContinuation: TraceContinuation = {
  capture() {
    if (!trace.getSpan(context.active())) return undefined;
    const carrier: Record<string, string> = {};
    propagation.inject(context.active(), carrier);
    return carrier.traceparent;
  },
  resume(captured, work) {
    if (captured === undefined) return work();
    const parent = propagation.extract(ROOT_CONTEXT, { traceparent: captured });
    return context.with(parent, work);
  },
};
