import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing, type Tracing } from '../../src/adapters/observability/tracing.ts';

// As tracing.e2e.test.ts, in embedded mode: PGlite (no pg instrumentation applies) and the
// in-process bus, whose publish spans are made by the bus itself. Only the SDK is imported
// statically; the server after it has started.
const exporter = new InMemorySpanExporter();
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const idOf = (span: ReadableSpan) => span.spanContext().spanId;

describe('tracing: one order is one trace (embedded: PGlite, in-process bus)', () => {
  let tracing: Tracing;
  let support: typeof import('../support/orderflow-server.ts');
  let groups: string[];
  let eventually: typeof import('../support/eventually.ts').eventually;
  let server: Awaited<ReturnType<typeof support.startTestServer>>;

  beforeAll(async () => {
    tracing = await startTracing({
      serviceName: 'orderflow-test',
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    support = await import('../support/orderflow-server.ts');
    ({ eventually } = await import('../support/eventually.ts'));
    const { CONSUMER_GROUPS } = await import('../../src/composition/consumer-groups.ts');
    groups = CONSUMER_GROUPS.map(({ group }) => group);
    const { RecordingPushChannel } = await import('../support/recording-push-channel.ts');
    server = await support.startTestServer(
      {},
      { notificationChannels: { push: { android: new RecordingPushChannel('android') } } },
    );
  });

  afterAll(async () => {
    await server?.stop();
    await tracing?.shutdown();
  });

  it('links the request, the in-process publishes, every consumer and the sends', async () => {
    const { baseUrl } = server;
    const alice = support.api(baseUrl, await support.getToken(baseUrl, 'alice'));
    expect(
      (await alice('POST', '/api/v1/me/devices', { platform: 'android', token: 'trace-device' })).status,
    ).toBe(201);
    const created = await alice('POST', '/api/v1/orders', {
      items: [{ product_id: 'sandwich-club', quantity: 1 }],
      payment: { method: 'wallet' },
    });
    expect(created.status).toBe(201);
    const request = exporter
      .getFinishedSpans()
      .find(
        (span) =>
          span.kind === SpanKind.SERVER &&
          span.instrumentationScope.name === '@opentelemetry/instrumentation-http' &&
          Object.values(span.attributes).includes('/api/v1/orders'),
      );
    expect(request).toBeDefined();
    const traceId = request!.spanContext().traceId;
    const inTrace = () =>
      exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
    const named = (name: string) => inTrace().filter((span) => span.name === name);

    let byId = new Map<string, ReadableSpan>();
    const rootOf = (span: ReadableSpan): ReadableSpan => {
      const next = byId.get(parentOf(span) ?? '');
      return next ? rootOf(next) : span;
    };
    await eventually(
      () => {
        for (const group of groups) expect(named(`${group} process`).length, group).toBeGreaterThan(0);
        expect(named('notification send email').length).toBeGreaterThan(0);
        expect(named('notification send push_android').length).toBeGreaterThan(0);
        byId = new Map(inTrace().map((span) => [idOf(span), span]));
        const root = rootOf(request!);
        for (const span of byId.values()) expect(idOf(rootOf(span)), span.name).toBe(idOf(root));
      },
      { timeoutMs: 20_000 },
    );
    for (const group of groups) {
      for (const consumer of named(`${group} process`)) {
        const parent = byId.get(parentOf(consumer)!);
        expect(parent?.instrumentationScope.name, group).toBe('orderflow.in-process-bus');
        expect(parent?.kind, group).toBe(SpanKind.PRODUCER);
      }
    }
    expect(named('order.created publish')).toHaveLength(1);
  });
});
