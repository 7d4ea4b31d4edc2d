import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerUrl, deleteNamespace } from '../contract/rabbitmq-fixture.ts';
import { type OrderflowProcess, spawnOrderflow } from '../support/child-process.ts';
import { eventually } from '../support/eventually.ts';
import { freePort } from '../support/free-port.ts';
import { api, getToken } from '../support/orderflow-server.ts';
import { createTestDatabase } from '../support/postgres.ts';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  scope: string;
  service: string;
}

/** A minimal OTLP/HTTP JSON receiver: what an OpenTelemetry Collector would be sent. */
async function startCollector(): Promise<{ url: string; spans: OtlpSpan[]; close(): Promise<void> }> {
  const spans: OtlpSpan[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        type Attr = { key: string; value: { stringValue?: string } };
        const payload = JSON.parse(body) as {
          resourceSpans: {
            resource: { attributes: Attr[] };
            scopeSpans: { scope: { name: string }; spans: Omit<OtlpSpan, 'scope' | 'service'>[] }[];
          }[];
        };
        for (const { resource, scopeSpans } of payload.resourceSpans) {
          const service = resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
          for (const { scope, spans: batch } of scopeSpans)
            for (const span of batch) spans.push({ ...span, scope: scope.name, service });
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// The way an operator turns tracing on: the standard OTEL_* variables on `src/main.ts`, run as
// its own process (tsx, ESM), exporting OTLP/HTTP to a collector. Checks the SDK hooks pg,
// amqplib and fastify in a real process, not only under the test runner.
describe('tracing configured by OTEL_* in a real process (OTLP/HTTP JSON to a collector)', () => {
  const namespace = `test-${randomUUID().slice(0, 8)}`;
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let orderflow: OrderflowProcess | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  let baseUrl: string;

  beforeAll(async () => {
    collector = await startCollector();
    const database = await createTestDatabase();
    dropDatabase = database.drop;
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    orderflow = await spawnOrderflow(
      {
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: database.url,
        BROKER_URL: brokerUrl,
        BROKER_EXCHANGE: namespace,
        BROKER_QUEUE_PREFIX: `${namespace}.`,
        DEMO_DATA: 'true',
        OUTBOX_POLL_MS: '50',
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        OTEL_BSP_SCHEDULE_DELAY: '100',
        OTEL_SERVICE_NAME: 'orderflow-otlp-test',
      },
      90_000,
    );
  }, 120_000);

  afterAll(async () => {
    await orderflow?.stop();
    const amqp = await connect(brokerUrl);
    await deleteNamespace(await amqp.createChannel(), namespace, []);
    await amqp.close();
    await dropDatabase?.();
    await collector?.close();
  });

  it('exports one trace per order: HTTP, Fastify, PostgreSQL, RabbitMQ, consumers, notifications', async () => {
    const alice = api(baseUrl, await getToken(baseUrl, 'alice'));
    const created = await alice('POST', '/api/v1/orders', {
      items: [{ product_id: 'sandwich-club', quantity: 1 }],
      payment: { method: 'wallet' },
    });
    expect(created.status).toBe(201);
    await eventually(
      () => {
        const request = collector.spans.find(
          (span) =>
            span.scope === '@opentelemetry/instrumentation-http' &&
            span.kind === 2 && // SERVER
            span.name.includes('/api/v1/orders'),
        );
        expect(request, 'the POST /api/v1/orders server span').toBeDefined();
        expect(request!.service).toBe('orderflow-otlp-test');
        const scopes = new Set(
          collector.spans.filter((span) => span.traceId === request!.traceId).map((span) => span.scope),
        );
        for (const scope of [
          '@fastify/otel',
          '@opentelemetry/instrumentation-pg',
          '@opentelemetry/instrumentation-amqplib',
          'orderflow.consumers',
          'orderflow.notifications',
        ]) {
          expect(scopes, scope).toContain(scope);
        }
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  });
});
