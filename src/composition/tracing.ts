import type { Tracing } from '../adapters/observability/tracing.ts';
import { loadTracingConfig } from '../config.ts';

let started: Tracing | undefined;

/**
 * Starts OpenTelemetry when `OTEL_TRACES_EXPORTER` asks for it; otherwise loads nothing. Call
 * it before importing the rest of orderflow (main and the CLI import it first and the server
 * dynamically after), so that pg, amqplib and fastify load already instrumented.
 */
export async function startTracingIfConfigured(env: Record<string, string | undefined> = process.env) {
  const config = loadTracingConfig(env);
  if (!config.enabled || started) return;
  const { startTracing } = await import('../adapters/observability/tracing.ts');
  started = await startTracing({ serviceName: config.serviceName });
  // Spans still buffered when the process stops are flushed by `stopTracing`; this is the
  // fallback for an exit that never called it.
  process.once('beforeExit', () => void stopTracing());
}

/** Flushes buffered spans; call before the process exits. A no-op with tracing off. */
export async function stopTracing(): Promise<void> {
  const tracing = started;
  started = undefined;
  await tracing?.shutdown();
}
