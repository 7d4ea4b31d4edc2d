import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxRelay } from '../../src/adapters/outbox/outbox-relay.ts';
import type { PostgresStorage } from '../../src/adapters/storage/postgres-storage.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { deduplicated } from '../../src/shared/messaging/deduplicated-handler.ts';
import {
  type BusMessage,
  type MessageBus,
  UnroutableMessageError,
} from '../../src/shared/ports/message-bus.ts';
import type { OutboxMessage } from '../../src/shared/ports/outbox.ts';
import { eventually } from '../support/eventually.ts';

export interface RelayFixture {
  storage: PostgresStorage;
  bus: MessageBus;
  close(): Promise<void>;
}

/** The bus confirms the publish, then the relay "dies" before it can mark the rows. */
class CrashAfterPublish implements MessageBus {
  crashes = 1;
  constructor(private readonly inner: MessageBus) {}
  get publishAwaitsHandlers(): boolean {
    return this.inner.publishAwaitsHandlers ?? false;
  }
  async publish(messages: BusMessage[]): Promise<void> {
    await this.inner.publish(messages);
    if (this.crashes-- > 0) throw new Error('relay crashed between publish and mark');
  }
  subscribe: MessageBus['subscribe'] = (o, h) => this.inner.subscribe(o, h);
  readDeadLetters: MessageBus['readDeadLetters'] = (g, l) => this.inner.readDeadLetters(g, l);
  redriveDeadLetters: MessageBus['redriveDeadLetters'] = (g, ids) => this.inner.redriveDeadLetters(g, ids);
  broadcast: MessageBus['broadcast'] = (c, p) => this.inner.broadcast(c, p);
  subscribeBroadcast: MessageBus['subscribeBroadcast'] = (c, h) => this.inner.subscribeBroadcast(c, h);
  ping = () => this.inner.ping();
  close = () => this.inner.close();
}

const message = (topic: string): OutboxMessage => {
  const orderId = randomUUID();
  return {
    topic,
    key: orderId,
    envelope: {
      event_id: randomUUID(),
      event_type: topic,
      timestamp: new Date().toISOString(),
      source: 'relay-test',
      data: { order_id: orderId },
    },
    headers: { correlation_id: randomUUID() },
  };
};

export function outboxRelayScenario(name: string, create: () => Promise<RelayFixture>): void {
  describe(`outbox relay: ${name}`, () => {
    let fixture: RelayFixture;
    beforeAll(async () => {
      fixture = await create();
    });
    afterAll(async () => {
      await fixture?.close();
    });

    it('re-publishes after a crash between publish and mark; the consumer applies it once', async () => {
      const { storage, bus } = fixture;
      const topic = `relay.crash.${randomUUID().slice(0, 8)}`;
      const deliveries: string[] = [];
      const applied: string[] = [];
      await bus.subscribe(
        { group: `relay-test-${randomUUID().slice(0, 8)}`, topics: [topic] },
        async (delivered) => {
          deliveries.push(delivered.envelope.event_id);
          await deduplicated(storage, `relay-test-${topic}`, async (m) => {
            applied.push(m.envelope.event_id);
          })(delivered);
        },
      );
      const sent = message(topic);
      await storage.transaction((tx) => tx.outbox.enqueue([sent]));

      const crashing = new CrashAfterPublish(bus);
      const relay = new OutboxRelay({ storage, bus: crashing, clock: systemClock });
      await expect(relay.relayOnce()).rejects.toThrow('crashed');
      // The "restarted" relay finds the row still unpublished and publishes it again.
      await drainUntilPublished(relay, sent.envelope.event_id, storage);

      await eventually(() =>
        expect(deliveries.filter((id) => id === sent.envelope.event_id)).toHaveLength(2),
      );
      expect(applied).toEqual([sent.envelope.event_id]);
    });

    it('leaves a message no consumer group takes in the outbox, and publishes it once a group exists', async () => {
      const { storage, bus } = fixture;
      const topic = `relay.unroutable.${randomUUID().slice(0, 8)}`;
      const sent = message(topic);
      await storage.transaction((tx) => tx.outbox.enqueue([sent]));
      const relay = new OutboxRelay({ storage, bus, clock: systemClock });

      await expect(relay.relayOnce()).rejects.toBeInstanceOf(UnroutableMessageError);
      await expect(relay.relayOnce()).rejects.toBeInstanceOf(UnroutableMessageError);
      expect(await pendingIds(storage)).toContain(sent.envelope.event_id);

      const got: string[] = [];
      await bus.subscribe({ group: `relay-late-${randomUUID().slice(0, 8)}`, topics: [topic] }, async (m) => {
        got.push(m.envelope.event_id);
      });
      await drainUntilPublished(relay, sent.envelope.event_id, storage);
      await eventually(() => expect(got).toEqual([sent.envelope.event_id]));
    });

    it('publishes a committed message by itself once started, and stops cleanly', async () => {
      const { storage, bus } = fixture;
      const topic = `relay.run.${randomUUID().slice(0, 8)}`;
      const got: string[] = [];
      await bus.subscribe({ group: `relay-run-${randomUUID().slice(0, 8)}`, topics: [topic] }, async (m) => {
        got.push(m.envelope.event_id);
      });
      const relay = new OutboxRelay({ storage, bus, clock: systemClock, pollIntervalMs: 50 });
      relay.start();
      const sent = [message(topic), message(topic)];
      await storage.transaction((tx) => tx.outbox.enqueue(sent));
      await eventually(() => expect(got.sort()).toEqual(sent.map((m) => m.envelope.event_id).sort()));
      await relay.stop();
    });
  });
}

async function drainUntilPublished(
  relay: OutboxRelay,
  eventId: string,
  storage: PostgresStorage,
): Promise<void> {
  await eventually(async () => {
    await relay.relayOnce();
    expect(await pendingIds(storage)).not.toContain(eventId);
  });
}

/** Event ids still unpublished (claimed in a transaction that ends at once, so nothing is held). */
async function pendingIds(storage: PostgresStorage): Promise<string[]> {
  const pending = await storage.transaction((tx) => tx.outbox.claim(1000));
  return pending.map((m) => m.envelope.event_id);
}
