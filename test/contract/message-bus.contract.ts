import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type BusMessage,
  type ConsumerGroup,
  type DeliveredMessage,
  type MessageBus,
  UnroutableMessageError,
} from '../../src/shared/ports/message-bus.ts';
import { eventually } from '../support/eventually.ts';

export interface BusFixture {
  bus: MessageBus;
  /** Publishes the same way as `bus`, but through a second connection (another process). */
  close(): Promise<void>;
}

export interface BusOptions {
  /** Failed messages are redelivered at most this many times, then dead-lettered. */
  maxDeliveries: number;
  /** The static topology: groups the bus declares before anything is published. */
  groups: readonly ConsumerGroup[];
}

/** A group every bus in the contract declares up front, consumed by no test until it says so. */
const DECLARED: ConsumerGroup = { group: 'declared', topics: ['declared.*'] };

/**
 * The behaviour every `MessageBus` must have. Run unchanged against each implementation
 * (in-process and RabbitMQ). `create` gets a fresh namespace so tests never see each other's
 * messages; implementations must redeliver failed messages at most `maxDeliveries` (3) times.
 */
export function messageBusContract(name: string, create: (options: BusOptions) => Promise<BusFixture>): void {
  describe(`MessageBus contract: ${name}`, () => {
    let fixture: BusFixture;
    let bus: MessageBus;

    beforeEach(async () => {
      fixture = await create({ maxDeliveries: 3, groups: [DECLARED] });
      bus = fixture.bus;
    });
    afterEach(async () => {
      await fixture.close();
    });

    const message = (
      topic: string,
      orderId = randomUUID(),
      extra: Record<string, unknown> = {},
    ): BusMessage => ({
      topic,
      key: orderId,
      envelope: {
        event_id: randomUUID(),
        event_type: topic,
        timestamp: new Date().toISOString(),
        source: 'contract-test',
        data: { order_id: orderId, ...extra },
      },
      headers: {
        correlation_id: randomUUID(),
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      },
    });

    const group = () => `g-${randomUUID().slice(0, 8)}`;

    it('delivers the envelope and headers exactly as published', async () => {
      const got: DeliveredMessage[] = [];
      await bus.subscribe({ group: group(), topics: ['order.*'] }, async (m) => {
        got.push(m);
      });
      const sent = message('order.created', randomUUID(), {
        items: [{ product_id: 'p1', quantity: 2 }],
        total: 1200,
      });
      await bus.publish([sent]);
      await eventually(() => expect(got).toHaveLength(1));
      expect(got[0]!.envelope).toEqual(sent.envelope);
      expect(got[0]!.topic).toBe('order.created');
      expect(got[0]!.headers.correlation_id).toBe(sent.headers.correlation_id);
      expect(got[0]!.headers.traceparent).toBe(sent.headers.traceparent);
      expect(got[0]!.redeliveries).toBe(0);
    });

    it('gives every group every message, and shares a group between its members', async () => {
      const a: string[] = [];
      const b1: string[] = [];
      const b2: string[] = [];
      const groupB = group();
      await bus.subscribe({ group: group(), topics: ['#'] }, async (m) => {
        a.push(m.envelope.event_id);
      });
      await bus.subscribe({ group: groupB, topics: ['#'] }, async (m) => {
        b1.push(m.envelope.event_id);
      });
      await bus.subscribe({ group: groupB, topics: ['#'] }, async (m) => {
        b2.push(m.envelope.event_id);
      });
      const sent = Array.from({ length: 20 }, () => message('order.status_updated'));
      await bus.publish(sent);
      await eventually(() => expect(a).toHaveLength(20));
      await eventually(() => expect(b1.length + b2.length).toBe(20));
      expect(new Set([...b1, ...b2]).size).toBe(20);
    });

    it('routes by topic pattern', async () => {
      const got: string[] = [];
      await bus.subscribe({ group: group(), topics: ['order.created'] }, async (m) => {
        got.push(m.topic);
      });
      await bus.subscribe({ group: group(), topics: ['#'] }, async () => {});
      await bus.publish([
        message('order.status_updated'),
        message('order.created'),
        message('payment.created'),
      ]);
      await eventually(() => expect(got).toEqual(['order.created']));
      await new Promise((r) => setTimeout(r, 200));
      expect(got).toEqual(['order.created']);
    });

    it('keeps publish order for one subscriber with prefetch 1', async () => {
      const got: number[] = [];
      await bus.subscribe({ group: group(), topics: ['#'], prefetch: 1 }, async (m) => {
        got.push(m.envelope.data.seq as number);
      });
      const orderId = randomUUID();
      await bus.publish(
        Array.from({ length: 50 }, (_, seq) => message('order.status_updated', orderId, { seq })),
      );
      await eventually(() => expect(got).toHaveLength(50));
      expect(got).toEqual(Array.from({ length: 50 }, (_, i) => i));
    });

    it('redelivers a message whose handler failed, counting redeliveries', async () => {
      const attempts: number[] = [];
      await bus.subscribe({ group: group(), topics: ['#'] }, async (m) => {
        attempts.push(m.redeliveries);
        if (attempts.length < 2) throw new Error('transient');
      });
      await bus.publish([message('order.created')]);
      await eventually(() => expect(attempts).toHaveLength(2));
      expect(attempts[0]).toBe(0);
      expect(attempts[1]).toBeGreaterThanOrEqual(1);
    });

    it('dead-letters a message after the bounded number of failed deliveries and moves on', async () => {
      const g = group();
      const poison = message('order.created');
      const healthy = message('order.created');
      let poisonDeliveries = 0;
      const handled: string[] = [];
      await bus.subscribe({ group: g, topics: ['#'] }, async (m) => {
        if (m.envelope.event_id === poison.envelope.event_id) {
          poisonDeliveries++;
          throw new Error('poison');
        }
        handled.push(m.envelope.event_id);
      });
      await bus.publish([poison, healthy]);
      await eventually(async () => {
        const dead = await bus.readDeadLetters(g, 10);
        expect(dead.map((d) => d.envelope)).toEqual([poison.envelope]);
      });
      expect(handled).toEqual([healthy.envelope.event_id]);
      expect(poisonDeliveries).toBe(3);
      await new Promise((r) => setTimeout(r, 300));
      expect(poisonDeliveries).toBe(3);
    });

    it('re-drives a dead letter to its own group only, with its topic, and leaves the others', async () => {
      const g = group();
      const other = group();
      const [poison, kept] = [message('order.created'), message('order.created')];
      let broken = true;
      const handled: DeliveredMessage[] = [];
      const otherGot: string[] = [];
      await bus.subscribe({ group: other, topics: ['order.*'] }, async (m) => {
        otherGot.push(m.envelope.event_id);
      });
      await bus.subscribe({ group: g, topics: ['order.*'] }, async (m) => {
        if (broken) throw new Error('poison');
        handled.push(m);
      });
      await bus.publish([poison, kept]);
      await eventually(async () => expect(await bus.readDeadLetters(g, 10)).toHaveLength(2));
      broken = false;

      expect(await bus.redriveDeadLetters(g, [poison.envelope.event_id])).toBe(1);
      await eventually(() =>
        expect(handled.map((m) => m.envelope.event_id)).toEqual([poison.envelope.event_id]),
      );
      expect(handled[0]).toMatchObject({
        topic: 'order.created',
        key: poison.key,
        envelope: poison.envelope,
      });
      expect(handled[0]!.headers).toEqual(poison.headers);
      expect((await bus.readDeadLetters(g, 10)).map((m) => m.envelope)).toEqual([kept.envelope]);

      expect(await bus.redriveDeadLetters(g)).toBe(1);
      await eventually(() => expect(handled).toHaveLength(2));
      expect(await bus.readDeadLetters(g, 10)).toEqual([]);
      expect(await bus.redriveDeadLetters(g)).toBe(0);
      expect(await bus.redriveDeadLetters(group())).toBe(0);
      await new Promise((r) => setTimeout(r, 200));
      expect(otherGot.sort()).toEqual([poison, kept].map((m) => m.envelope.event_id).sort());
    });

    it('stops delivering to a closed subscription', async () => {
      const g = group();
      const got: string[] = [];
      const sub = await bus.subscribe({ group: g, topics: ['#'] }, async (m) => {
        got.push(m.envelope.event_id);
      });
      await bus.publish([message('order.created')]);
      await eventually(() => expect(got).toHaveLength(1));
      await sub.close();
      // The group's queue keeps it; a bus whose publish awaits the handlers is still waiting.
      void bus.publish([message('order.created')]).catch(() => {});
      await new Promise((r) => setTimeout(r, 300));
      expect(got).toHaveLength(1);
    });

    it('keeps messages for a declared group until its first member subscribes', async () => {
      const early = [message('declared.created'), message('declared.status_updated')];
      // A bus whose publish awaits the handlers resolves only once the member handled them.
      const published = bus.publish(early);
      await new Promise((r) => setTimeout(r, 200));
      const got: string[] = [];
      await bus.subscribe(DECLARED, async (m) => {
        got.push(m.envelope.event_id);
      });
      await published;
      await eventually(() => expect(got).toEqual(early.map((m) => m.envelope.event_id)));
    });

    it('reports what waits in a group queue and its dead-letter queue (the lag metrics)', async () => {
      expect(bus.queueDepth).toBeDefined();
      const depth = (group: string) => bus.queueDepth!(group);
      expect(await depth('never-declared')).toEqual({ ready: 0, deadLetters: 0 });
      const waiting = [message('declared.created'), message('declared.created')];
      // A bus whose publish awaits the handlers resolves only once the member took them.
      const published = bus.publish(waiting);
      await eventually(async () => expect(await depth(DECLARED.group)).toEqual({ ready: 2, deadLetters: 0 }));
      await bus.subscribe(DECLARED, async () => {
        throw new Error('poison');
      });
      await published;
      await eventually(async () => expect(await depth(DECLARED.group)).toEqual({ ready: 0, deadLetters: 2 }));
    });

    it('fails a publish that no consumer group takes, naming the message', async () => {
      await bus.subscribe({ group: group(), topics: ['order.*'] }, async () => {});
      const lost = message('nobody.listens');
      const error = await bus.publish([lost]).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(UnroutableMessageError);
      expect((error as UnroutableMessageError).messages.map((m) => m.envelope.event_id)).toEqual([
        lost.envelope.event_id,
      ]);
      // The bus stays usable.
      await expect(bus.publish([message('order.created')])).resolves.toBeUndefined();
    });

    describe('broadcast', () => {
      const channel = () => `c-${randomUUID().slice(0, 8)}`;

      it('gives every subscriber of a channel every broadcast, in order, and nothing of other channels', async () => {
        const [c, other] = [channel(), channel()];
        const first: unknown[] = [];
        const second: unknown[] = [];
        const elsewhere: unknown[] = [];
        await bus.subscribeBroadcast(c, (p) => void first.push(p.n));
        await bus.subscribeBroadcast(c, (p) => void second.push(p.n));
        await bus.subscribeBroadcast(other, (p) => void elsewhere.push(p.n));
        for (let n = 0; n < 10; n++) await bus.broadcast(c, { n, users: ['alice'] });
        await eventually(() => expect(first).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
        await eventually(() => expect(second).toEqual(first));
        expect(elsewhere).toEqual([]);
      });

      it('drops a broadcast nobody hears without failing, and never hands it to a consumer group', async () => {
        const grouped: string[] = [];
        await bus.subscribe({ group: group(), topics: ['#'] }, async (m) => {
          grouped.push(m.topic);
        });
        await expect(bus.broadcast(channel(), { users: ['bob'] })).resolves.toBeUndefined();
        await new Promise((r) => setTimeout(r, 200));
        expect(grouped).toEqual([]);
      });

      it('stops hearing after its subscription is closed, and a failing handler does not stop the others', async () => {
        const c = channel();
        const heard: unknown[] = [];
        const closed = await bus.subscribeBroadcast(c, (p) => void heard.push(p.n));
        await bus.subscribeBroadcast(c, () => {
          throw new Error('listener failed');
        });
        const kept: unknown[] = [];
        await bus.subscribeBroadcast(c, (p) => void kept.push(p.n));
        await bus.broadcast(c, { n: 1 });
        await eventually(() => expect(heard).toEqual([1]));
        await closed.close();
        await bus.broadcast(c, { n: 2 });
        await eventually(() => expect(kept).toEqual([1, 2]));
        await new Promise((r) => setTimeout(r, 200));
        expect(heard).toEqual([1]);
      });
    });

    it('answers ping while open', async () => {
      await expect(bus.ping()).resolves.toBeUndefined();
    });
  });
}
