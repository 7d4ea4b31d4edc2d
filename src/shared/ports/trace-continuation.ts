/**
 * Carries the trace of the work that made something (a notification delivery) to the work done
 * on it later, maybe in another process (a retry pass), so that work continues the same trace.
 * The application layer keeps the captured value opaque; the observability adapter reads it.
 */
export interface TraceContinuation {
  /** The active trace context, serialised (a W3C `traceparent`); undefined when none is active. */
  capture(): string | undefined;
  /** Runs `work` as a continuation of `captured`, or as it is when `captured` is undefined. */
  resume<T>(captured: string | undefined, work: () => Promise<T>): Promise<T>;
}

/** Tracing off: nothing captured, nothing resumed. */
export const noTraceContinuation: TraceContinuation = {
  capture: () => undefined,
  resume: (_captured, work) => work(),
};
