import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../shared/envelope.ts';
import type { OrderEvent } from '../domain/order.events.ts';
import { parseOrderMessage } from './order-message.parser.ts';
import { messagesFor } from './order-messages.ts';

const at = '2026-05-06T07:08:09.000Z';
const items = [{ product_id: 'p1', name: 'Club', quantity: 2, unit_price: 500 }];
const envelopeOf = (event: OrderEvent, previous?: 'PENDING' | 'READY') =>
  messagesFor({ event_id: 'e1', event, commit_version: 3, customer_id: 'alice' }, previous, {})[0]!.envelope;

describe('parseOrderMessage: what ordering publishes, typed again on the way in', () => {
  it('reads order.created as written', () => {
    const envelope = envelopeOf({
      type: 'OrderCreated',
      data: {
        order_id: 'o1',
        customer_id: 'alice',
        items,
        total: 1000,
        currency: 'EUR',
        delivery: null,
        created_at: at,
      },
    });
    expect(parseOrderMessage(envelope)).toEqual({ event_type: 'order.created', envelope });
  });

  it('reads order.status_updated with its details', () => {
    const envelope = envelopeOf(
      {
        type: 'OrderPickedUp',
        data: { order_id: 'o1', picked_up_at: at, tracking_number: 'T1', carrier: 'DHL' },
      },
      'READY',
    );
    const parsed = parseOrderMessage(envelope);
    expect(parsed).toEqual({ event_type: 'order.status_updated', envelope });
    expect(parsed?.event_type === 'order.status_updated' && parsed.envelope.data).toMatchObject({
      previous_status: 'READY',
      current_status: 'IN_DELIVERY',
      tracking_number: 'T1',
      version: 3,
    });
  });

  it('says who cancelled (the actor kind, never the user id) beside the reason', () => {
    const envelope = envelopeOf(
      {
        type: 'OrderCancelled',
        data: {
          order_id: 'o1',
          reason: 'cancelled on request',
          cancelled_by: { id: 'alice', kind: 'buyer' },
          cancelled_at: at,
          previous_status: 'PENDING',
          items,
          refund: null,
        },
      },
      'PENDING',
    );
    expect(envelope.data).toMatchObject({
      reason: 'cancelled on request',
      cancelled_by: 'buyer',
      refunded: false,
    });
    expect(parseOrderMessage(envelope)).toEqual({ event_type: 'order.status_updated', envelope });
    expect(() =>
      parseOrderMessage({ ...envelope, data: { ...envelope.data, cancelled_by: 'alien' } }),
    ).toThrow(/cancelled_by/);
  });

  it('ignores other event types and refuses a malformed ordering message, naming the fields', () => {
    const other: EventEnvelope = {
      event_id: 'x',
      event_type: 'shipment.created',
      timestamp: at,
      source: 's',
      data: { order_id: 'o1' },
    };
    expect(parseOrderMessage(other)).toBeUndefined();
    const bad: EventEnvelope = {
      event_id: 'x',
      event_type: 'order.status_updated',
      timestamp: at,
      source: 's',
      data: {
        order_id: 'o1',
        customer_id: 'alice',
        previous_status: 'PAID',
        current_status: 'LOST',
        refunded: 'yes',
      },
    };
    expect(() => parseOrderMessage(bad)).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        details: { event_id: 'x', fields: ['current_status', 'refunded'] },
      }),
    );
  });
});
