import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { connect } from 'amqplib';
import { afterEach, describe, expect, it } from 'vitest';
import { CONSUMER_GROUPS } from '../../src/composition/consumer-groups.ts';
import type { BusMessage } from '../../src/shared/ports/message-bus.ts';
import { brokerUrl, deleteNamespace, TestRabbitMqBus } from '../contract/rabbitmq-fixture.ts';
import { eventually } from '../support/eventually.ts';
import { freePort } from '../support/free-port.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { runCli, spawnNode } from '../support/run-process.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}, 120_000);

async function freshDatabase(): Promise<string> {
  const database = await createTestDatabase();
  cleanups.push(database.drop);
  return database.url;
}

describe('the orderflow command (bin/orderflow.mjs)', { timeout: 240_000 }, () => {
  it('--help prints the usage on stdout and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Usage: orderflow \[options\] \[command\]/);
    for (const command of ['serve', 'migrate', 'projections', 'dlq'])
      expect(run.stdout).toMatch(new RegExp(`^  ${command}`, 'm'));
    const rebuild = await runCli(['projections', 'rebuild', '--help']);
    expect(rebuild.code).toBe(0);
    expect(rebuild.stdout).toContain('Usage: orderflow projections rebuild [options]');
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${version}\n`);
  });

  it('refuses an unknown command or role on stderr with a non-zero exit', async () => {
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const role = await runCli(['serve', '--role', 'kitchen']);
    expect(role.code).not.toBe(0);
    expect(role.stderr).toContain(
      'Allowed choices are api, relay, projections, fulfilment, notifications, hub, all',
    );
    // Splitting roles needs a shared database and broker: a configuration error (78) naming ROLES.
    const split = await runCli(['serve', '--role', 'api']);
    expect(split.code).toBe(78);
    expect(split.stderr).toContain('ROLES');
  });

  it('migrate applies the migrations once and says so', async () => {
    const databaseUrl = await freshDatabase();
    const first = await runCli(['migrate'], { DATABASE_URL: databaseUrl });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^applied (\d+) of \1 migrations: 0001-foundation, /);
    const again = await runCli(['migrate'], { DATABASE_URL: databaseUrl });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^database schema up to date \(\d+ migrations\)\n$/);
  });

  it('serve --role api runs only the API, like ROLES=api npm start, and stops on SIGTERM', async () => {
    const databaseUrl = await freshDatabase();
    const namespace = `test-${randomUUID().slice(0, 8)}`;
    cleanups.push(async () => {
      const amqp = await connect(brokerUrl);
      await deleteNamespace(await amqp.createChannel(), namespace);
      await amqp.close();
    });
    const port = await freePort();
    const server = spawnNode(['bin/orderflow.mjs', 'serve', '--role', 'api'], {
      DATABASE_URL: databaseUrl,
      BROKER_URL: brokerUrl,
      BROKER_EXCHANGE: namespace,
      BROKER_QUEUE_PREFIX: `${namespace}.`,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
    });
    cleanups.push(async () => {
      server.kill('SIGKILL');
      await server.exited;
    });
    await server.waitFor('"msg":"orderflow started"');
    expect(server.output()).toContain('"roles":["api"]');
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    server.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });

  it('dlq lists, shows and re-drives a poison message dead-lettered while its queue kept flowing', async () => {
    const namespace = `test-${randomUUID().slice(0, 8)}`;
    const bus = new TestRabbitMqBus(namespace, { groups: CONSUMER_GROUPS, maxDeliveries: 2 });
    await bus.start();
    cleanups.push(async () => {
      await bus.dispose();
      const amqp = await connect(brokerUrl);
      await deleteNamespace(await amqp.createChannel(), namespace);
      await amqp.close();
    });
    const env = {
      BROKER_URL: brokerUrl,
      BROKER_EXCHANGE: namespace,
      BROKER_QUEUE_PREFIX: `${namespace}.`,
      BUS_MAX_DELIVERIES: '2',
    };
    const letter = (): BusMessage => {
      const orderId = randomUUID();
      return {
        topic: 'order.created',
        key: orderId,
        envelope: {
          event_id: randomUUID(),
          event_type: 'order.created',
          timestamp: new Date().toISOString(),
          source: 'cli-test',
          data: { order_id: orderId },
        },
        headers: { correlation_id: randomUUID() },
      };
    };
    const [poison, healthy] = [letter(), letter()];
    const poisonId = poison.envelope.event_id;
    let broken = true;
    let poisonDeliveries = 0;
    const handled: string[] = [];
    await bus.subscribe({ group: 'notifications', topics: ['order.*'] }, async (m) => {
      if (m.envelope.event_id === poisonId) {
        poisonDeliveries++;
        if (broken) throw new Error('poison');
      }
      handled.push(m.envelope.event_id);
    });
    await bus.publish([poison, healthy]);
    // Dead-lettered after BUS_MAX_DELIVERIES (2) deliveries; the message behind it was handled.
    await eventually(async () => expect(await bus.readDeadLetters('notifications', 10)).toHaveLength(1));
    expect(poisonDeliveries).toBe(2);
    expect(handled).toEqual([healthy.envelope.event_id]);

    const list = await runCli(['dlq', 'list'], env);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toBe(
      `${['notifications', poisonId, 'order.created', 'order.created', poison.key, poison.envelope.timestamp].join('\t')}\n`,
    );
    expect(list.stderr).toContain('1 dead letter in order-info, ');
    const other = await runCli(['dlq', 'list', '--group', 'fulfilment'], env);
    expect([other.code, other.stdout]).toEqual([0, '']);

    const show = await runCli(['dlq', 'show', poisonId], env);
    expect(show.code, show.stderr).toBe(0);
    expect(JSON.parse(show.stdout)).toEqual({ group: 'notifications', ...poison });
    const missing = await runCli(['dlq', 'show', randomUUID()], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no dead letter');

    const neither = await runCli(['dlq', 'redrive'], env);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('give one event id or --all');
    const unknownGroup = await runCli(['dlq', 'redrive', '--all', '--group', 'nope'], env);
    expect(unknownGroup.code).toBe(2);
    const embedded = await runCli(['dlq', 'list'], {});
    expect(embedded.code).toBe(78);
    expect(embedded.stderr).toContain('BROKER_URL');

    broken = false; // the cause is fixed; the operator re-drives
    const redrive = await runCli(['dlq', 'redrive', poisonId], env);
    expect(redrive.code, redrive.stderr).toBe(0);
    expect(redrive.stdout).toBe('re-drove 1 dead letter of notifications\n');
    await eventually(() => expect(handled).toEqual([healthy.envelope.event_id, poisonId]));
    const after = await runCli(['dlq', 'list'], env);
    expect([after.code, after.stdout]).toEqual([0, '']);
    const again = await runCli(['dlq', 'redrive', '--all'], env);
    expect(again.code).toBe(1);
  });
});
