import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors.ts';
import type { Actor, OrderEvent } from './order.events.ts';
import { decide, foldOrder, type OrderCommand, type OrderCommandType } from './order.ts';
import { ORDER_STATUSES, ORDER_TRANSITIONS, type OrderStatus } from './order-status.ts';

const now = new Date('2026-03-04T05:06:07Z');
const at = now.toISOString();
const admin: Actor = { id: 'admin-1', kind: 'admin' };
const buyer: Actor = { id: 'alice', kind: 'buyer' };
const items = [{ product_id: 'p1', name: 'Club', quantity: 2, unit_price: 500 }];

const created: OrderEvent[] = [
  {
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
  },
  { type: 'OrderSubscriptionAdded', data: { order_id: 'o1', subscriber_id: 'alice' } },
];
const paid: OrderEvent = {
  type: 'OrderPaid',
  data: { order_id: 'o1', operation_id: 'op-1', amount: 1000, paid_at: at },
};
const confirmed: OrderEvent = {
  type: 'OrderConfirmed',
  data: { order_id: 'o1', confirmed_by: admin, confirmed_at: at },
};
const assigned: OrderEvent = {
  type: 'FoodPointAssigned',
  data: { order_id: 'o1', food_point_id: 'fp-1', assigned_at: at },
};
const ready: OrderEvent = { type: 'OrderReady', data: { order_id: 'o1', ready_at: at } };
const pickedUp: OrderEvent = { type: 'OrderPickedUp', data: { order_id: 'o1', picked_up_at: at } };
const delivered: OrderEvent = { type: 'OrderDelivered', data: { order_id: 'o1', delivered_at: at } };
const cancelledEvent = (previous: OrderStatus): OrderEvent => ({
  type: 'OrderCancelled',
  data: {
    order_id: 'o1',
    reason: 'x',
    cancelled_by: admin,
    cancelled_at: at,
    previous_status: previous,
    items,
    refund: null,
  },
});

/** Event histories that bring an order to each status. */
const HISTORY: Record<OrderStatus, OrderEvent[]> = {
  PENDING: created,
  PAID: [...created, paid],
  CONFIRMED: [...created, paid, confirmed],
  ASSIGNED: [...created, paid, confirmed, assigned],
  READY: [...created, paid, confirmed, assigned, ready],
  IN_DELIVERY: [...created, paid, confirmed, assigned, ready, pickedUp],
  DELIVERED: [...created, paid, confirmed, assigned, ready, pickedUp, delivered],
  CANCELLED: [...created, cancelledEvent('PENDING')],
};

const COMMANDS: Record<
  Exclude<OrderCommandType, 'CreateOrder'>,
  { command: OrderCommand; target: OrderStatus }
> = {
  PayOrder: {
    command: { type: 'PayOrder', operation_id: 'op-1', amount: 1000, auto_confirm: false, now },
    target: 'PAID',
  },
  FailPayment: { command: { type: 'FailPayment', reason: 'INSUFFICIENT_FUNDS', now }, target: 'CANCELLED' },
  ConfirmOrder: { command: { type: 'ConfirmOrder', by: admin, now }, target: 'CONFIRMED' },
  AssignFoodPoint: { command: { type: 'AssignFoodPoint', food_point_id: 'fp-1', now }, target: 'ASSIGNED' },
  MarkReady: { command: { type: 'MarkReady', now }, target: 'READY' },
  PickUp: {
    command: { type: 'PickUp', tracking_number: 'TRK1', carrier: 'FedEx', now },
    target: 'IN_DELIVERY',
  },
  Deliver: { command: { type: 'Deliver', delivery_location: 'Front door', now }, target: 'DELIVERED' },
  CancelOrder: {
    command: { type: 'CancelOrder', by: admin, reason: 'admin said so', refund_operation_id: 'op-r', now },
    target: 'CANCELLED',
  },
  ExpireUnpaidOrder: { command: { type: 'ExpireUnpaidOrder', ttl_seconds: 0, now }, target: 'CANCELLED' },
};

const statusOf = (events: OrderEvent[]) => {
  const state = foldOrder(events);
  return state.exists ? state.status : undefined;
};

const refusal = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('order decider: every transition of the table', () => {
  for (const from of ORDER_STATUSES) {
    for (const [name, { command, target }] of Object.entries(COMMANDS)) {
      // FailPayment and ExpireUnpaidOrder cancel only an order that is still unpaid.
      const pendingOnly = name === 'FailPayment' || name === 'ExpireUnpaidOrder';
      const legal = ORDER_TRANSITIONS[from].includes(target) && (!pendingOnly || from === 'PENDING');
      it(`${from} + ${name} → ${legal ? target : 'ORDER_INVALID_TRANSITION'}`, () => {
        expect(statusOf(HISTORY[from])).toBe(from);
        if (legal) {
          const events = decide(command, foldOrder(HISTORY[from]));
          expect(statusOf([...HISTORY[from], ...events])).toBe(target);
        } else {
          const error = refusal(() => decide(command, foldOrder(HISTORY[from])));
          expect(error.code).toBe('ORDER_INVALID_TRANSITION');
          expect(error.details).toMatchObject({ current_status: from, attempted_status: target });
        }
      });
    }
  }
});

describe('order decider: events and guards', () => {
  it('pays, recording the operation, and auto-confirms when asked', () => {
    expect(
      decide({ ...COMMANDS.PayOrder.command, auto_confirm: true } as OrderCommand, foldOrder(created)),
    ).toEqual([
      paid,
      {
        type: 'OrderConfirmed',
        data: { order_id: 'o1', confirmed_by: { id: 'auto-confirm', kind: 'system' }, confirmed_at: at },
      },
    ]);
  });

  it('refuses a payment that does not match the total', () => {
    const command: OrderCommand = {
      type: 'PayOrder',
      operation_id: 'op',
      amount: 999,
      auto_confirm: false,
      now,
    };
    expect(refusal(() => decide(command, foldOrder(created))).code).toBe('VALIDATION_FAILED');
  });

  it('cancels a failed payment: OrderPaymentFailed then OrderCancelled, no refund', () => {
    const events = decide(COMMANDS.FailPayment.command, foldOrder(created));
    expect(events.map((e) => e.type)).toEqual(['OrderPaymentFailed', 'OrderCancelled']);
    expect(events[1]).toMatchObject({ data: { refund: null, previous_status: 'PENDING', items } });
  });

  it('refunds a paid order when cancelled, and not an unpaid one', () => {
    const cancel = COMMANDS.CancelOrder.command;
    expect(decide(cancel, foldOrder(HISTORY.CONFIRMED))[0]).toMatchObject({
      data: { refund: { operation_id: 'op-r', amount: 1000 }, previous_status: 'CONFIRMED' },
    });
    expect(decide(cancel, foldOrder(HISTORY.PENDING))[0]).toMatchObject({ data: { refund: null } });
  });

  it('refunds nothing when a free order (total 0) is cancelled: nothing was debited', () => {
    const free: OrderEvent[] = [
      {
        type: 'OrderCreated',
        data: { ...(created[0]!.data as Extract<OrderEvent, { type: 'OrderCreated' }>['data']), total: 0 },
      },
      created[1]!,
      { type: 'OrderPaid', data: { order_id: 'o1', operation_id: 'op-0', amount: 0, paid_at: at } },
    ];
    expect(decide(COMMANDS.CancelOrder.command, foldOrder(free))[0]).toMatchObject({
      data: { previous_status: 'PAID', refund: null },
    });
  });

  it('lets the buyer cancel only before a food point is assigned', () => {
    const byBuyer: OrderCommand = {
      type: 'CancelOrder',
      by: buyer,
      reason: 'changed my mind',
      refund_operation_id: 'r',
      now,
    };
    for (const status of ['PENDING', 'PAID', 'CONFIRMED'] as const) {
      expect(statusOf([...HISTORY[status], ...decide(byBuyer, foldOrder(HISTORY[status]))])).toBe(
        'CANCELLED',
      );
    }
    for (const status of ['ASSIGNED', 'READY', 'IN_DELIVERY', 'DELIVERED', 'CANCELLED'] as const) {
      expect(refusal(() => decide(byBuyer, foldOrder(HISTORY[status]))).code).toBe(
        'ORDER_INVALID_TRANSITION',
      );
    }
  });

  it('expires an unpaid order once its time is up: cancelled by the system, stock released, no refund', () => {
    const expire = (ttl: number, later: number): OrderCommand => ({
      type: 'ExpireUnpaidOrder',
      ttl_seconds: ttl,
      now: new Date(now.getTime() + later * 1000),
    });
    expect(refusal(() => decide(expire(900, 899), foldOrder(HISTORY.PENDING))).code).toBe(
      'ORDER_INVALID_TRANSITION',
    );
    expect(decide(expire(900, 900), foldOrder(HISTORY.PENDING))).toEqual([
      {
        type: 'OrderCancelled',
        data: {
          order_id: 'o1',
          reason: 'payment timeout',
          cancelled_by: { id: 'system', kind: 'system' },
          cancelled_at: new Date(now.getTime() + 900_000).toISOString(),
          previous_status: 'PENDING',
          items,
          refund: null,
        },
      },
    ]);
  });

  it('knows no order before it is created', () => {
    expect(refusal(() => decide(COMMANDS.ConfirmOrder.command, foldOrder([]))).code).toBe('ORDER_NOT_FOUND');
  });

  it('records pickup and delivery details', () => {
    expect(decide(COMMANDS.PickUp.command, foldOrder(HISTORY.READY))).toEqual([
      {
        type: 'OrderPickedUp',
        data: { order_id: 'o1', picked_up_at: at, tracking_number: 'TRK1', carrier: 'FedEx' },
      },
    ]);
    expect(decide(COMMANDS.Deliver.command, foldOrder(HISTORY.IN_DELIVERY))).toEqual([
      { type: 'OrderDelivered', data: { order_id: 'o1', delivered_at: at, delivery_location: 'Front door' } },
    ]);
  });
});
