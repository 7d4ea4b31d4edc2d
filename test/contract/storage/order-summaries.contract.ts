import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { OrderSearch, OrderSummary } from '../../../src/read-model/order-info/order-summary.ts';
import { DomainError } from '../../../src/shared/errors.ts';
import { NO_STREAM } from '../../../src/shared/ports/event-store.ts';
import { event } from './event-store.contract.ts';
import { type CurrentFixture, race } from './storage-fixture.ts';

const summary = (overrides: Partial<OrderSummary> = {}): OrderSummary => ({
  order_id: randomUUID(),
  customer_id: `buyer-${randomUUID()}`,
  customer_name: 'Ada Lovelace',
  customer_email: 'ada@example.com',
  status: 'PENDING',
  items: [{ product_id: 'p-1', name: 'Margherita', quantity: 2, unit_price: 850 }],
  total: 1700,
  currency: 'EUR',
  delivery: { address: 'Main St 1', lat: 52.5, lon: 13.4 },
  history: [{ status: 'PENDING', at: '2026-03-01T10:00:00.000Z', event_id: randomUUID() }],
  details: {},
  version: 1,
  created_at: '2026-03-01T10:00:00.000Z',
  updated_at: '2026-03-01T10:00:00.000Z',
  ...overrides,
});

/** A word the 'simple' text search keeps whole: letters only, unique per test. */
const word = () =>
  Array.from(randomUUID().replaceAll('-', ''), (c) =>
    String.fromCharCode(97 + (Number.parseInt(c, 16) % 26)),
  ).join('');

const minute = (n: number) => new Date(Date.UTC(2026, 2, 1, 10, n)).toISOString();

/** `OrderSummaryStore`: the order-info view, its search and pages, and how far it lags the streams. */
export function orderSummariesContract(current: CurrentFixture): void {
  describe('order summaries', () => {
    const storage = () => current().storage;
    const view = () => current().storage.read.orderSummaries;

    it('inserts several summaries in one call, each once', async () => {
      const [a, b] = [summary(), summary({ customer_name: null, customer_email: null })];
      await view().insert([
        { summary: a, searchText: '' },
        { summary: b, searchText: '' },
        { summary: { ...a, total: 1 }, searchText: '' },
      ]);
      expect(await view().get(a.order_id)).toEqual(a);
      expect(await view().get(b.order_id)).toEqual(b);
      await view().insert([]);
    });

    it('inserts a summary once and reads it back field for field', async () => {
      const s = summary({ details: { operation_id: randomUUID() } });
      await view().insert([{ summary: s, searchText: 'Ada Lovelace ada@example.com Margherita' }]);
      expect(await view().get(s.order_id)).toEqual(s);
      await view().insert([{ summary: { ...s, status: 'PAID', total: 1 }, searchText: '' }]);
      expect(await view().get(s.order_id)).toEqual(s);
      expect(await view().get(randomUUID())).toBeUndefined();
      expect(await view().get('not-a-uuid')).toBeUndefined();
      expect(await view().getForUpdate(['not-a-uuid'])).toEqual(new Map());
      const bare = summary({ customer_name: null, customer_email: null, delivery: null });
      await view().insert([{ summary: bare, searchText: '' }]);
      expect(await view().get(bare.order_id)).toEqual(bare);
    });

    it('updates a summary', async () => {
      const s = summary();
      await view().insert([{ summary: s, searchText: '' }]);
      const paid: OrderSummary = {
        ...s,
        status: 'PAID',
        version: 2,
        history: [...s.history, { status: 'PAID', at: minute(5), event_id: randomUUID() }],
        details: { operation_id: randomUUID() },
        updated_at: minute(5),
      };
      await view().update([paid]);
      expect(await view().get(s.order_id)).toEqual(paid);
    });

    it('locks and updates several summaries at once, leaving the others as they were', async () => {
      const [a, b, untouched] = [summary(), summary({ delivery: null }), summary()];
      await view().insert([a, b, untouched].map((s) => ({ summary: s, searchText: '' })));
      const locked = await storage().transaction(async (tx) => {
        const found = await tx.orderSummaries.getForUpdate([
          a.order_id,
          b.order_id,
          randomUUID(),
          'not-a-uuid',
        ]);
        await tx.orderSummaries.update([
          { ...found.get(a.order_id)!, status: 'PAID', version: 2, details: { operation_id: 'op-1' } },
          {
            ...found.get(b.order_id)!,
            status: 'CANCELLED',
            version: 3,
            delivery: { address: 'Elsewhere 2' },
            updated_at: minute(9),
          },
        ]);
        return [...found.keys()].sort();
      });
      expect(locked).toEqual([a.order_id, b.order_id].sort());
      expect(await view().get(a.order_id)).toEqual({
        ...a,
        status: 'PAID',
        version: 2,
        details: { operation_id: 'op-1' },
      });
      expect(await view().get(b.order_id)).toEqual({
        ...b,
        status: 'CANCELLED',
        version: 3,
        delivery: { address: 'Elsewhere 2' },
        updated_at: minute(9),
      });
      expect(await view().get(untouched.order_id)).toEqual(untouched);
      await view().update([]);
      // Found by the id as asked, whatever its case.
      const upper = untouched.order_id.toUpperCase();
      const found = await storage().transaction((tx) => tx.orderSummaries.getForUpdate([upper]));
      expect([...found.keys()]).toEqual([upper]);
    });

    it('locks a summary read for update, so 20 concurrent updaters lose nothing', async () => {
      const s = summary();
      await view().insert([{ summary: s, searchText: '' }]);
      const { lost } = await race(storage(), 20, async (tx, i) => {
        const now = (await tx.orderSummaries.getForUpdate([s.order_id])).get(s.order_id)!;
        await tx.orderSummaries.update([
          {
            ...now,
            version: now.version + 1,
            details: { ...now.details, [`u${i}`]: true },
          },
        ]);
      });
      expect(lost).toEqual([]);
      const after = (await view().get(s.order_id))!;
      expect(after.version).toBe(21);
      expect(Object.keys(after.details)).toHaveLength(20);
    });

    it('searches by customer, status, creation time and text, newest first', async () => {
      const customer = `buyer-${randomUUID()}`;
      const [pepper, other] = [word(), word()];
      const rows = [
        summary({ customer_id: customer, created_at: minute(1), status: 'PENDING' }),
        summary({ customer_id: customer, created_at: minute(2), status: 'PAID' }),
        summary({ customer_id: customer, created_at: minute(3), status: 'CANCELLED' }),
        summary({ customer_id: customer, created_at: minute(4), status: 'PAID' }),
      ];
      for (const [i, row] of rows.entries())
        await view().insert([{ summary: row, searchText: i % 2 === 0 ? `Ada ${pepper}` : `Bob ${other}` }]);
      await view().insert([{ summary: summary({ created_at: minute(2) }), searchText: `Ada ${pepper}` }]);
      const index = new Map(rows.map((row, i) => [row.order_id, i]));
      const ids = async (filter: OrderSearch) =>
        (await view().search({ customer_id: customer, ...filter })).orders.map((o) => index.get(o.order_id));

      expect(await ids({ limit: 10 })).toEqual([3, 2, 1, 0]);
      expect(await ids({ limit: 10, statuses: ['PAID'] })).toEqual([3, 1]);
      expect(await ids({ limit: 10, statuses: ['PAID', 'PENDING'] })).toEqual([3, 1, 0]);
      expect(
        await ids({ limit: 10, created_from: new Date(minute(2)), created_to: new Date(minute(4)) }),
      ).toEqual([2, 1]);
      expect(await ids({ limit: 10, q: pepper })).toEqual([2, 0]);
      expect(await ids({ limit: 10, q: `${other} Bob` })).toEqual([3, 1]);
      expect(await ids({ limit: 10, q: word() })).toEqual([]);
      const everyone = await view().search({ q: pepper, limit: 10 });
      expect(everyone.orders).toHaveLength(3);
    });

    it('pages with an opaque cursor, without repeats or gaps among equal creation times', async () => {
      const customer = `buyer-${randomUUID()}`;
      const rows = Array.from({ length: 5 }, (_, i) =>
        summary({ customer_id: customer, created_at: minute(i < 3 ? 7 : 8) }),
      );
      for (const row of rows) await view().insert([{ summary: row, searchText: '' }]);
      const seen: string[] = [];
      let after: string | undefined;
      for (let page = 0; page < 10; page++) {
        const result = await view().search({ customer_id: customer, limit: 2, after });
        seen.push(...result.orders.map((o) => o.order_id));
        if (result.next_cursor === null) break;
        after = result.next_cursor;
      }
      const expected = [...rows]
        .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.order_id.localeCompare(a.order_id))
        .map((r) => r.order_id);
      expect(seen).toEqual(expected);
      const exact = await view().search({ customer_id: customer, limit: 5 });
      expect(exact.next_cursor).toBeNull();
      await expect(
        view().search({ customer_id: customer, limit: 2, after: 'bm90LWEtY3Vyc29y' }),
      ).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === 'VALIDATION_FAILED');
    });

    it("counts a customer's orders whose streams are ahead of the view", async () => {
      const customer = `buyer-${randomUUID()}`;
      const orderId = randomUUID();
      const stream = `order-${orderId}`;
      expect(await view().behindFor(customer)).toBe(0);
      await storage().read.events.append(stream, 'order', NO_STREAM, [
        event('OrderCreated', { order_id: orderId, customer_id: customer }),
      ]);
      expect(await view().behindFor(customer)).toBe(1);
      const s = summary({ order_id: orderId, customer_id: customer, version: 1 });
      await view().insert([{ summary: s, searchText: '' }]);
      expect(await view().behindFor(customer)).toBe(0);
      await storage().read.events.append(stream, 'order', 1, [event('OrderPaid', { order_id: orderId })]);
      expect(await view().behindFor(customer)).toBe(1);
      await view().update([{ ...s, status: 'PAID', version: 2 }]);
      expect(await view().behindFor(customer)).toBe(0);
      expect(await view().behindFor(`buyer-${randomUUID()}`)).toBe(0);
    });

    it('empties the view for a rebuild', async () => {
      const s = summary();
      await view().insert([{ summary: s, searchText: '' }]);
      await storage().transaction((tx) => tx.orderSummaries.clear());
      expect(await view().get(s.order_id)).toBeUndefined();
      expect((await view().search({ limit: 1 })).orders).toEqual([]);
    });
  });
}
