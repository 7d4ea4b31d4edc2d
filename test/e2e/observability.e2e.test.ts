import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { connect } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONSUMER_GROUPS } from '../../src/composition/consumer-groups.ts';
import { brokerUrl, deleteNamespace } from '../contract/rabbitmq-fixture.ts';
import { eventually } from '../support/eventually.ts';
import { LiveClient } from '../support/live-client.ts';
import { api, getToken, startTestServer, type TestServer } from '../support/orderflow-server.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { metricNamesIn, parseExposition, type Sample } from '../support/prometheus-text.ts';
import { RecordingPushChannel } from '../support/recording-push-channel.ts';
import { type SmtpTestServer, startSmtpTestServer } from '../support/smtp-test-server.ts';

const GROUPS = CONSUMER_GROUPS.map(({ group }) => group);

// Seed 000's "metrics from every hop", scraped from /metrics of a production-mode process
// (PostgreSQL + RabbitMQ), and the shipped alert rules and dashboard checked against it.
describe('metrics from every hop (PostgreSQL + RabbitMQ)', () => {
  const namespace = `test-${randomUUID().slice(0, 8)}`;
  let server: TestServer;
  let smtp: SmtpTestServer;
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    const database = await createTestDatabase();
    dropDatabase = database.drop;
    server = await startTestServer(
      {
        DATABASE_URL: database.url,
        BROKER_URL: brokerUrl,
        BROKER_EXCHANGE: namespace,
        BROKER_QUEUE_PREFIX: `${namespace}.`,
        DEMO_DATA: 'true',
        OUTBOX_POLL_MS: '50',
        SMTP_URL: smtp.url,
      },
      { notificationChannels: { push: { android: new RecordingPushChannel('android') } } },
    );
  });

  afterAll(async () => {
    await server?.stop();
    const amqp = await connect(brokerUrl);
    await deleteNamespace(await amqp.createChannel(), namespace, []);
    await amqp.close();
    await dropDatabase?.();
    await smtp?.close();
  });

  const scrape = async () => {
    const response = await fetch(`${server.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    return parseExposition(await response.text());
  };
  const find = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
    samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  const value = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
    find(samples, name, labels).reduce((sum, s) => sum + s.value, 0);

  it('reports consumer lag and dead letters for every group, sockets, the waiting list and the outbox', async () => {
    const { samples } = await scrape();
    for (const group of GROUPS) {
      expect(find(samples, 'orderflow_consumer_lag_messages', { group }), group).toHaveLength(1);
      expect(find(samples, 'orderflow_dead_letters', { group }), group).toHaveLength(1);
    }
    for (const name of [
      'orderflow_live_sockets',
      'orderflow_assignment_waiting_orders',
      'orderflow_outbox_lag_seconds',
      'orderflow_outbox_pending_messages',
    ]) {
      expect(find(samples, name), name).toHaveLength(1);
    }
  });

  it('counts one paid order at every hop: HTTP, outbox, each consumer group, e-mail and push', async () => {
    const { baseUrl } = server;
    const alice = api(baseUrl, await getToken(baseUrl, 'alice'));
    expect(
      (await alice('POST', '/api/v1/me/devices', { platform: 'android', token: 'metrics-device' })).status,
    ).toBe(201);
    const created = await alice('POST', '/api/v1/orders', {
      items: [{ product_id: 'sandwich-club', quantity: 1 }],
      payment: { method: 'wallet' },
    });
    expect(created.status).toBe(201);
    await eventually(
      async () => {
        const { samples } = await scrape();
        for (const group of GROUPS) {
          expect(
            value(samples, 'orderflow_consumer_messages_total', { group, outcome: 'handled' }),
            group,
          ).toBeGreaterThan(0);
          expect(value(samples, 'orderflow_consumer_handle_seconds_count', { group }), group).toBeGreaterThan(
            0,
          );
        }
        expect(
          value(samples, 'orderflow_http_request_duration_seconds_count', {
            route: '/api/v1/orders',
            method: 'POST',
            status_code: '201',
          }),
        ).toBe(1);
        expect(value(samples, 'orderflow_outbox_published_total')).toBeGreaterThanOrEqual(2);
        expect(value(samples, 'notifications_sent_total', { channel: 'email', outcome: 'delivered' })).toBe(
          1,
        );
        expect(
          value(samples, 'notifications_sent_total', { channel: 'push_android', outcome: 'delivered' }),
        ).toBeGreaterThan(0);
      },
      { timeoutMs: 20_000 },
    );
  });

  it('counts a dead letter in each group that took a poison message', async () => {
    const amqp = await connect(brokerUrl);
    const channel = await amqp.createConfirmChannel();
    // Not an event envelope: every group bound to order.created dead-letters it at once.
    channel.publish(namespace, 'order.created', Buffer.from('{"not":"an envelope"}'), { persistent: true });
    await channel.waitForConfirms();
    await amqp.close();
    const takers = CONSUMER_GROUPS.filter(({ topics }) =>
      topics.some((t) => t === 'order.created' || t === '#'),
    );
    expect(takers.length).toBeGreaterThan(0);
    await eventually(async () => {
      const { samples } = await scrape();
      for (const { group } of takers)
        expect(value(samples, 'orderflow_dead_letters', { group }), group).toBe(1);
    });
  });

  it('counts the live sockets this process holds', async () => {
    const token = await getToken(server.baseUrl, 'bob');
    const client = await LiveClient.connect(server.baseUrl, { token });
    try {
      await eventually(async () => expect(value((await scrape()).samples, 'orderflow_live_sockets')).toBe(1));
    } finally {
      client.socket.close();
    }
    await eventually(async () => expect(value((await scrape()).samples, 'orderflow_live_sockets')).toBe(0));
  });

  it('ships alert rules (deploy/prometheus/alerts.yml) that watch only metrics /metrics exposes', async () => {
    const { names } = await scrape();
    const file = parse(await readFile('deploy/prometheus/alerts.yml', 'utf8')) as {
      groups: { name: string; rules: Record<string, unknown>[] }[];
    };
    const rules = file.groups.flatMap((group) => group.rules);
    const alerts = rules.map((rule) => rule.alert);
    for (const wanted of [
      'OrderflowOutboxLag',
      'OrderflowConsumerLag',
      'OrderflowDeadLetters',
      'OrderflowNotificationFailureRate',
    ]) {
      expect(alerts).toContain(wanted);
    }
    for (const rule of rules) {
      expect(typeof rule.alert, JSON.stringify(rule)).toBe('string');
      expect((rule.labels as Record<string, string>)?.severity, String(rule.alert)).toMatch(
        /^(page|warning)$/,
      );
      expect((rule.annotations as Record<string, string>)?.summary, String(rule.alert)).toBeTruthy();
      const used = metricNamesIn(String(rule.expr));
      expect(used.length, String(rule.alert)).toBeGreaterThan(0);
      for (const name of used) expect(names, `${rule.alert} uses ${name}`).toContain(name);
    }
  });

  it('ships a Grafana dashboard (deploy/grafana) whose every query uses metrics /metrics exposes', async () => {
    const { names } = await scrape();
    const dashboard = JSON.parse(await readFile('deploy/grafana/orderflow-dashboard.json', 'utf8')) as {
      panels: { title: string; type: string; targets?: { expr: string }[] }[];
    };
    const queries = dashboard.panels.flatMap((panel) =>
      (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr })),
    );
    expect(queries.length).toBeGreaterThan(10);
    for (const { panel, expr } of queries) {
      const used = metricNamesIn(expr);
      expect(used.length, panel).toBeGreaterThan(0);
      for (const name of used) expect(names, `${panel} uses ${name}`).toContain(name);
    }
    // Every hop has a panel.
    const all = queries.map((q) => q.expr).join('\n');
    for (const name of [
      'orderflow_http_request_duration_seconds_count',
      'orderflow_outbox_lag_seconds',
      'orderflow_consumer_lag_messages',
      'orderflow_dead_letters',
      'notifications_sent_total',
      'orderflow_live_sockets',
      'orderflow_assignment_waiting_orders',
    ]) {
      expect(all, name).toContain(name);
    }
  });
});
