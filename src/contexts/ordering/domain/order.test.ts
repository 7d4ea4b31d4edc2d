import { describe, expect, it } from 'vitest';
import { deciderSpecification } from '../../../shared/testing/decider-specification.ts';
import type { OrderCommand } from './order.decide.ts';
import { orderDecider } from './order.decider.ts';
import type { OrderEvent } from './order.events.ts';
import { foldOrder } from './order.evolve.ts';

const given = deciderSpecification(orderDecider);
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
    given([]).when(create()).then([created, subscribed]);
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
