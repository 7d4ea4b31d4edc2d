import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { NewDelivery, Receipt } from '../../../src/contexts/notifications/index.ts';
import type { Later } from '../../../src/shared/ports/unit-of-work.ts';
import { type CurrentFixture, race, signal, sleep } from './storage-fixture.ts';

const delivery = (eventId: string, orderId: string, target: string, at: Date): NewDelivery => ({
  id: randomUUID(),
  event_id: eventId,
  order_id: orderId,
  customer_id: 'buyer-1',
  channel: 'email',
  target,
  device_id: null,
  payload: { kind: 'email', message: { to: target, subject: 'Paid', html: '<p>Paid</p>', text: 'Paid' } },
  created_at: at,
});

const receiptOf = (d: NewDelivery, attempt: number, outcome: Receipt['outcome'], at: Date): Receipt => ({
  id: randomUUID(),
  delivery_id: d.id,
  order_id: d.order_id,
  channel: d.channel,
  target: d.target,
  device_id: d.device_id,
  attempt,
  outcome,
  provider_status: outcome === 'retry' ? 451 : 250,
  error_code: null,
  message_id: outcome === 'delivered' ? `<${randomUUID()}@test>` : null,
  message: null,
  attempted_at: at.toISOString(),
});

/** `NotificationStore`: deliveries unique per (event, channel, target), leased claims, persisted retries, receipts. */
export function notificationsContract(current: CurrentFixture): void {
  describe('notifications', () => {
    const store = () => current().storage.read.notifications;
    // Instants far from other tests' rows, so "due" claims see only this test's rows.
    const at = (minutes: number) => new Date(Date.UTC(1970, 0, 2, 0, minutes));

    it('records a status and a processed message together, each once, never moving the status back', async () => {
      const orderId = randomUUID();
      const [paid, confirmed] = [randomUUID(), randomUUID()];
      const processed = () => current().storage.read.processed;
      const change = (messageId: string, status: string, rank: number) => ({
        messageId,
        orderId,
        status,
        rank,
      });
      await store().recordStatusOnly('notifications', [change(confirmed, 'CONFIRMED', 4)]);
      await store().recordStatusOnly('notifications', [change(confirmed, 'CONFIRMED', 4)]);
      await store().recordStatusOnly('notifications', [change(paid, 'PAID', 3)]);
      await store().recordStatusOnly('notifications', []);
      expect(await processed().markProcessed('notifications', confirmed)).toBe(false);
      expect(await processed().markProcessed('notifications', paid)).toBe(false);
      expect(await processed().markProcessed('another-consumer', paid)).toBe(true);
      // An earlier status is behind the one recorded; a later one moves it.
      expect(await store().advanceStatus(orderId, 'PAID', 3)).toBe('CONFIRMED');
      expect(await store().advanceStatus(orderId, 'DELIVERED', 9)).toBeUndefined();
    });

    it('records the changes of several orders in one call: each message processed, each order at its furthest', async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      const ids = Array.from({ length: 4 }, () => randomUUID());
      const processed = () => current().storage.read.processed;
      await store().recordStatusOnly('notifications', [
        { messageId: ids[0]!, orderId: b, status: 'CONFIRMED', rank: 4 },
      ]);
      await store().recordStatusOnly('notifications', [
        { messageId: ids[1]!, orderId: a, status: 'PAID', rank: 3 },
        { messageId: ids[2]!, orderId: a, status: 'CONFIRMED', rank: 4 },
        // Behind what b has recorded: processed, but b stays CONFIRMED.
        { messageId: ids[3]!, orderId: b, status: 'PAID', rank: 3 },
        { messageId: ids[3]!, orderId: b, status: 'PAID', rank: 3 },
      ]);
      for (const id of ids) expect(await processed().markProcessed('notifications', id)).toBe(false);
      expect(await store().advanceStatus(a, 'PAID', 3)).toBe('CONFIRMED');
      expect(await store().advanceStatus(b, 'PAID', 3)).toBe('CONFIRMED');
    });

    it('creates a delivery once per event, channel and target', async () => {
      const [eventId, orderId] = [randomUUID(), randomUUID()];
      const first = delivery(eventId, orderId, 'a@example.test', at(0));
      expect(await store().create(first)).toBe(true);
      expect(await store().create({ ...first, id: randomUUID() })).toBe(false);
      expect(await store().create(delivery(eventId, orderId, 'b@example.test', at(0)))).toBe(true);
    });

    it('creates several deliveries in one call, each once, and answers with those it created', async () => {
      const [eventId, orderId] = [randomUUID(), randomUUID()];
      const existing = delivery(eventId, orderId, 'g@example.test', at(0));
      await store().create(existing);
      const fresh = delivery(eventId, orderId, 'h@example.test', at(0));
      const traced = {
        ...delivery(randomUUID(), orderId, 'i@example.test', at(0)),
        id: randomUUID().toUpperCase(),
        trace_context: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      };
      const push: NewDelivery = {
        ...delivery(eventId, orderId, randomUUID(), at(0)),
        channel: 'push',
        device_id: randomUUID(),
        payload: { kind: 'push', platform: 'ios', message: { token: 't', title: 'T', body: 'B', data: {} } },
      };
      const again = { ...fresh, id: randomUUID() }; // the same event, channel and target twice
      const braced = { ...delivery(randomUUID(), orderId, 'm@example.test', at(0)), id: `{${randomUUID()}}` };
      const created = await store().createMany([
        { ...existing, id: randomUUID() },
        fresh,
        traced,
        push,
        again,
        braced,
      ]);
      expect(created).toEqual(new Set([fresh.id, traced.id, push.id, braced.id]));
      expect(await store().createMany([])).toEqual(new Set());
      const claimed = await store().claim({ ids: [fresh.id, traced.id, push.id] }, at(0), at(1));
      expect(claimed.map((d) => d.id).sort()).toEqual([fresh.id, traced.id.toLowerCase(), push.id].sort());
      expect(claimed.find((d) => d.id === push.id)).toMatchObject({
        payload: push.payload,
        device_id: push.device_id,
      });
      expect(claimed.find((d) => d.id === traced.id.toLowerCase())?.trace_context).toBe(traced.trace_context);
    });

    it('records several attempts in one call, each fenced by its own lease', async () => {
      const [ok, fencedOut, twice] = ['j', 'k', 'l'].map((who) =>
        delivery(randomUUID(), randomUUID(), `${who}@example.test`, at(50)),
      );
      for (const d of [ok!, fencedOut!, twice!]) await store().create(d);
      const [first] = await store().claim({ ids: [twice!.id] }, at(50), at(51));
      // `twice` is taken over after its first lease ran out: both senders record in one batch.
      const claimed = await store().claim({ ids: [ok!.id, fencedOut!.id, twice!.id] }, at(51), at(52));
      expect(claimed).toHaveLength(3);
      const lease = at(52);
      const delivered = { status: 'delivered', attempts: 1, next_attempt_at: at(51) } as const;
      const retry = { status: 'pending', attempts: 1, next_attempt_at: at(60) } as const;
      const recorded = await store().recordMany([
        {
          receipt: { ...receiptOf(twice!, 1, 'retry', at(50)), provider_status: null },
          update: retry,
          leaseUntil: first!.lease_until,
        },
        { receipt: receiptOf(ok!, 1, 'delivered', at(51)), update: delivered, leaseUntil: lease },
        { receipt: receiptOf(fencedOut!, 1, 'delivered', at(51)), update: delivered, leaseUntil: at(99) },
        { receipt: receiptOf(twice!, 1, 'delivered', at(51)), update: delivered, leaseUntil: lease },
      ]);
      expect(recorded).toEqual([false, true, false, true]);
      expect(await store().recordMany([])).toEqual([]);
      expect((await store().receiptsFor(ok!.order_id)).map((r) => [r.attempt, r.outcome])).toEqual([
        [1, 'delivered'],
      ]);
      expect(await store().receiptsFor(fencedOut!.order_id)).toEqual([]);
      expect(await store().receiptsFor(twice!.order_id)).toMatchObject([
        { attempt: 1, outcome: 'delivered', provider_status: 250, device_id: null, error_code: null },
      ]);
      // Delivered ones are never handed out again; the fenced-out one is, once its lease is past.
      const later = await store().claim({ ids: [ok!.id, fencedOut!.id, twice!.id] }, at(99), at(100));
      expect(later.map((d) => d.id)).toEqual([fencedOut!.id]);
    });

    it('creates deliveries with the COMMIT, answering after it which it created; a rollback creates none', async () => {
      const [eventId, orderId] = [randomUUID(), randomUUID()];
      const existing = delivery(eventId, orderId, 'p@example.test', at(0));
      await store().create(existing);
      const fresh = delivery(eventId, orderId, 'q@example.test', at(0));
      const created = await current().storage.transaction(async (tx) => {
        // The statuses' write and the deliveries leave with the COMMIT: nothing follows them here.
        await tx.notifications.advanceStatuses([{ orderId, status: 'PAID', rank: 3 }]);
        return tx.notifications.createManyWithNext([{ ...existing, id: randomUUID() }, fresh]);
      });
      expect(await created.answer()).toEqual(new Set([fresh.id]));
      expect(await store().advanceStatus(orderId, 'PENDING', 0)).toBe('PAID');
      const claimed = await store().claim({ ids: [fresh.id] }, at(0), at(1));
      expect(claimed.map((d) => d.id)).toEqual([fresh.id]);
      expect(await (await store().createManyWithNext([])).answer()).toEqual(new Set());

      const [otherEvent, otherOrder] = [randomUUID(), randomUUID()];
      const dropped = delivery(otherEvent, otherOrder, 'r@example.test', at(0));
      const failure = new Error('the work failed after creating');
      await expect(
        current().storage.transaction(async (tx) => {
          await tx.notifications.advanceStatuses([{ orderId: otherOrder, status: 'CANCELLED', rank: 8 }]);
          await tx.notifications.createManyWithNext([dropped]);
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await store().claim({ ids: [dropped.id] }, at(0), at(1))).toEqual([]);
      expect(await store().advanceStatus(otherOrder, 'PENDING', 0)).toBeUndefined();

      // The insert itself refused (jsonb refuses a NUL character), with the COMMIT: nothing stands.
      const [nulEvent, nulOrder] = [randomUUID(), randomUUID()];
      const refused: NewDelivery = {
        ...delivery(nulEvent, nulOrder, 's@example.test', at(0)),
        payload: {
          kind: 'email',
          message: { to: 's@example.test', subject: 'nul \u0000', html: '', text: '' },
        },
      };
      let answered: Later<Set<string>> | undefined;
      const failed = await current()
        .storage.transaction(async (tx) => {
          await tx.notifications.advanceStatuses([{ orderId: nulOrder, status: 'PAID', rank: 3 }]);
          answered = await tx.notifications.createManyWithNext([refused]);
        })
        .catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(Error);
      await expect(answered!.answer()).rejects.toBe(failed);
      expect(await store().claim({ ids: [refused.id] }, at(0), at(1))).toEqual([]);
      expect(await store().advanceStatus(nulOrder, 'PENDING', 0)).toBeUndefined();
    });

    it('advances several orders in one call as one call after another would', async () => {
      const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
      await store().advanceStatus(c, 'CONFIRMED', 4);
      const later = await store().advanceStatuses([
        { orderId: a, status: 'PAID', rank: 3 },
        { orderId: a, status: 'CONFIRMED', rank: 4 },
        { orderId: a, status: 'PAID', rank: 3 }, // behind the CONFIRMED just before it
        { orderId: b, status: 'DELIVERED', rank: 9 },
        { orderId: c, status: 'PAID', rank: 3 },
        { orderId: c, status: 'CONFIRMED', rank: 4 }, // as far as recorded: behind too
      ]);
      expect(later).toEqual([undefined, undefined, 'CONFIRMED', undefined, 'CONFIRMED', 'CONFIRMED']);
      expect(await store().advanceStatuses([])).toEqual([]);
      await expect(store().advanceStatuses([{ orderId: a, status: 'X', rank: -1 }])).rejects.toThrow(/rank/);
      expect(await store().advanceStatus(a, 'PAID', 3)).toBe('CONFIRMED');
      expect(await store().advanceStatus(b, 'PENDING', 0)).toBe('DELIVERED');
      expect(await store().advanceStatus(c, 'CONFIRMED', 4)).toBe('CONFIRMED');
    });

    it('sees a status another transaction committed while it waited for the order', async () => {
      const orderId = randomUUID();
      await store().advanceStatus(orderId, 'PAID', 3);
      const held = signal();
      const advanced = signal();
      const first = current().storage.transaction(async (tx) => {
        await tx.notifications.advanceStatuses([{ orderId, status: 'CANCELLED', rank: 8 }]);
        advanced.fire();
        await held.promise; // the order's row stays locked: the second waits for it
      });
      await advanced.promise;
      const second = current().storage.transaction((tx) =>
        tx.notifications.advanceStatuses([{ orderId, status: 'CONFIRMED', rank: 4 }]),
      );
      await sleep(50);
      held.fire();
      await first;
      expect(await second).toEqual(['CANCELLED']);
    });

    it('advances racing batches of the same orders, new ones among them, each status once', async () => {
      const orders = [randomUUID(), randomUUID(), randomUUID()];
      await store().advanceStatus(orders[1]!, 'PAID', 3);
      const { won, lost } = await race(current().storage, 8, async (tx, i) => {
        const mine = i % 2 === 0 ? orders : [...orders].reverse();
        const answers = await tx.notifications.advanceStatuses(
          mine.map((orderId) => ({ orderId, status: `S${i}`, rank: 10 + i })),
        );
        await sleep(5);
        return answers;
      });
      expect(lost).toEqual([]);
      // The last to commit moved every order (never a status moving back).
      for (const orderId of orders) expect(await store().advanceStatus(orderId, 'X', 17)).toBe('S7');
      // Each batch holds all three orders to its commit: it moved them all or found them all further.
      for (const answers of won)
        expect([...new Set(answers.map((answer) => answer === undefined))]).toHaveLength(1);
      expect(won.filter((answers) => answers[0] === undefined).length).toBeGreaterThanOrEqual(1);
    });

    it('keeps the trace a delivery was made in for every claim, and none for a delivery made untraced', async () => {
      const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
      const traced = {
        ...delivery(randomUUID(), randomUUID(), 't@example.test', at(5)),
        trace_context: traceparent,
      };
      const untraced = delivery(randomUUID(), randomUUID(), 'u@example.test', at(5));
      await store().create(traced);
      await store().create(untraced);
      const claimed = await store().claim({ ids: [traced.id, untraced.id] }, at(5), at(6));
      expect(claimed.find((d) => d.id === traced.id)?.trace_context).toBe(traceparent);
      expect(claimed.find((d) => d.id === untraced.id)).not.toHaveProperty('trace_context');
    });

    it('claims by id once while leased, records attempts, and hands a retry out when it is due', async () => {
      const d = delivery(randomUUID(), randomUUID(), 'c@example.test', at(10));
      await store().create(d);
      const [claimed] = await store().claim({ ids: [d.id] }, at(10), at(11));
      expect(claimed).toMatchObject({ id: d.id, attempts: 0, payload: d.payload });
      expect(await store().claim({ ids: [d.id] }, at(10), at(11))).toEqual([]);
      await store().record(
        receiptOf(d, 1, 'retry', at(10)),
        { status: 'pending', attempts: 1, next_attempt_at: at(15) },
        claimed!.lease_until,
      );
      expect(await store().claim({ ids: [d.id] }, at(14), at(20))).toEqual([]);
      const [retried] = await store().claim({ ids: [d.id] }, at(15), at(16));
      expect(retried?.attempts).toBe(1);
      await store().record(
        receiptOf(d, 2, 'delivered', at(15)),
        { status: 'delivered', attempts: 2, next_attempt_at: at(15) },
        retried!.lease_until,
      );
      expect(await store().claim({ ids: [d.id] }, at(100), at(101))).toEqual([]);
      const receipts = await store().receiptsFor(d.order_id);
      expect(receipts.map((r) => [r.attempt, r.outcome])).toEqual([
        [1, 'retry'],
        [2, 'delivered'],
      ]);
    });

    it('hands a delivery whose sender outlasted its lease back out, and fences the late sender out', async () => {
      const d = delivery(randomUUID(), randomUUID(), 'd@example.test', at(30));
      await store().create(d);
      const [first] = await store().claim({ ids: [d.id] }, at(30), at(31));
      expect(first?.lease_until).toEqual(at(31));
      const [again] = await store().claim({ ids: [d.id] }, at(31), at(32));
      expect(again).toMatchObject({ attempts: 0, lease_until: at(32) });
      // The first sender comes back late, before the one that took over: its lease is gone,
      // so it records neither its receipt nor its update.
      const late = { status: 'pending', attempts: 1, next_attempt_at: at(33) } as const;
      expect(await store().record(receiptOf(d, 1, 'retry', at(30)), late, first!.lease_until)).toBe(false);
      expect(await store().receiptsFor(d.order_id)).toEqual([]);
      const done = { status: 'delivered', attempts: 1, next_attempt_at: at(31) } as const;
      expect(await store().record(receiptOf(d, 1, 'delivered', at(31)), done, again!.lease_until)).toBe(true);
      // Recording the same lease twice hits nothing the second time.
      expect(await store().record(receiptOf(d, 1, 'delivered', at(31)), done, again!.lease_until)).toBe(
        false,
      );
      expect(await store().claim({ ids: [d.id] }, at(40), at(41))).toEqual([]);
      expect((await store().receiptsFor(d.order_id)).map((r) => r.outcome)).toEqual(['delivered']);
    });

    it('claims due deliveries oldest first, up to a limit', async () => {
      const rows = [
        delivery(randomUUID(), randomUUID(), 'e@example.test', at(-50)),
        delivery(randomUUID(), randomUUID(), 'f@example.test', at(-60)),
      ];
      for (const row of rows) await store().create(row);
      const claimed = await store().claim({ limit: 1 }, at(-40), at(500));
      expect(claimed.map((c) => c.id)).toEqual([rows[1]!.id]);
      const rest = await store().claim({ limit: 10 }, at(-40), at(500));
      expect(rest.map((c) => c.id)).toEqual([rows[0]!.id]);
    });
  });
}
