import { register } from 'node:module';
import { FastifyOtelInstrumentation } from '@fastify/otel';
import { AmqplibInstrumentation } from '@opentelemetry/instrumentation-amqplib';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createAddHookMessageChannel } from 'import-in-the-middle';

export interface TracingOptions {
  serviceName: string;
  /** Instead of the exporter `OTEL_TRACES_EXPORTER` names (tests: an in-memory exporter). */
  spanProcessors?: SpanProcessor[];
}

export interface Tracing {
  /** Flushes the spans still buffered and stops the SDK. */
  shutdown(): Promise<void>;
}

/** Probes and scrapes would drown the traces that matter. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Starts the OpenTelemetry SDK with the instrumentations for what orderflow talks to: HTTP in
 * and out, Fastify's routes and hooks, PostgreSQL (`pg`), RabbitMQ (`amqplib`) and `fetch`
 * (undici: FCM). Must run before those modules are imported: ESM imports are patched by
 * import-in-the-middle's loader hook, registered here for just the modules the
 * instrumentations ask for, so that the application's own modules are loaded untouched.
 */
export async function startTracing({ serviceName, spanProcessors }: TracingOptions): Promise<Tracing> {
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
  const sdk = new NodeSDK({
    serviceName,
    ...(spanProcessors ? { spanProcessors } : {}),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0] ?? ''),
      }),
      // Registers itself on Fastify's initialization diagnostics channel: every app is covered.
      new FastifyOtelInstrumentation({ registerOnInitialization: true }),
      // Polling queries outside any request or message would each be a trace of their own.
      new PgInstrumentation({ requireParentSpan: true }),
      new AmqplibInstrumentation(),
      new UndiciInstrumentation(),
    ],
  });
  sdk.start();
  // The loader thread must know the hooks before the first instrumented import.
  await waitForAllMessagesAcknowledged();
  return { shutdown: () => sdk.shutdown() };
}
