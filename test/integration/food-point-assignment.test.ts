import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostgresStorage } from '../../src/adapters/storage/postgres-storage.ts';
import type { Services } from '../../src/composition/services.ts';
import {
  FoodPointAssigner,
  type FoodPointInput,
  handOverToCarrier,
  NO_KITCHEN_REASON,
} from '../../src/contexts/fulfilment/index.ts';
import type { BusMessage } from '../../src/shared/ports/message-bus.ts';
import {
  testContext as context,
  type ManualClock,
  openServices,
  refusal,
  type ServicesFixture,
  STORAGE_MODES,
} from '../support/services-fixture.ts';

const TIMEOUT_SECONDS = 600;

/**
 * Seed 001's assignment and release on real storage with a hand-moved clock. Each test works in
 * a region of its own (10° of latitude apart, so another test's points are never nearest) with
 * ingredients of its own (so nobody else's stock can serve it).
 */
function assignment(name: string, mode: (typeof STORAGE_MODES)[number][1]) {
  describe(`food point assignment: ${name}`, () => {
    let fixture: ServicesFixture;
    let storage: PostgresStorage;
    let clock: ManualClock;
    let services: Services;
    let assigner: FoodPointAssigner;
    let region = -70;

    beforeAll(async () => {
      fixture = await openServices(mode);
      ({ storage, clock, services } = fixture);
      assigner = new FoodPointAssigner(
        storage,
        services.commands,
        clock,
        { next: () => randomUUID() },
        {
          defaultFoodPointId: undefined,
          timeoutSeconds: TIMEOUT_SECONDS,
        },
      );
    });
    afterAll(async () => {
      await fixture?.close();
    });

    /** A fresh region and ingredient: `at(km)` is `km` north of the region's customer. */
    const world = () => {
      region += 10;
      const lat0 = region;
      const tag = randomUUID().slice(0, 8);
      const at = (km: number) => ({ lat: lat0 + km / 111.2, lon: 10 });
      return { at, bread: `bread-${tag}`, ham: `ham-${tag}`, tag };
    };
    const addPoint = async (
      id: string,
      location: { lat: number; lon: number },
      stock: Record<string, number>,
      overrides: Partial<FoodPointInput> = {},
    ) => {
      await services.fulfilment.admin.put({
        id,
        name: id,
        location,
        accepts_delivery: true,
        capacity: 2,
        ...overrides,
      });
      await services.fulfilment.admin.setStock(id, stock);
      return id;
    };
    const sandwich = async (recipe: Record<string, number>) => {
      const id = `sandwich-${randomUUID().slice(0, 8)}`;
      await storage.read.products.upsert({
        id,
        name: id,
        category: 'test',
        price: 500,
        currency: 'EUR',
        stock: 1000,
      });
      await services.fulfilment.admin.setRecipe(id, recipe);
      return id;
    };
    /** A paid, confirmed order of `quantity` × `product`, delivered to `to` (or without a location). */
    const confirmedOrder = async (product: string, to: { lat: number; lon: number } | null, quantity = 1) => {
      const buyer = await fixture.buyer();
      await services.wallets.topUp(buyer, 100_000);
      const placed = await services.placeOrder.execute(
        {
          customer_id: buyer,
          items: [{ product_id: product, quantity }],
          delivery: to && { address: 'Somewhere 1', ...to },
          payment: { method: 'wallet' },
        },
        context,
      );
      const orderId = placed.body.order_id;
      await services.confirmOrder.execute(orderId, { userId: 'admin', isAdmin: true }, context);
      return { orderId, buyer };
    };
    const pointOf = async (id: string) => storage.read.foodPoints.get(id);
    const stateOf = async (orderId: string) => (await services.commands.load(orderId)).state;
    const balanceOf = async (buyer: string) => (await services.wallets.view(buyer, {})).balance;
    /** The order's status messages as they sit in the outbox (what the bus will carry). */
    const statusMessage = async (orderId: string, status: string): Promise<BusMessage> => {
      const { rows } = await sql<{ payload: BusMessage['envelope']; topic: string }>`
        select payload, topic from outbox where message_key = ${orderId} and topic = 'order.status_updated'
        order by id`.execute(storage.db);
      const row = rows.find((r) => r.payload.data.current_status === status);
      if (!row) throw new Error(`no ${status} message for ${orderId}`);
      return { topic: row.topic, key: orderId, envelope: row.payload, headers: {} };
    };
    const deliver = (message: BusMessage) => services.fulfilment.consumer()({ ...message, redeliveries: 0 });

    it('assigns the nearest point that can take the order, reserving a slot and the ingredients', async () => {
      const w = world();
      const product = await sandwich({ [w.bread]: 2, [w.ham]: 1 });
      await addPoint(`${w.tag}-far`, w.at(5), { [w.bread]: 10, [w.ham]: 10 });
      const near = await addPoint(`${w.tag}-near`, w.at(1), { [w.bread]: 10, [w.ham]: 10 });
      const { orderId } = await confirmedOrder(product, w.at(0), 2);
      expect(await assigner.assign(orderId)).toBe('assigned');
      expect(await stateOf(orderId)).toMatchObject({ status: 'ASSIGNED', food_point_id: near });
      expect(await pointOf(near)).toMatchObject({ in_kitchen: 1, stock: { [w.bread]: 6, [w.ham]: 8 } });
      // Redelivery changes nothing.
      expect(await assigner.assign(orderId)).toBe('skipped');
      expect(await pointOf(near)).toMatchObject({ in_kitchen: 1 });
    });

    it('passes over a nearest point that lacks an ingredient, one that is full and one that does not deliver', async () => {
      const w = world();
      const product = await sandwich({ [w.bread]: 1, [w.ham]: 1 });
      const full = { [w.bread]: 10, [w.ham]: 10 };
      await addPoint(`${w.tag}-no-ham`, w.at(1), { [w.bread]: 10, [w.ham]: 0 });
      await addPoint(`${w.tag}-full`, w.at(2), full, { capacity: 0 });
      await addPoint(`${w.tag}-pickup-only`, w.at(3), full, { accepts_delivery: false });
      const eligible = await addPoint(`${w.tag}-eligible`, w.at(4), full);
      const { orderId } = await confirmedOrder(product, w.at(0));
      expect(await assigner.assign(orderId)).toBe('assigned');
      expect((await stateOf(orderId)) as { food_point_id: string }).toMatchObject({
        food_point_id: eligible,
      });
      expect(await pointOf(`${w.tag}-no-ham`)).toMatchObject({ in_kitchen: 0, stock: { [w.bread]: 10 } });
    });

    it('keeps an order nobody can take waiting, and assigns it once stock arrives', async () => {
      const w = world();
      const product = await sandwich({ [w.bread]: 1 });
      const point = await addPoint(`${w.tag}-empty`, w.at(1), { [w.bread]: 0 });
      const { orderId } = await confirmedOrder(product, w.at(0));
      expect(await assigner.assign(orderId)).toBe('waiting');
      expect(await stateOf(orderId)).toMatchObject({ status: 'CONFIRMED' });
      clock.advance(60);
      await assigner.retryWaiting();
      expect(await stateOf(orderId)).toMatchObject({ status: 'CONFIRMED' });
      await services.fulfilment.admin.setStock(point, { [w.bread]: 1 });
      await assigner.retryWaiting();
      expect(await stateOf(orderId)).toMatchObject({ status: 'ASSIGNED', food_point_id: point });
      expect(await pointOf(point)).toMatchObject({ in_kitchen: 1, stock: { [w.bread]: 0 } });
    });

    it('cancels and refunds an order still waiting after ASSIGNMENT_TIMEOUT_SECONDS, with the reason', async () => {
      const w = world();
      const product = await sandwich({ [w.bread]: 1 });
      await addPoint(`${w.tag}-full`, w.at(1), { [w.bread]: 5 }, { capacity: 0 });
      const { orderId, buyer } = await confirmedOrder(product, w.at(0));
      const paid = await balanceOf(buyer);
      expect(await assigner.assign(orderId)).toBe('waiting');
      clock.advance(TIMEOUT_SECONDS - 1);
      await assigner.retryWaiting();
      expect(await stateOf(orderId)).toMatchObject({ status: 'CONFIRMED' });
      clock.advance(1);
      await assigner.retryWaiting();
      const { events } = await services.commands.load(orderId);
      expect(events.at(-1)).toMatchObject({
        type: 'OrderCancelled',
        data: { reason: NO_KITCHEN_REASON, cancelled_by: { kind: 'system' }, refund: { amount: 500 } },
      });
      expect(await balanceOf(buyer)).toBe(paid + 500);
      expect((await statusMessage(orderId, 'CANCELLED')).envelope.data).toMatchObject({
        reason: NO_KITCHEN_REASON,
        refunded: true,
      });
      // A second pass finds nothing to do.
      expect(await assigner.retryWaiting()).toEqual({ assigned: 0, cancelled: 0, waiting: 0, failed: [] });
    });

    it('gives back the slot and the ingredients when an assigned order is cancelled, once under redelivery', async () => {
      const w = world();
      const product = await sandwich({ [w.bread]: 3 });
      const point = await addPoint(`${w.tag}-p`, w.at(1), { [w.bread]: 3 }, { capacity: 1 });
      const first = await confirmedOrder(product, w.at(0));
      const second = await confirmedOrder(product, w.at(0));
      await deliver(await statusMessage(first.orderId, 'CONFIRMED'));
      await deliver(await statusMessage(second.orderId, 'CONFIRMED'));
      expect(await stateOf(first.orderId)).toMatchObject({ status: 'ASSIGNED' });
      expect(await stateOf(second.orderId)).toMatchObject({ status: 'CONFIRMED' });
      await services.cancelOrder.execute(first.orderId, { userId: 'admin', isAdmin: true }, 'test', context);
      const cancelled = await statusMessage(first.orderId, 'CANCELLED');
      await deliver(cancelled);
      await deliver(cancelled);
      await services.fulfilment.consumer()({
        ...cancelled,
        envelope: { ...cancelled.envelope, event_id: randomUUID() },
        redeliveries: 0,
      });
      expect(await pointOf(point)).toMatchObject({ in_kitchen: 0, stock: { [w.bread]: 3 } });
      await assigner.retryWaiting();
      expect(await stateOf(second.orderId)).toMatchObject({ status: 'ASSIGNED', food_point_id: point });
      expect(await pointOf(point)).toMatchObject({ in_kitchen: 1, stock: { [w.bread]: 0 } });
    });

    it('consumes ingredients at READY: a later cancellation frees the slot but returns nothing', async () => {
      const w = world();
      const product = await sandwich({ [w.bread]: 2 });
      const point = await addPoint(`${w.tag}-p`, w.at(1), { [w.bread]: 5 });
      const cook = `cook-${w.tag}`;
      await services.fulfilment.admin.assignStaff(point, cook);
      const { orderId } = await confirmedOrder(product, w.at(0));
      await assigner.assign(orderId);
      expect(
        (await refusal(services.fulfilment.kitchen.markReady(orderId, 'someone-else', 'test'))).code,
      ).toBe('FORBIDDEN');
      await services.fulfilment.kitchen.markReady(orderId, cook, 'test');
      expect(await stateOf(orderId)).toMatchObject({ status: 'READY' });
      expect((await refusal(services.fulfilment.kitchen.markReady(orderId, cook, 'test'))).code).toBe(
        'ORDER_INVALID_TRANSITION',
      );
      await services.cancelOrder.execute(orderId, { userId: 'admin', isAdmin: true }, 'test', context);
      await deliver(await statusMessage(orderId, 'CANCELLED'));
      expect(await pointOf(point)).toMatchObject({ in_kitchen: 0, stock: { [w.bread]: 3 } });
    });

    it('lets exactly one of two racing couriers pick an order up, and only that one deliver it', async () => {
      const w = world();
      const product = await sandwich({ [w.bread]: 1 });
      const point = await addPoint(`${w.tag}-p`, w.at(1), { [w.bread]: 5 });
      await services.fulfilment.admin.assignStaff(point, `cook-${w.tag}`);
      const { orderId } = await confirmedOrder(product, w.at(0));
      await assigner.assign(orderId);
      await services.fulfilment.kitchen.markReady(orderId, `cook-${w.tag}`, 'test');
      const couriers = services.fulfilment.couriers;
      const results = await Promise.allSettled(
        ['courier-a', 'courier-b'].map((c) => couriers.pickUp(orderId, c, 'test')),
      );
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
      expect(won).toHaveLength(1);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toMatchObject({
        code: expect.stringMatching(/ORDER_INVALID_TRANSITION|CONCURRENCY_CONFLICT/),
      });
      const [winner, loser] = won[0] === 0 ? ['courier-a', 'courier-b'] : ['courier-b', 'courier-a'];
      expect(await stateOf(orderId)).toMatchObject({ status: 'IN_DELIVERY' });
      expect(await pointOf(point)).toMatchObject({ in_kitchen: 0 });
      expect((await refusal(couriers.deliver(orderId, loser, 'test'))).code).toBe('ORDER_NOT_FOUND');
      expect(await stateOf(orderId)).toMatchObject({ status: 'IN_DELIVERY' });
      await couriers.deliver(orderId, winner, 'test');
      expect(await stateOf(orderId)).toMatchObject({ status: 'DELIVERED' });
    });

    it('hands a READY order to a carrier once, for an admin or the kitchen of its point, freeing the slot', async () => {
      const w = world();
      const product = await sandwich({ [w.bread]: 1 });
      const point = await addPoint(`${w.tag}-p`, w.at(1), { [w.bread]: 5 });
      const other = await addPoint(`${w.tag}-other`, w.at(50), { [w.bread]: 5 });
      await services.fulfilment.admin.assignStaff(point, `cook-${w.tag}`);
      await services.fulfilment.admin.assignStaff(other, `stranger-${w.tag}`);
      const { orderId } = await confirmedOrder(product, w.at(0));
      await assigner.assign(orderId);
      const handOver = (by: { user_id: string; roles: string[] }) =>
        storage.transaction((tx) => handOverToCarrier(tx, { order_id: orderId, carrier: 'demo', by }));
      const cook = { user_id: `cook-${w.tag}`, roles: ['kitchen'] };
      expect((await refusal(handOver(cook))).code).toBe('ORDER_INVALID_TRANSITION');
      await services.fulfilment.kitchen.markReady(orderId, cook.user_id, 'test');
      expect((await refusal(handOver({ user_id: `stranger-${w.tag}`, roles: ['kitchen'] }))).code).toBe(
        'ORDER_NOT_FOUND',
      );
      expect((await refusal(handOver({ user_id: 'alice', roles: ['buyer'] }))).code).toBe('ORDER_NOT_FOUND');
      expect(await handOver(cook)).toEqual({ order_id: orderId, food_point_id: point, carrier: 'demo' });
      expect(await pointOf(point)).toMatchObject({ in_kitchen: 0 });
      expect((await refusal(handOver({ user_id: 'admin', roles: ['admin'] }))).code).toBe(
        'ORDER_INVALID_TRANSITION',
      );
      expect(
        (await services.fulfilment.couriers.offered('courier-x')).orders.map((o) => o.order_id),
      ).not.toContain(orderId);
      expect(
        (
          await refusal(
            storage.transaction((tx) =>
              handOverToCarrier(tx, { order_id: randomUUID(), carrier: 'demo', by: cook }),
            ),
          )
        ).code,
      ).toBe('ORDER_NOT_FOUND');
    });
  });
}

for (const [name, mode] of STORAGE_MODES) assignment(name, mode);
