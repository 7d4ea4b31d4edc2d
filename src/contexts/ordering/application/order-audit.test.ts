import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../shared/ports/event-store.ts';
import { auditTrail } from './order-audit.ts';

const recorded = (version: number, type: string, data: Record<string, unknown>): RecordedEvent => ({
  stream_id: 'order-o1',
  version,
  position: version,
  event_id: `e${version}`,
  type,
  data,
  metadata: {},
  recorded_at: new Date(0),
  checkpoint: { tx_id: '1', position: version },
});

const stream = [
  recorded(1, 'OrderCreated', { order_id: 'o1', customer_id: 'alice' }),
  recorded(2, 'OrderConfirmed', { order_id: 'o1', confirmed_by: { id: 'admin-7', kind: 'admin' } }),
  recorded(3, 'OrderCancelled', {
    order_id: 'o1',
    reason: 'out of bread',
    cancelled_by: { id: 'admin-7', kind: 'admin' },
  }),
];

describe('auditTrail: who sees what of an order stream', () => {
  it('shows the buyer who acted by role and why, never the staff member’s id', () => {
    const seen = auditTrail('o1', stream, { userId: 'alice', isAdmin: false });
    expect(seen.map((e) => e.data)).toEqual([
      { order_id: 'o1', customer_id: 'alice' },
      { order_id: 'o1', confirmed_by: { kind: 'admin' } },
      { order_id: 'o1', reason: 'out of bread', cancelled_by: { kind: 'admin' } },
    ]);
    expect(JSON.stringify(seen)).not.toContain('admin-7');
  });

  it('keeps the buyer’s own id where they acted themselves', () => {
    const own = [stream[0]!, recorded(2, 'OrderCancelled', { cancelled_by: { id: 'alice', kind: 'buyer' } })];
    expect(auditTrail('o1', own, { userId: 'alice', isAdmin: false })[1]!.data).toEqual({
      cancelled_by: { id: 'alice', kind: 'buyer' },
    });
  });

  it('shows admins the stream as stored', () => {
    expect(auditTrail('o1', stream, { userId: 'admin-1', isAdmin: true })).toEqual(stream);
  });

  it('hides the order from anyone else, and an unknown order from everyone (404)', () => {
    expect(() => auditTrail('o1', stream, { userId: 'bob', isAdmin: false })).toThrow(
      expect.objectContaining({ code: 'ORDER_NOT_FOUND' }),
    );
    expect(() => auditTrail('o1', [], { userId: 'admin-1', isAdmin: true })).toThrow(
      expect.objectContaining({ code: 'ORDER_NOT_FOUND' }),
    );
  });
});
