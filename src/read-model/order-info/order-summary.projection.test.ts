import { describe, expect, it } from 'vitest';
import { messagesFor, type OrderEvent } from '../../contexts/ordering/index.ts';
import type { DeliveredMessage } from '../../shared/ports/message-bus.ts';
import type { UnitOfWork } from '../../shared/ports/unit-of-work.ts';
import { applyStatusUpdate, orderSummaryProjection } from './order-summary.projection.ts';
import type { OrderInfoStores, OrderSummary, OrderSummaryStore } from './order-summary.ts';

const summary: OrderSummary = {
  order_id: 'o1',
  customer_id: 'c1',
  customer_name: 'Alice',
  customer_email: 'alice@example.org',
  status: 'PENDING',
  items: [],
  total: 100,
  currency: 'EUR',
  delivery: null,
  history: [{ status: 'PENDING', at: '2026-01-01T00:00:00.000Z', event_id: 'e1' }],
  details: {},
  version: 2,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};
const update = (status: OrderSummary['status'], event_id: string, at: string, version: number) => ({
  status,
  event_id,
  at,
  version,
  details: {},
});

describe('applyStatusUpdate', () => {
  it('moves the order forward and records the change', () => {
    const paid = applyStatusUpdate(summary, update('PAID', 'e2', '2026-01-01T00:01:00.000Z', 3));
    expect(paid).toMatchObject({ status: 'PAID', version: 3, updated_at: '2026-01-01T00:01:00.000Z' });
    expect(paid.history.map((h) => h.status)).toEqual(['PENDING', 'PAID']);
  });

  it('never moves an order backwards when an older update arrives late', () => {
    const confirmed = applyStatusUpdate(summary, update('CONFIRMED', 'e3', '2026-01-01T00:02:00.000Z', 4));
    const late = applyStatusUpdate(confirmed, update('PAID', 'e2', '2026-01-01T00:01:00.000Z', 4));
    expect(late.status).toBe('CONFIRMED');
    expect(late.history.map((h) => h.status)).toEqual(['PENDING', 'PAID', 'CONFIRMED']);
    expect(late.updated_at).toBe('2026-01-01T00:02:00.000Z');
  });

  it('ignores a duplicate', () => {
    const paid = applyStatusUpdate(summary, update('PAID', 'e2', '2026-01-01T00:01:00.000Z', 3));
    expect(applyStatusUpdate(paid, update('PAID', 'e2', '2026-01-01T00:01:00.000Z', 3))).toBe(paid);
  });

  it('keeps what later events told (tracking, delivery)', () => {
    const shipped = applyStatusUpdate(summary, {
      ...update('IN_DELIVERY', 'e5', '2026-01-02T00:00:00.000Z', 7),
      details: { tracking_number: 'TRK1', carrier: 'FedEx' },
    });
    expect(shipped.details).toEqual({ tracking_number: 'TRK1', carrier: 'FedEx' });
  });
});

/** `order.created` of order `id` by `customer`, as ordering publishes it. */
const created = (id: string, customer: string): DeliveredMessage => {
  const [message] = messagesFor(
    {
      event_id: `e-${id}`,
      event: {
        type: 'OrderCreated',
        data: {
          order_id: id,
          customer_id: customer,
          items: [{ product_id: 'p1', name: 'Club', quantity: 1, unit_price: 500 }],
          total: 500,
          currency: 'EUR',
          delivery: null,
          created_at: '2026-01-01T00:00:00.000Z',
        },
      },
      commit_version: 2,
      customer_id: customer,
    },
    undefined,
    {},
  );
  return { ...message!, redeliveries: 0 };
};

/** `order.status_updated` of order `id` to `status`, after `previous`. */
const statusUpdated = (
  id: string,
  previous: 'PENDING' | 'PAID',
  status: 'PAID' | 'CONFIRMED',
): DeliveredMessage => {
  const event: OrderEvent =
    status === 'PAID'
      ? {
          type: 'OrderPaid',
          data: { order_id: id, operation_id: `op-${id}`, amount: 500, paid_at: '2026-01-01T00:01:00.000Z' },
        }
      : {
          type: 'OrderConfirmed',
          data: {
            order_id: id,
            confirmed_at: '2026-01-01T00:02:00.000Z',
            confirmed_by: { id: 'system', kind: 'system' },
          },
        };
  const [message] = messagesFor(
    { event_id: `e-${id}-${status}`, event, commit_version: status === 'PAID' ? 3 : 4, customer_id: 'alice' },
    previous,
    {},
  );
  return { ...message!, redeliveries: 0 };
};

/** A view that records each call, optionally failing its next insert. */
function recordingView() {
  const inserts: string[][] = [];
  const lookups: string[][] = [];
  const locks: string[][] = [];
  const updates: string[][] = [];
  const rows = new Map<string, OrderSummary>();
  let failNext = false;
  const orderSummaries = {
    async insert(entries) {
      if (failNext) {
        failNext = false;
        throw new Error('connection lost');
      }
      if (entries.some((e) => e.summary.order_id === 'poison'))
        throw new Error('invalid input syntax for type uuid');
      inserts.push(entries.map((e) => `${e.summary.order_id}:${e.summary.customer_name}`));
      for (const { summary } of entries) if (!rows.has(summary.order_id)) rows.set(summary.order_id, summary);
    },
    async getForUpdate(ids) {
      locks.push([...ids]);
      return new Map(ids.flatMap((id) => (rows.has(id) ? [[id, rows.get(id)!] as const] : [])));
    },
    async update(summaries) {
      updates.push(summaries.map((u) => `${u.order_id}:${u.status}`));
      for (const summary of summaries) rows.set(summary.order_id, summary);
    },
  } as Partial<OrderSummaryStore> as OrderSummaryStore;
  const stores: OrderInfoStores = {
    orderSummaries,
    users: {
      async findMany(ids) {
        lookups.push([...ids]);
        return new Map(
          ids.filter((id) => id !== 'stranger').map((id) => [id, { full_name: id, email: null }]),
        );
      },
    },
  };
  const storage = {
    read: stores,
    transaction: (work) => work(stores),
  } as UnitOfWork<OrderInfoStores>;
  return { storage, inserts, lookups, locks, updates, rows, failOnce: () => (failNext = true) };
}

describe('orderSummaryProjection: creations', () => {
  it('writes creations that arrive during a write together: one lookup and one insert for them', async () => {
    const view = recordingView();
    const project = orderSummaryProjection(view.storage);
    await Promise.all([
      project(created('o1', 'alice')),
      project(created('o2', 'bob')),
      project(created('o3', 'alice')),
      project(created('o4', 'stranger')),
    ]);
    // The first goes alone (nothing to wait for); the three that came meanwhile go together.
    expect(view.inserts).toEqual([['o1:alice'], ['o2:bob', 'o3:alice', 'o4:null']]);
    expect(view.lookups).toEqual([['alice'], ['bob', 'alice', 'stranger']]);
  });

  it('fails every message of a write that failed, so the bus delivers each again', async () => {
    const view = recordingView();
    const project = orderSummaryProjection(view.storage);
    const first = project(created('o1', 'alice'));
    view.failOnce();
    const outcomes = await Promise.allSettled([first, project(created('o2', 'bob'))]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled']);
    const [again] = await Promise.allSettled([project(created('o1', 'alice'))]);
    expect(again.status).toBe('fulfilled');
    expect(view.inserts).toEqual([['o2:bob'], ['o1:alice']]);
  });

  it('writes the creations of a refused batch again one by one: only the one that cannot be written fails', async () => {
    const view = recordingView();
    const project = orderSummaryProjection(view.storage);
    const outcomes = await Promise.allSettled(
      [created('o1', 'alice'), created('o2', 'bob'), created('poison', 'bob'), created('o3', 'bob')].map(
        project,
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(view.inserts).toEqual([['o1:alice'], ['o2:bob'], ['o3:bob']]);
  });

  it('applies status updates that arrive together in one transaction: one locking read, one write', async () => {
    const view = recordingView();
    const project = orderSummaryProjection(view.storage, { retries: 1 });
    await Promise.all(['o1', 'o2', 'o3'].map((id) => project(created(id, 'alice'))));
    await Promise.all([
      project(statusUpdated('o1', 'PENDING', 'PAID')),
      project(statusUpdated('o2', 'PENDING', 'PAID')),
      project(statusUpdated('o3', 'PENDING', 'PAID')),
      project(statusUpdated('o2', 'PAID', 'CONFIRMED')),
    ]);
    expect(view.locks).toEqual([['o1'], ['o2', 'o3', 'o2']]);
    expect(view.updates).toEqual([['o1:PAID'], ['o2:CONFIRMED', 'o3:PAID']]);
    expect(view.rows.get('o2')?.history.map((h) => h.status)).toEqual(['PENDING', 'PAID', 'CONFIRMED']);
  });

  it('fails only the update of an order not in the view yet; the others of its batch are applied', async () => {
    const view = recordingView();
    const project = orderSummaryProjection(view.storage, { retries: 1 });
    await project(created('o1', 'alice'));
    const outcomes = await Promise.allSettled([
      project(statusUpdated('o1', 'PENDING', 'PAID')),
      project(statusUpdated('missing', 'PENDING', 'PAID')),
      project(statusUpdated('o1', 'PAID', 'CONFIRMED')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason.message).toMatch(/not in the view yet/);
    expect(view.rows.get('o1')?.status).toBe('CONFIRMED');
  });
});
