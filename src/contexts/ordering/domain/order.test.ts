import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors.ts';
import type { OrderEvent } from './order.events.ts';
import { decide, foldOrder, type OrderCommand } from './order.ts';
import { ORDER_STATUSES, ORDER_TRANSITIONS } from './order-status.ts';

const now = new Date('2026-01-02T03:04:05Z');
const create = (overrides: Partial<Extract<OrderCommand, { type: 'CreateOrder' }>> = {}): OrderCommand => ({
  type: 'CreateOrder',
  order_id: 'o1',
  customer_id: 'alice',
  lines: [
    { product_id: 'p1', name: 'Club', quantity: 2, unit_price: 850, currency: 'EUR' },
    { product_id: 'p2', name: 'Soup', quantity: 1, unit_price: 450, currency: 'EUR' },
  ],
  delivery: null,
  now,
  ...overrides,
});

/** given(events).when(command).then(events | error) */
const given = (events: OrderEvent[]) => ({
  when: (command: OrderCommand) => ({
    thenEmits: (expected: OrderEvent[]) => expect(decide(command, foldOrder(events))).toEqual(expected),
    thenFails: (code: string) => {
      try {
        decide(command, foldOrder(events));
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe(code);
        return;
      }
      throw new Error(`expected ${code}`);
    },
  }),
});

describe('order decider: CreateOrder', () => {
  const created: OrderEvent = {
    type: 'OrderCreated',
    data: {
      order_id: 'o1',
      customer_id: 'alice',
      items: [
        { product_id: 'p1', name: 'Club', quantity: 2, unit_price: 850 },
        { product_id: 'p2', name: 'Soup', quantity: 1, unit_price: 450 },
      ],
      total: 2150,
      currency: 'EUR',
      delivery: null,
      created_at: now.toISOString(),
    },
  };
  const subscribed: OrderEvent = {
    type: 'OrderSubscriptionAdded',
    data: { order_id: 'o1', subscriber_id: 'alice' },
  };

  it('creates a pending order and subscribes its buyer', () => {
    given([]).when(create()).thenEmits([created, subscribed]);
    expect(foldOrder([created, subscribed])).toMatchObject({
      status: 'PENDING',
      total: 2150,
      subscribers: ['alice'],
    });
  });

  it('refuses to create an order twice', () => {
    given([created, subscribed]).when(create()).thenFails('CONCURRENCY_CONFLICT');
  });

  it('refuses an empty order, a bad quantity, and mixed currencies', () => {
    given([])
      .when(create({ lines: [] }))
      .thenFails('VALIDATION_FAILED');
    given([])
      .when(create({ lines: [{ product_id: 'p', name: 'n', quantity: 0, unit_price: 1, currency: 'EUR' }] }))
      .thenFails('VALIDATION_FAILED');
    given([])
      .when(
        create({
          lines: [
            { product_id: 'p', name: 'n', quantity: 1, unit_price: 1, currency: 'EUR' },
            { product_id: 'q', name: 'n', quantity: 1, unit_price: 1, currency: 'USD' },
          ],
        }),
      )
      .thenFails('VALIDATION_FAILED');
  });
});

describe('transition table', () => {
  it('has an entry for every status and only moves forward or to CANCELLED', () => {
    for (const from of ORDER_STATUSES) {
      for (const to of ORDER_TRANSITIONS[from]) {
        expect(to === 'CANCELLED' || ORDER_STATUSES.indexOf(to) > ORDER_STATUSES.indexOf(from)).toBe(true);
      }
    }
    expect(ORDER_TRANSITIONS.DELIVERED).toEqual([]);
    expect(ORDER_TRANSITIONS.CANCELLED).toEqual([]);
  });
});
