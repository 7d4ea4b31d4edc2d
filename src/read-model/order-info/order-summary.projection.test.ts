import { describe, expect, it } from 'vitest';
import { applyStatusUpdate } from './order-summary.projection.ts';
import type { OrderSummary } from './order-summary.ts';

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
