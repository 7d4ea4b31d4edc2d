import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { FoodPointInput, KitchenOrder } from '../../../src/contexts/fulfilment/index.ts';
import { type CurrentFixture, race, signal, sleep } from './storage-fixture.ts';

const point = (capacity = 3, overrides: Partial<FoodPointInput> = {}): FoodPointInput => ({
  id: `fp-${randomUUID()}`,
  name: 'Test kitchen',
  location: { lat: 52.5, lon: 13.4 },
  accepts_delivery: true,
  capacity,
  ...overrides,
});

/** `FoodPointStore`: points, stock, recipes, staff; reservations that never oversell a slot or an ingredient. */
export function foodPointsContract(current: CurrentFixture): void {
  describe('food points', () => {
    const storage = () => current().storage;
    const points = () => current().storage.read.foodPoints;

    it('creates a point once, updates its settings but keeps its load, and lists it with its stock', async () => {
      const p = point(2);
      expect(await points().insertIfAbsent(p)).toBe(true);
      expect(await points().insertIfAbsent(p)).toBe(false);
      await points().setStock(p.id, { bread: 4, ham: 1 });
      expect(await points().reserve(p.id, { bread: 1 })).toBe(true);
      await points().upsert({ ...p, name: 'Renamed', capacity: 5, accepts_delivery: false });
      const read = await points().get(p.id);
      expect(read).toEqual({
        ...p,
        name: 'Renamed',
        capacity: 5,
        accepts_delivery: false,
        in_kitchen: 1,
        stock: { bread: 3, ham: 1 },
      });
      expect((await points().list()).find((x) => x.id === p.id)).toEqual(read);
      expect(await points().get(`fp-${randomUUID()}`)).toBeUndefined();
    });

    it('reserves a slot and the ingredients all or none, and gives them back', async () => {
      const p = point(1);
      await points().insertIfAbsent(p);
      await points().setStock(p.id, { bread: 2, ham: 1 });
      expect(await points().reserve(p.id, { bread: 2, ham: 2 })).toBe(false);
      expect(await points().get(p.id)).toMatchObject({ in_kitchen: 0, stock: { bread: 2, ham: 1 } });
      expect(await points().reserve(p.id, { bread: 2, ham: 1 })).toBe(true);
      expect(await points().reserve(p.id, {})).toBe(false);
      expect(await points().get(p.id)).toMatchObject({ in_kitchen: 1, stock: { bread: 0, ham: 0 } });
      await points().releaseSlot(p.id);
      await points().releaseSlot(p.id);
      await points().returnIngredients(p.id, { bread: 2, ham: 1, salt: 1 });
      expect(await points().get(p.id)).toMatchObject({ in_kitchen: 0, stock: { bread: 2, ham: 1, salt: 1 } });
    });

    it('keeps recipes per product and kitchen staff per user', async () => {
      const product = `product-${randomUUID()}`;
      expect(await points().recipe(product)).toBeUndefined();
      await points().setRecipe(product, { bread: 2, ham: 1 });
      await points().setRecipe(product, { bread: 2, cheese: 1 });
      expect(await points().recipe(product)).toEqual({ bread: 2, cheese: 1 });
      expect(await points().recipesFor([product, 'no-such-product'])).toEqual({
        [product]: { bread: 2, cheese: 1 },
      });
      const [a, b] = [point(), point()];
      await points().insertIfAbsent(a);
      await points().insertIfAbsent(b);
      const user = `user-${randomUUID()}`;
      expect(await points().pointOfStaff(user)).toBeUndefined();
      await points().assignStaff(user, a.id);
      await points().assignStaff(user, b.id);
      expect(await points().pointOfStaff(user)).toBe(b.id);
      expect(await points().staffOf(b.id)).toEqual([user]);
      expect(await points().staffOf(a.id)).toEqual([]);
    });

    it('lets exactly capacity reservations through when 12 race, and never takes stock below zero', async () => {
      const p = point(4);
      await points().insertIfAbsent(p);
      await points().setStock(p.id, { bread: 6 });
      const { won, lost } = await race(storage(), 12, async (tx) => {
        const ok = await tx.foodPoints.reserve(p.id, { bread: 2 });
        await sleep(10);
        return ok;
      });
      expect(lost).toEqual([]);
      expect(won.filter(Boolean)).toHaveLength(3);
      expect(await points().get(p.id)).toMatchObject({ in_kitchen: 3, stock: { bread: 0 } });
    });
  });
}

const order = (overrides: Partial<KitchenOrder> = {}): KitchenOrder => ({
  order_id: randomUUID(),
  status: 'WAITING',
  food_point_id: null,
  items: [{ product_id: 'p', name: 'P', quantity: 1, unit_price: 100 }],
  destination: { lat: 52.5, lon: 13.4 },
  ingredients: {},
  holds_slot: false,
  ingredients_reserved: false,
  waiting_since: new Date(Date.UTC(1991, 0, 1)).toISOString(),
  assigned_at: null,
  courier_id: null,
  carrier: null,
  ...overrides,
});

/** `KitchenOrderStore`: the waiting list, each point's queue, couriers' jobs and locations. */
export function kitchenOrdersContract(current: CurrentFixture): void {
  describe('kitchen orders', () => {
    const orders = () => current().storage.read.kitchenOrders;
    const points = () => current().storage.read.foodPoints;

    it("names the kitchen staff of each order's point (the one named, else the assigned one), and nobody before assignment", async () => {
      const p = point(5);
      await points().insertIfAbsent(p);
      const [cook, chef] = [`user-${randomUUID()}`, `user-${randomUUID()}`].sort();
      for (const user of [chef!, cook!]) await points().assignStaff(user, p.id);
      const waiting = order();
      const assigned = order({
        status: 'ASSIGNED',
        food_point_id: p.id,
        assigned_at: new Date().toISOString(),
      });
      for (const o of [waiting, assigned]) await orders().save(o);
      const other = point(6);
      await points().insertIfAbsent(other);
      const baker = `user-${randomUUID()}`;
      await points().assignStaff(baker, other.id);
      expect(
        await orders().staffOfOrders([
          { order_id: assigned.order_id },
          { order_id: waiting.order_id },
          { order_id: randomUUID() },
          { order_id: waiting.order_id, food_point_id: other.id },
          { order_id: assigned.order_id, food_point_id: other.id },
          { order_id: assigned.order_id },
        ]),
      ).toEqual([[cook, chef], [], [], [baker], [baker], [cook, chef]]);
      expect(await orders().staffOfOrders([])).toEqual([]);
    });

    it('saves and replaces a record; lists waiting orders longest waiting first', async () => {
      const at = (day: number) => new Date(Date.UTC(1980, 0, day)).toISOString();
      const [late, early] = [order({ waiting_since: at(2) }), order({ waiting_since: at(1) })];
      await orders().save(late);
      const waitingBefore = await orders().countWaiting();
      await orders().save(early);
      expect(await orders().countWaiting()).toBe(waitingBefore + 1);
      expect(await orders().get(late.order_id)).toEqual(late);
      expect(await orders().getForUpdate(randomUUID())).toBeUndefined();
      expect((await orders().waiting(2)).map((o) => o.order_id)).toEqual([early.order_id, late.order_id]);
      await orders().save({ ...early, status: 'CANCELLED', destination: null });
      expect(await orders().get(early.order_id)).toMatchObject({ status: 'CANCELLED', destination: null });
      expect((await orders().waiting(1000)).map((o) => o.order_id)).not.toContain(early.order_id);
      expect(await orders().countWaiting()).toBe(waitingBefore);
    });

    it('locks several records at once, keyed by order id, and keeps a second locker waiting until commit', async () => {
      const [a, b] = [order(), order()];
      for (const o of [a, b]) await orders().save(o);
      const storage = current().storage;
      const held = signal();
      const locked = signal();
      const first = storage.transaction(async (tx) => {
        const records = await tx.kitchenOrders.getManyForUpdate([
          b.order_id,
          randomUUID(),
          a.order_id,
          b.order_id,
        ]);
        expect([...records.keys()].sort()).toEqual([a.order_id, b.order_id].sort());
        expect(records.get(a.order_id)).toEqual(a);
        locked.fire();
        await held.promise;
        await tx.kitchenOrders.save({ ...a, status: 'CANCELLED' });
      });
      await locked.promise;
      let secondDone = false;
      const second = storage
        .transaction((tx) => tx.kitchenOrders.getManyForUpdate([a.order_id]))
        .then((records) => {
          secondDone = true;
          return records;
        });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(secondDone).toBe(false);
      held.fire();
      await first;
      expect((await second).get(a.order_id)?.status).toBe('CANCELLED');
      expect((await orders().getManyForUpdate([])).size).toBe(0);
    });

    it('locks one record with the next statement, answers it after that one, and keeps a second locker waiting until commit', async () => {
      const a = order();
      await orders().save(a);
      const storage = current().storage;
      const held = signal();
      const locked = signal();
      const first = storage.transaction(async (tx) => {
        const record = await tx.kitchenOrders.lock(a.order_id);
        expect(await tx.kitchenOrders.get(randomUUID())).toBeUndefined(); // the statement it went with
        expect(await record.answer()).toEqual(a);
        locked.fire();
        await held.promise;
        await tx.kitchenOrders.save({ ...a, status: 'CANCELLED' });
      });
      await locked.promise;
      let secondSaw: KitchenOrder | undefined;
      let nextSaw: KitchenOrder | undefined;
      const second = storage.transaction(async (tx) => {
        const record = await tx.kitchenOrders.lock(a.order_id);
        // Sent with the lock, run once it is granted: it sees what the holder committed.
        nextSaw = await tx.kitchenOrders.get(a.order_id);
        secondSaw = await record.answer();
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(secondSaw).toBeUndefined();
      held.fire();
      await Promise.all([first, second]);
      expect(secondSaw).toMatchObject({ status: 'CANCELLED' });
      expect(nextSaw).toMatchObject({ status: 'CANCELLED' });
      expect(await (await orders().lock(randomUUID())).answer()).toBeUndefined();
    });

    it("lists a point's orders newest assigned first and READY ones for couriers with the pickup location", async () => {
      const p = point(5, { location: { lat: 48.1, lon: 11.6 } });
      await points().insertIfAbsent(p);
      const assigned = (day: number, status: KitchenOrder['status']) =>
        order({ status, food_point_id: p.id, assigned_at: new Date(Date.UTC(2001, 0, day)).toISOString() });
      const [first, second, gone] = [
        assigned(1, 'READY'),
        assigned(2, 'ASSIGNED'),
        assigned(3, 'IN_DELIVERY'),
      ];
      for (const o of [first, second, gone]) await orders().save(o);
      expect((await orders().atPoint(p.id, 10)).map((o) => o.order_id)).toEqual([
        second.order_id,
        first.order_id,
      ]);
      const ready = (await orders().readyForPickup(10_000)).find((j) => j.order_id === first.order_id);
      expect(ready).toEqual({ ...first, pickup: { lat: 48.1, lon: 11.6 }, food_point_name: p.name });
      expect((await orders().readyForPickup(10_000)).map((j) => j.order_id)).not.toContain(second.order_id);
    });

    it('lists READY orders nearest a location first, ordered and limited in the database', async () => {
      // Points near Wellington, far from every other test's points; the nearest assigned last.
      const near = point(5, { location: { lat: -41.29, lon: 174.78 } });
      const middle = point(5, { location: { lat: -41.5, lon: 174.9 } });
      const far = point(5, { location: { lat: -43.5, lon: 172.6 } });
      for (const p of [near, middle, far]) await points().insertIfAbsent(p);
      const ready = (p: { id: string }, day: number) =>
        order({
          status: 'READY',
          food_point_id: p.id,
          assigned_at: new Date(Date.UTC(1975, 0, day)).toISOString(),
        });
      const [atFar, atMiddle, atNear] = [ready(far, 1), ready(middle, 2), ready(near, 3)];
      for (const o of [atFar, atMiddle, atNear]) await orders().save(o);
      const courier = { lat: -41.28, lon: 174.77 };
      const nearest = await orders().readyForPickup(2, courier);
      expect(nearest.map((j) => j.order_id)).toEqual([atNear.order_id, atMiddle.order_id]);
      // Without a location: oldest assigned first, as before.
      const oldest = (await orders().readyForPickup(10_000)).map((j) => j.order_id);
      expect(oldest.indexOf(atFar.order_id)).toBeLessThan(oldest.indexOf(atNear.order_id));
    });

    it("keeps a courier's last location", async () => {
      const courier = `courier-${randomUUID()}`;
      expect(await orders().courierLocation(courier)).toBeUndefined();
      await orders().setCourierLocation(courier, { lat: 1.5, lon: 2.25 });
      await orders().setCourierLocation(courier, { lat: -3.5, lon: 4 });
      expect(await orders().courierLocation(courier)).toEqual({ lat: -3.5, lon: 4 });
    });
  });
}
