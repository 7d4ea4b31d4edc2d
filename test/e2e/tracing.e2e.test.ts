import { randomUUID } from 'node:crypto';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing, type Tracing } from '../../src/adapters/observability/tracing.ts';

// Only the tracing adapter and the SDK are imported statically: the SDK must hook module
// loading before pg, amqplib and fastify load, so everything else is imported dynamically
// once it has started (as main.ts and bin/orderflow.mjs do).
const exporter = new InMemorySpanExporter();

type Support = {
  server: typeof import('../support/orderflow-server.ts');
  postgres: typeof import('../support/postgres.ts');
  rabbit: typeof import('../contract/rabbitmq-fixture.ts');
  smtp: typeof import('../support/smtp-test-server.ts');
  push: typeof import('../support/recording-push-channel.ts');
  eventually: typeof import('../support/eventually.ts');
  groups: typeof import('../../src/composition/consumer-groups.ts');
};

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const idOf = (span: ReadableSpan) => span.spanContext().spanId;

describe('tracing: one order is one trace (PostgreSQL + RabbitMQ, in-memory exporter)', () => {
  const namespace = `test-${randomUUID().slice(0, 8)}`;
  let tracing: Tracing;
  let s: Support;
  let server: Awaited<ReturnType<Support['server']['startTestServer']>>;
  let smtp: Awaited<ReturnType<Support['smtp']['startSmtpTestServer']>>;
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    tracing = await startTracing({
      serviceName: 'orderflow-test',
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    s = {
      server: await import('../support/orderflow-server.ts'),
      postgres: await import('../support/postgres.ts'),
      rabbit: await import('../contract/rabbitmq-fixture.ts'),
      smtp: await import('../support/smtp-test-server.ts'),
      push: await import('../support/recording-push-channel.ts'),
      eventually: await import('../support/eventually.ts'),
      groups: await import('../../src/composition/consumer-groups.ts'),
    };
    smtp = await s.smtp.startSmtpTestServer();
    const database = await s.postgres.createTestDatabase();
    dropDatabase = database.drop;
    server = await s.server.startTestServer(
      {
        DATABASE_URL: database.url,
        BROKER_URL: s.rabbit.brokerUrl,
        BROKER_EXCHANGE: namespace,
        BROKER_QUEUE_PREFIX: `${namespace}.`,
        DEMO_DATA: 'true',
        OUTBOX_POLL_MS: '50',
        SMTP_URL: smtp.url,
        // A letter refused once is retried by the periodic pass within a second.
        NOTIFICATION_RETRY_BASE_MS: '200',
        NOTIFICATION_RETRY_POLL_MS: '100',
      },
      {
        notificationChannels: {
          push: { android: new s.push.RecordingPushChannel('android') },
        },
      },
    );
  });

  afterAll(async () => {
    await server?.stop();
    const { connect } = await import('amqplib');
    const amqp = await connect(s.rabbit.brokerUrl);
    await s.rabbit.deleteNamespace(await amqp.createChannel(), namespace, []);
    await amqp.close();
    await dropDatabase?.();
    await smtp?.close();
    await tracing?.shutdown();
  });

  it('links the request, its transaction, the relay publish, every consumer and the sends', async () => {
    const { baseUrl } = server;
    const alice = s.server.api(baseUrl, await s.server.getToken(baseUrl, 'alice'));
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
          Object.values(span.attributes).includes('/api/v1/orders') &&
          Object.values(span.attributes).includes('POST'),
      );
    expect(request, 'the HTTP server span of POST /api/v1/orders').toBeDefined();
    const traceId = request!.spanContext().traceId;
    const inTrace = () =>
      exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
    const named = (name: string) => inTrace().filter((span) => span.name === name);

    // Paid at once: order.created and order.status_updated (PAID) reach every group; the
    // auto-confirmation and the kitchen assignment they cause stay in the same trace.
    const groups = s.groups.CONSUMER_GROUPS.map(({ group }) => group);
    await s.eventually.eventually(
      () => {
        for (const group of groups) expect(named(`${group} process`).length, group).toBeGreaterThan(0);
        expect(named('notification send email')).toHaveLength(1);
        expect(named('notification send push_android').length).toBeGreaterThan(0);
      },
      { timeoutMs: 20_000 },
    );
    expect(smtp.received).toHaveLength(1);

    const spans = inTrace();
    const scope = (name: string) => spans.filter((span) => span.instrumentationScope.name === name);
    const statements = scope('@opentelemetry/instrumentation-pg').map((span) =>
      String(span.attributes['db.query.text'] ?? span.attributes['db.statement'] ?? ''),
    );
    // The request's transaction: its events and outbox rows, committed.
    expect(statements.some((text) => /insert into "?events"?/i.test(text))).toBe(true);
    expect(statements.some((text) => /insert into "?outbox"?/i.test(text))).toBe(true);
    expect(statements.some((text) => /^commit/i.test(text))).toBe(true);
    // The relay's publishes (amqplib) and the broker's deliveries (amqplib) are in it too.
    const publishes = scope('@opentelemetry/instrumentation-amqplib').filter(
      (span) => span.kind === SpanKind.PRODUCER,
    );
    expect(publishes.length).toBeGreaterThanOrEqual(2);
    expect(spans.some((span) => span.instrumentationScope.name === '@fastify/otel')).toBe(true);

    // One tree: every span's parent is in the trace, up to one root. The root is this test's
    // own fetch (undici is instrumented here too), the request's parent. Spans still open
    // (a consumer finishing) are exported when they end, hence the wait.
    let byId = new Map<string, ReadableSpan>();
    const rootOf = (span: ReadableSpan): ReadableSpan => {
      const parent = parentOf(span);
      const next = parent === undefined ? undefined : byId.get(parent);
      return next ? rootOf(next) : span;
    };
    await s.eventually.eventually(() => {
      byId = new Map(inTrace().map((span) => [idOf(span), span]));
      const root = rootOf(request!);
      expect(root.kind).toBe(SpanKind.CLIENT);
      expect(idOf(root)).toBe(parentOf(request!));
      for (const span of byId.values()) expect(idOf(rootOf(span)), span.name).toBe(idOf(root));
    });
    // The relay's own claiming queries are in no request's trace (its timers start untraced).
    expect(statements.some((text) => /from outbox where published_at is null/i.test(text))).toBe(false);
    // A consumer's parent is a publish (the relay's, through the broker), not the request itself.
    for (const group of groups) {
      for (const consumer of named(`${group} process`)) {
        expect(byId.get(parentOf(consumer)!)?.kind, group).toBe(SpanKind.PRODUCER);
      }
    }
    // The sends are children of the notifications consumer's span.
    for (const send of [...named('notification send email'), ...named('notification send push_android')]) {
      expect(byId.get(parentOf(send)!)?.name).toBe('notifications process');
    }
  });

  it("continues the order's trace in a retry made later by the periodic pass", async () => {
    const { baseUrl } = server;
    const bob = s.server.api(baseUrl, await s.server.getToken(baseUrl, 'bob'));
    const lettersBefore = smtp.received.length;
    // The paid letter's first attempt is refused (451): the periodic pass, which has no trace
    // of its own, sends it again.
    smtp.failNext(451);
    const created = await bob('POST', '/api/v1/orders', {
      items: [{ product_id: 'sandwich-club', quantity: 1 }],
      payment: { method: 'wallet' },
    });
    expect(created.status).toBe(201);
    await s.eventually.eventually(() => expect(smtp.received.length).toBe(lettersBefore + 1), {
      timeoutMs: 20_000,
    });
    const emailSends = () =>
      exporter.getFinishedSpans().filter((span) => span.name === 'notification send email');
    const [refused, retried] = await s.eventually.eventually(
      () => {
        const first = emailSends().filter(
          (span) => span.attributes['orderflow.notification.provider_status'] === 451,
        );
        expect(first).toHaveLength(1);
        const again = emailSends().filter(
          (span) =>
            span.spanContext().traceId === first[0]!.spanContext().traceId &&
            span.attributes['orderflow.notification.outcome'] === 'delivered',
        );
        expect(again).toHaveLength(1);
        return [first[0]!, again[0]!] as const;
      },
      { timeoutMs: 20_000 },
    );
    // Both in the order's one trace, both children of the notifications consumer's span.
    expect(retried!.spanContext().traceId).toBe(refused!.spanContext().traceId);
    expect(parentOf(retried!)).toBe(parentOf(refused!));
    const consumer = exporter.getFinishedSpans().find((span) => idOf(span) === parentOf(retried!));
    expect(consumer?.name).toBe('notifications process');
  });

  it('puts trace_id and span_id on log lines written inside a span, and nothing outside one', async () => {
    const { default: pino } = await import('pino');
    const { trace } = await import('@opentelemetry/api');
    const { traceLogFields } = await import('../../src/adapters/observability/trace-log-fields.ts');
    const lines: Record<string, unknown>[] = [];
    const log = pino({ mixin: traceLogFields }, { write: (line: string) => lines.push(JSON.parse(line)) });
    log.info('outside');
    const ids = trace.getTracer('test').startActiveSpan('logging', (span) => {
      log.info('inside');
      span.end();
      return span.spanContext();
    });
    expect(lines[0]).not.toHaveProperty('trace_id');
    expect(lines[1]).toMatchObject({ msg: 'inside', trace_id: ids.traceId, span_id: ids.spanId });
  });
});
