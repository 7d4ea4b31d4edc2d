import { describe, expect, it } from 'vitest';
import { deciderSpecification } from '../../../shared/testing/decider-specification.ts';
import type { OrderCommand } from './order.decide.ts';
import { orderDecider } from './order.decider.ts';
import type { Actor, OrderEvent } from './order.events.ts';
import { foldOrder } from './order.evolve.ts';
import { ORDER_STATUSES, ORDER_TRANSITIONS, type OrderStatus } from './order.transitions.ts';

const given = deciderSpecification(orderDecider);

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

const buyerCancel: OrderCommand = {
  type: 'CancelOrder',
  by: buyer,
  reason: 'changed my mind',
  refund_operation_id: 'r',
  now,
};

/** One command of each kind (cancellation by an admin and by the buyer, which guards differ). */
const COMMANDS = {
  PayOrder: { type: 'PayOrder', operation_id: 'op-1', amount: 1000, now },
  FailPayment: { type: 'FailPayment', reason: 'INSUFFICIENT_FUNDS', now },
  ConfirmOrder: { type: 'ConfirmOrder', by: admin, now },
  AssignFoodPoint: { type: 'AssignFoodPoint', food_point_id: 'fp-1', now },
  MarkReady: { type: 'MarkReady', now },
  PickUp: { type: 'PickUp', tracking_number: 'TRK1', carrier: 'FedEx', now },
  Deliver: { type: 'Deliver', delivery_location: 'Front door', now },
  CancelByAdmin: {
    type: 'CancelOrder',
    by: admin,
    reason: 'admin said so',
    refund_operation_id: 'op-r',
    now,
  },
  CancelByBuyer: buyerCancel,
  ExpireUnpaidOrder: { type: 'ExpireUnpaidOrder', ttl_seconds: 0, now },
} satisfies Record<string, OrderCommand>;

type CommandName = keyof typeof COMMANDS;
const x = 'refused' as const;

/**
 * The expected outcome of every command in every status, written out by hand: the status the
 * order moves to, or `refused` (ORDER_INVALID_TRANSITION). A wrong table or guard fails here.
 */
// biome-ignore format: the matrix reads best one status per row
const EXPECTED: Record<OrderStatus, Record<CommandName, OrderStatus | typeof x>> = {
  PENDING:     { PayOrder: 'PAID', FailPayment: 'CANCELLED', ConfirmOrder: x, AssignFoodPoint: x, MarkReady: x, PickUp: x, Deliver: x, CancelByAdmin: 'CANCELLED', CancelByBuyer: 'CANCELLED', ExpireUnpaidOrder: 'CANCELLED' },
  PAID:        { PayOrder: x, FailPayment: x, ConfirmOrder: 'CONFIRMED', AssignFoodPoint: x, MarkReady: x, PickUp: x, Deliver: x, CancelByAdmin: 'CANCELLED', CancelByBuyer: 'CANCELLED', ExpireUnpaidOrder: x },
  CONFIRMED:   { PayOrder: x, FailPayment: x, ConfirmOrder: x, AssignFoodPoint: 'ASSIGNED', MarkReady: x, PickUp: x, Deliver: x, CancelByAdmin: 'CANCELLED', CancelByBuyer: 'CANCELLED', ExpireUnpaidOrder: x },
  ASSIGNED:    { PayOrder: x, FailPayment: x, ConfirmOrder: x, AssignFoodPoint: x, MarkReady: 'READY', PickUp: x, Deliver: x, CancelByAdmin: 'CANCELLED', CancelByBuyer: x, ExpireUnpaidOrder: x },
  READY:       { PayOrder: x, FailPayment: x, ConfirmOrder: x, AssignFoodPoint: x, MarkReady: x, PickUp: 'IN_DELIVERY', Deliver: x, CancelByAdmin: 'CANCELLED', CancelByBuyer: x, ExpireUnpaidOrder: x },
  IN_DELIVERY: { PayOrder: x, FailPayment: x, ConfirmOrder: x, AssignFoodPoint: x, MarkReady: x, PickUp: x, Deliver: 'DELIVERED', CancelByAdmin: 'CANCELLED', CancelByBuyer: x, ExpireUnpaidOrder: x },
  DELIVERED:   { PayOrder: x, FailPayment: x, ConfirmOrder: x, AssignFoodPoint: x, MarkReady: x, PickUp: x, Deliver: x, CancelByAdmin: x, CancelByBuyer: x, ExpireUnpaidOrder: x },
  CANCELLED:   { PayOrder: x, FailPayment: x, ConfirmOrder: x, AssignFoodPoint: x, MarkReady: x, PickUp: x, Deliver: x, CancelByAdmin: x, CancelByBuyer: x, ExpireUnpaidOrder: x },
};

const statusOf = (events: OrderEvent[]) => {
  const state = foldOrder(events);
  return state.exists ? state.status : undefined;
};

describe('transition table', () => {
  it('is exactly the table of DESIGN.md', () => {
    expect(ORDER_TRANSITIONS).toEqual({
      PENDING: ['PAID', 'CANCELLED'],
      PAID: ['CONFIRMED', 'CANCELLED'],
      CONFIRMED: ['ASSIGNED', 'CANCELLED'],
      ASSIGNED: ['READY', 'CANCELLED'],
      READY: ['IN_DELIVERY', 'CANCELLED'],
      IN_DELIVERY: ['DELIVERED', 'CANCELLED'],
      DELIVERED: [],
      CANCELLED: [],
    });
  });
});

describe('order decider: every command in every status', () => {
  for (const from of ORDER_STATUSES) {
    for (const name of Object.keys(COMMANDS) as CommandName[]) {
      const expected = EXPECTED[from][name];
      it(`${from} + ${name} → ${expected === x ? 'ORDER_INVALID_TRANSITION' : expected}`, () => {
        expect(statusOf(HISTORY[from])).toBe(from);
        const when = given(HISTORY[from]).when(COMMANDS[name]);
        if (expected === x) {
          when.thenFails('ORDER_INVALID_TRANSITION', (error) =>
            expect(error.details).toMatchObject({ current_status: from }),
          );
        } else {
          expect(statusOf([...HISTORY[from], ...when.events()])).toBe(expected);
        }
      });
    }
  }
});

describe('order decider: events and guards', () => {
  it('pays, recording the operation (confirmation is a policy on the bus, not part of paying)', () => {
    given(created).when(COMMANDS.PayOrder).then([paid]);
  });

  it('refuses a payment that does not match the total', () => {
    given(created)
      .when({ type: 'PayOrder', operation_id: 'op', amount: 999, now })
      .thenFails('VALIDATION_FAILED');
  });

  it('cancels a failed payment: OrderPaymentFailed then OrderCancelled, no refund', () => {
    const events = given(created).when(COMMANDS.FailPayment).events();
    expect(events.map((e) => e.type)).toEqual(['OrderPaymentFailed', 'OrderCancelled']);
    expect(events[1]).toMatchObject({ data: { refund: null, previous_status: 'PENDING', items } });
  });

  it('refunds a paid order when cancelled, and not an unpaid one', () => {
    expect(given(HISTORY.CONFIRMED).when(COMMANDS.CancelByAdmin).events()[0]).toMatchObject({
      data: { refund: { operation_id: 'op-r', amount: 1000 }, previous_status: 'CONFIRMED' },
    });
    expect(given(HISTORY.PENDING).when(COMMANDS.CancelByAdmin).events()[0]).toMatchObject({
      data: { refund: null },
    });
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
    expect(given(free).when(COMMANDS.CancelByAdmin).events()[0]).toMatchObject({
      data: { previous_status: 'PAID', refund: null },
    });
  });

  it('says why a buyer may not cancel after a food point was assigned', () => {
    given(HISTORY.ASSIGNED)
      .when(COMMANDS.CancelByBuyer)
      .thenFails('ORDER_INVALID_TRANSITION', (error) =>
        expect(error.message).toBe('a buyer can cancel only before a food point is assigned'),
      );
  });

  it('expires an unpaid order once its time is up: cancelled by the system, stock released, no refund', () => {
    const expire = (ttl: number, later: number): OrderCommand => ({
      type: 'ExpireUnpaidOrder',
      ttl_seconds: ttl,
      now: new Date(now.getTime() + later * 1000),
    });
    given(HISTORY.PENDING)
      .when(expire(900, 899))
      .thenFails('ORDER_INVALID_TRANSITION', (error) => expect(error.message).toBe('it has not expired yet'));
    given(HISTORY.PENDING)
      .when(expire(900, 900))
      .then([
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
    given([]).when(COMMANDS.ConfirmOrder).thenFails('ORDER_NOT_FOUND');
  });

  it('records pickup and delivery details', () => {
    given(HISTORY.READY)
      .when(COMMANDS.PickUp)
      .then([
        {
          type: 'OrderPickedUp',
          data: { order_id: 'o1', picked_up_at: at, tracking_number: 'TRK1', carrier: 'FedEx' },
        },
      ]);
    given(HISTORY.IN_DELIVERY)
      .when(COMMANDS.Deliver)
      .then([
        {
          type: 'OrderDelivered',
          data: { order_id: 'o1', delivered_at: at, delivery_location: 'Front door' },
        },
      ]);
  });
});
