import { describe, expect, it } from 'vitest';
import type { BusMessage } from '../../shared/ports/message-bus.ts';
import { logBusinessEvents } from './business-events-log.ts';

const message = (event_type: string, data: Record<string, unknown>, headers = {}): BusMessage => ({
  topic: event_type,
  key: 'o1',
  envelope: {
    event_id: `e-${event_type}`,
    event_type,
    timestamp: '2026-01-01T00:00:00Z',
    source: 's',
    data: { order_id: 'o1', ...data },
  },
  headers,
});

describe('business events in the logs', () => {
  it('logs placed, paid, cancelled (reason, by whom) and other changes at info, with trace_id', () => {
    const lines: { fields: Record<string, unknown>; message: string }[] = [];
    const log = logBusinessEvents({
      info: (fields, message) => lines.push({ fields: fields as never, message }),
    });
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    log([
      message(
        'order.created',
        { customer_id: 'alice', total: 500, status: 'PENDING' },
        { traceparent, actor_id: 'alice' },
      ),
      message('order.status_updated', { previous_status: 'PENDING', current_status: 'PAID', amount: 500 }),
      message(
        'order.status_updated',
        {
          previous_status: 'PAID',
          current_status: 'CANCELLED',
          reason: 'kitchen closed',
          cancelled_by: 'admin',
          refunded: true,
        },
        { actor_id: 'admin-1' },
      ),
      message(
        'order.status_updated',
        { previous_status: 'PAID', current_status: 'CONFIRMED' },
        { actor_id: 'auto-confirm' },
      ),
    ]);
    expect(lines.map((l) => l.message)).toEqual([
      'order placed',
      'order paid',
      'order cancelled',
      'order status changed',
    ]);
    expect(lines[0]!.fields).toMatchObject({
      order_id: 'o1',
      customer_id: 'alice',
      actor_id: 'alice',
      trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
    });
    expect(lines[1]!.fields).toMatchObject({ status: 'PAID', amount: 500 });
    expect(lines[2]!.fields).toMatchObject({
      reason: 'kitchen closed',
      cancelled_by: 'admin',
      actor_id: 'admin-1',
      refunded: true,
    });
    expect(lines[3]!.fields).toMatchObject({
      previous_status: 'PAID',
      status: 'CONFIRMED',
      actor_id: 'auto-confirm',
    });
  });
});
