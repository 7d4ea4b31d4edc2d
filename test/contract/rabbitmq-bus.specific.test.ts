import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Socket } from 'node:net';
import { promisify } from 'node:util';
import { type Channel, type ChannelModel, connect } from 'amqplib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type BusLogger, RabbitMqBus } from '../../src/adapters/bus/rabbitmq-bus.ts';
import { type BusMessage, UnroutableMessageError } from '../../src/shared/ports/message-bus.ts';
import { eventually } from '../support/eventually.ts';
import { brokerUrl, type TestOptions, TestRabbitMqBus } from './rabbitmq-fixture.ts';

const run = promisify(execFile);

/** Closes only this bus's connection, found by its connection name, as an operator would. */
async function forceCloseConnection(connectionName: string): Promise<void> {
  const { stdout } = await run('rabbitmqctl', ['list_connections', '-q', 'pid', 'client_properties']);
  const line = stdout.split('\n').find((l) => l.includes(`{"connection_name","${connectionName}"}`));
  if (!line) throw new Error(`no connection named ${connectionName}`);
  await run('rabbitmqctl', ['close_connection', line.split('\t')[0]!, 'test']);
}

interface LogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
}

/** Records what the bus logs; `onEntry` runs synchronously, inside the bus's own event handling. */
function recordingLogger(onEntry: (entry: LogEntry) => void = () => {}): {
  logger: BusLogger;
  entries: LogEntry[];
} {
  const entries: LogEntry[] = [];
  const record = (level: LogEntry['level']) => (_fields: object, message: string) => {
    const entry = { level, message };
    entries.push(entry);
    onEntry(entry);
  };
  return { logger: { info: record('info'), warn: record('warn'), error: record('error') }, entries };
}

const message = (topic = 'order.created', extra: Record<string, unknown> = {}): BusMessage => {
  const orderId = randomUUID();
  return {
    topic,
    key: orderId,
    envelope: {
      event_id: randomUUID(),
      event_type: topic,
      timestamp: '2024-05-01T12:00:00.000Z',
      source: 'rabbitmq-test',
      data: { order_id: orderId, ...extra },
    },
    headers: {
      correlation_id: randomUUID(),
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      tracestate: 'vendor=1',
    },
  };
};

describe('RabbitMqBus on RabbitMQ', () => {
  let raw: ChannelModel;
  let channel: Channel;
  const buses: TestRabbitMqBus[] = [];

  const newBus = async (
    maxDeliveries = 3,
    onLog?: (entry: LogEntry) => void,
    more: Omit<TestOptions, 'maxDeliveries' | 'logger'> = {},
  ): Promise<{ bus: TestRabbitMqBus; entries: LogEntry[] }> => {
    const { logger, entries } = recordingLogger(onLog);
    const bus = new TestRabbitMqBus(`test-${randomUUID()}`, { maxDeliveries, logger, ...more });
    buses.push(bus);
    await bus.start();
    return { bus, entries };
  };
  const messageCount = async (queue: string): Promise<number> =>
    (await channel.checkQueue(queue)).messageCount;

  beforeAll(async () => {
    raw = await connect(brokerUrl);
    channel = await raw.createChannel();
  });
  afterAll(async () => {
    await raw.close();
  });
  afterEach(async () => {
    for (const bus of buses.splice(0)) await bus.dispose();
  });

  it("turns Nagle's algorithm off on its connection (a small frame must not wait for a delayed ACK)", async () => {
    const setNoDelay = vi.spyOn(Socket.prototype, 'setNoDelay');
    try {
      await newBus();
      expect(setNoDelay.mock.calls.map((call) => call[0])).toContain(true);
      expect(setNoDelay.mock.calls.map((call) => call[0])).not.toContain(false);
    } finally {
      setNoDelay.mockRestore();
    }
  });

  it('publishes the envelope as the JSON body with AMQP properties and headers', async () => {
    const { bus } = await newBus();
    const { queue } = await channel.assertQueue('', { exclusive: true });
    await channel.bindQueue(queue, bus.namespace, '#');
    const sent = message();
    await bus.publish([sent]);

    const got = await eventually(async () => {
      const m = await channel.get(queue, { noAck: true });
      if (m === false) throw new Error('not routed yet');
      return m;
    });
    expect(got.content.toString()).toBe(JSON.stringify(sent.envelope));
    expect(got.fields.routingKey).toBe('order.created');
    expect(got.properties).toMatchObject({
      deliveryMode: 2,
      contentType: 'application/json',
      messageId: sent.envelope.event_id,
      type: 'order.created',
      correlationId: sent.headers.correlation_id,
      timestamp: Date.parse('2024-05-01T12:00:00.000Z') / 1000,
      headers: { ...sent.headers, 'x-message-key': sent.key },
    });
    await channel.deleteQueue(queue);
  });

  it('publishes mandatory: a message no queue takes fails the publish, is logged and counted', async () => {
    const unroutable: BusMessage[] = [];
    const { bus, entries } = await newBus(3, undefined, { onUnroutable: (m) => unroutable.push(m) });
    const { queue } = await channel.assertQueue('', { exclusive: true });
    await channel.bindQueue(queue, bus.namespace, 'order.created');
    const routed = message('order.created');
    const lost = message('order.nobody_listens');

    const error = await bus.publish([routed, lost, routed]).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(UnroutableMessageError);
    expect((error as UnroutableMessageError).messages).toEqual([lost]);
    expect(unroutable).toEqual([lost]);
    expect(entries.filter((e) => e.level === 'error').map((e) => e.message)).toEqual([
      'no queue is bound for this message; publish failed',
    ]);
    // The others were routed (a re-publish of them is deduped by consumers).
    await eventually(async () => expect(await messageCount(queue)).toBe(2));
    // The same channel keeps publishing, and a routable publish resolves.
    await expect(bus.publish([message('order.created')])).resolves.toBeUndefined();
    await channel.deleteQueue(queue);
  });

  it('declares every group of the topology on connect, before any member subscribes', async () => {
    const { bus } = await newBus(3, undefined, {
      groups: [{ group: 'later', topics: ['order.*'] }],
    });
    const early = message('order.created');
    await bus.publish([early]);
    expect(await messageCount(`${bus.namespace}.later`)).toBe(1);
    expect(await messageCount(`${bus.namespace}.later.dlq`)).toBe(0);

    const got: BusMessage[] = [];
    await bus.subscribe({ group: 'later', topics: ['order.*'] }, async (m) => {
      got.push(m);
    });
    await eventually(() => expect(got.map((m) => m.envelope)).toEqual([early.envelope]));
  });

  it('declares the topology again after a reconnect, before publishing', async () => {
    const { bus } = await newBus(3, undefined, {
      groups: [{ group: 'redeclared', topics: ['order.*'] }],
    });
    // The broker loses the queue (an operator deleted it, a node was reset) and the connection.
    await channel.deleteQueue(`${bus.namespace}.redeclared`);
    await forceCloseConnection(bus.namespace);
    await eventually(() => bus.ping(), { timeoutMs: 20_000 });

    await bus.publish([message('order.status_updated')]);
    expect(await messageCount(`${bus.namespace}.redeclared`)).toBe(1);
  });

  it('counts redeliveries, then dead-letters with topic, key and headers; reading peeks', async () => {
    const { bus, entries } = await newBus(3);
    const redeliveries: number[] = [];
    await bus.subscribe({ group: 'fails', topics: ['order.*'] }, async (m) => {
      redeliveries.push(m.redeliveries);
      throw new Error('always');
    });
    const sent = message('order.status_updated');
    await bus.publish([sent]);

    await eventually(async () => expect(await bus.readDeadLetters('fails', 10)).toEqual([sent]));
    expect(redeliveries).toEqual([0, 1, 2]);
    expect(await bus.readDeadLetters('fails', 10)).toEqual([sent]);
    expect(await bus.readDeadLetters('fails', 0)).toEqual([]);
    expect(await messageCount(`${bus.namespace}.fails.dlq`)).toBe(1);
    expect(entries.filter((e) => e.message.startsWith('message handler failed'))).toHaveLength(3);
  });

  it('keeps dead letters in order and honours the limit', async () => {
    const { bus } = await newBus(1);
    await bus.subscribe({ group: 'fails', topics: ['#'] }, async () => {
      throw new Error('always');
    });
    const sent = Array.from({ length: 5 }, () => message());
    await bus.publish(sent);
    await eventually(async () => expect(await bus.readDeadLetters('fails', 10)).toHaveLength(5));
    expect(await bus.readDeadLetters('fails', 10)).toEqual(sent);
    expect(await bus.readDeadLetters('fails', 2)).toEqual(sent.slice(0, 2));
    expect(await bus.readDeadLetters('fails', 10)).toEqual(sent);
  });

  it('dead-letters a body that is not an envelope without calling the handler, and carries on', async () => {
    const { bus, entries } = await newBus();
    const handled: string[] = [];
    await bus.subscribe({ group: 'reader', topics: ['#'] }, async (m) => {
      handled.push(m.envelope.event_id);
    });
    channel.publish(bus.namespace, 'order.created', Buffer.from('{not json'));
    channel.publish(bus.namespace, 'order.created', Buffer.from('{"event_id":"no data"}'));
    const healthy = message();
    await bus.publish([healthy]);

    await eventually(() => expect(handled).toEqual([healthy.envelope.event_id]));
    await eventually(async () => expect(await messageCount(`${bus.namespace}.reader.dlq`)).toBe(2));
    expect(entries.filter((e) => e.level === 'error')).toHaveLength(2);
    // They cannot be returned as BusMessages, so the inspector skips them (and leaves them).
    expect(await bus.readDeadLetters('reader', 10)).toEqual([]);
    expect(await messageCount(`${bus.namespace}.reader.dlq`)).toBe(2);
  });

  it('waits for a running handler on Subscription.close, and acks its message', async () => {
    const { bus } = await newBus();
    let release = (): void => {};
    let started = (): void => {};
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const subscription = await bus.subscribe({ group: 'slow', topics: ['#'] }, async () => {
      started();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    await bus.publish([message()]);
    await running;

    let closed = false;
    const closing = subscription.close().then(() => {
      closed = true;
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(closed).toBe(false);
    release();
    await closing;
    await eventually(async () => {
      const queue = await channel.checkQueue(`${bus.namespace}.slow`);
      expect(queue).toMatchObject({ messageCount: 0, consumerCount: 0 });
    });
  });

  it('reads no dead letters for a group that never subscribed', async () => {
    const { bus } = await newBus();
    expect(await bus.readDeadLetters('nobody', 10)).toEqual([]);
    await expect(bus.ping()).resolves.toBeUndefined();
  });

  it('rejects ping, publish and subscribe once closed', async () => {
    const { bus } = await newBus();
    await bus.close();
    await expect(bus.ping()).rejects.toThrow(/closed/);
    await expect(bus.publish([message()])).rejects.toThrow(/closed/);
    await expect(bus.subscribe({ group: 'late', topics: ['#'] }, async () => {})).rejects.toThrow(/closed/);
  });

  it('fails start() when the broker stays unreachable', async () => {
    const unreachable = new RabbitMqBus({ url: 'amqp://guest:guest@127.0.0.1:1', connectRetries: 1 });
    await expect(unreachable.start()).rejects.toThrow();
    await unreachable.close();
  });

  it('recovers after the broker closes the connection: topology, subscriptions, publishing', async () => {
    const whileDown: Promise<string>[] = [];
    let bus: TestRabbitMqBus | undefined;
    const settled = (p: Promise<unknown>) =>
      p.then(
        () => 'resolved',
        (error: Error) => error.message,
      );
    const created = await newBus(3, (entry) => {
      // Runs inside the 'disconnect' event, so the connection is certainly down here.
      if (bus && entry.message === 'RabbitMQ connection lost') {
        whileDown.push(settled(bus.ping()), settled(bus.publish([message()])));
      }
    });
    bus = created.bus;
    const got: string[] = [];
    await bus.subscribe({ group: 'survivor', topics: ['order.*'], prefetch: 5 }, async (m) => {
      got.push(m.envelope.event_id);
    });
    const before = message();
    await bus.publish([before]);
    await eventually(() => expect(got).toEqual([before.envelope.event_id]));

    await forceCloseConnection(bus.namespace);
    await eventually(() => expect(whileDown).toHaveLength(2));
    expect(await Promise.all(whileDown)).toEqual([
      'RabbitMQ connection is down',
      'RabbitMQ connection is down',
    ]);
    await eventually(() => bus.ping(), { timeoutMs: 20_000 });

    const after = message('order.status_updated');
    await bus.publish([after]);
    await eventually(() => expect(got).toEqual([before.envelope.event_id, after.envelope.event_id]));
    // One consumer again, not one per connection.
    expect((await channel.checkQueue(`${bus.namespace}.survivor`)).consumerCount).toBe(1);
  });
});
