import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Carrier, demoCarrier } from '../../src/contexts/delivery/index.ts';
import { statusRank } from '../../src/contexts/ordering/index.ts';
import { rebuildOrderInfo } from '../../src/read-model/order-info/rebuild.ts';
import { driveToReady } from '../support/ready-order.ts';
import {
  testContext as context,
  openServices,
  refusal,
  type ServicesFixture,
  STORAGE_MODES,
} from '../support/services-fixture.ts';

/** A carrier's report sequence, in the order it happened. */
const SEQUENCE = ['SHIPPED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED'] as const;

/** A READY order, placed (and paid) by a fresh buyer. */
async function readyOrder(fixture: ServicesFixture): Promise<string> {
  const product = `p-${randomUUID().slice(0, 8)}`;
  await fixture.storage.read.products.upsert({
    id: product,
    name: 'Sandwich',
    category: 'test',
    price: 0,
    currency: 'EUR',
    stock: 10,
  });
  const placed = await fixture.services.placeOrder.execute(
    {
      customer_id: await fixture.buyer(),
      items: [{ product_id: product, quantity: 1 }],
      delivery: null,
      payment: { method: 'wallet' },
    },
    context,
  );
  const orderId = placed.body.order_id;
  await driveToReady(fixture.services.commands, orderId, context);
  return orderId;
}

/** A READY order handed to `carrier` (its shipment recorded), placed by a fresh buyer. */
async function shippedOrder(fixture: ServicesFixture, carrier: Carrier): Promise<string> {
  const orderId = await readyOrder(fixture);
  // The handover itself (kitchen permission, capacity) is fulfilment's and tested there and
  // end to end; here the shipment record is what the webhooks need.
  await fixture.storage.read.shipments.create({
    order_id: orderId,
    carrier_id: carrier.carrier_id,
    tracking_number: null,
    created_by: 'admin',
    created_at: new Date().toISOString(),
  });
  return orderId;
}

/**
 * Seed 000's "compare, then update": any shuffle and duplication of a carrier's reports ends
 * where the ordered sequence does, and the order never moves backwards on the way. Runs the
 * application service in-process on PGlite (the same SQL as PostgreSQL).
 */
const [, pglite] = STORAGE_MODES.find(([name]) => name === 'PGlite')!;

describe('carrier webhooks: ordering and duplicates (fast-check, PGlite)', () => {
  let fixture: ServicesFixture;
  const carrier = demoCarrier('2030-01-01T00:00:00.000Z');

  beforeAll(async () => {
    fixture = await openServices(pglite);
    await fixture.storage.read.carriers.create(carrier);
  }, 60_000);
  afterAll(async () => {
    await fixture?.close();
  });

  const readyShippedOrder = () => shippedOrder(fixture, carrier);

  const report = (orderId: string, status: string, i: number) => ({
    order_id: orderId,
    status,
    tracking_number: 'TRK123456789',
    occurred_at: new Date(Date.UTC(2030, 0, 1, 10, i)).toISOString(),
    ...(status === 'DELIVERED' ? { delivery_location: 'Front door' } : {}),
  });

  const statusOf = async (orderId: string) => {
    const { state } = await fixture.services.commands.load(orderId);
    if (!state.exists) throw new Error('order vanished');
    return state.status;
  };

  /** Sends `deliveries` (indexes into SEQUENCE, each with its webhook id); returns the statuses seen. */
  const deliver = async (orderId: string, deliveries: { step: number; webhookId: string }[]) => {
    const seen = [await statusOf(orderId)];
    for (const { step, webhookId } of deliveries) {
      await fixture.services.carrierUpdates.apply(
        carrier,
        webhookId,
        report(orderId, SEQUENCE[step]!, step),
        context,
      );
      seen.push(await statusOf(orderId));
    }
    return seen;
  };

  const eventTypes = async (orderId: string) =>
    (await fixture.services.commands.load(orderId)).events.map((e) => e.type);

  it('in order: READY → IN_DELIVERY → … → DELIVERED, one pickup and one delivery', async () => {
    const orderId = await readyShippedOrder();
    const seen = await deliver(
      orderId,
      SEQUENCE.map((_, step) => ({ step, webhookId: randomUUID() })),
    );
    expect(seen).toEqual(['READY', 'IN_DELIVERY', 'IN_DELIVERY', 'IN_DELIVERY', 'DELIVERED']);
    const types = await eventTypes(orderId);
    expect(types.filter((t) => t === 'OrderPickedUp')).toHaveLength(1);
    expect(types.filter((t) => t === 'OrderDelivered')).toHaveLength(1);
    const history = await fixture.storage.read.shipments.history(orderId);
    expect(history.map((h) => h.outcome)).toEqual(['APPLIED', 'STALE', 'STALE', 'APPLIED']);
  });

  it('takes the tracking number from an applied report, or when none is known; a late report never overwrites it', async () => {
    const orderId = await readyShippedOrder();
    const send = (status: string, tracking: string) =>
      fixture.services.carrierUpdates.apply(
        carrier,
        randomUUID(),
        { ...report(orderId, status, 0), tracking_number: tracking },
        context,
      );
    const tracking = async () => (await fixture.storage.read.shipments.get(orderId))?.tracking_number;
    // UNMAPPED, but the shipment has no number yet: better the carrier's than none.
    expect((await send('LABEL_CREATED', 'TRK-FIRST')).outcome).toBe('UNMAPPED');
    expect(await tracking()).toBe('TRK-FIRST');
    expect((await send('IN_TRANSIT', 'TRK-APPLIED')).outcome).toBe('APPLIED');
    expect(await tracking()).toBe('TRK-APPLIED');
    expect((await send('SHIPPED', 'TRK-LATE')).outcome).toBe('STALE');
    expect((await send('LABEL_CREATED', 'TRK-UNMAPPED')).outcome).toBe('UNMAPPED');
    expect(await tracking()).toBe('TRK-APPLIED');
    const view = await fixture.services.commands.load(orderId);
    expect(JSON.stringify(view.events)).not.toMatch(/TRK-LATE|TRK-UNMAPPED/);
  });

  it('any shuffle with duplicates and replays ends DELIVERED, never moving backwards', async () => {
    const ordered = await readyShippedOrder();
    const expected = (
      await deliver(
        ordered,
        SEQUENCE.map((_, step) => ({ step, webhookId: randomUUID() })),
      )
    ).at(-1);

    const scenario = fc.record({
      order: fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }),
      extras: fc.array(fc.record({ step: fc.nat(3), at: fc.nat(20), replay: fc.boolean() }), {
        maxLength: 6,
      }),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ order, extras }) => {
        const orderId = await readyShippedOrder();
        const ids = SEQUENCE.map(() => randomUUID());
        const deliveries = order.map((step) => ({ step, webhookId: ids[step]! }));
        for (const extra of extras) {
          // A replay repeats a report's webhook-id; otherwise the carrier sent the status again.
          const webhookId = extra.replay ? ids[extra.step]! : randomUUID();
          deliveries.splice(extra.at % (deliveries.length + 1), 0, { step: extra.step, webhookId });
        }
        const seen = await deliver(orderId, deliveries);
        for (let i = 1; i < seen.length; i++) {
          expect(statusRank(seen[i]!)).toBeGreaterThanOrEqual(statusRank(seen[i - 1]!));
        }
        expect(seen.at(-1)).toBe(expected);
        const types = await eventTypes(orderId);
        expect(types.filter((t) => t === 'OrderPickedUp')).toHaveLength(1);
        expect(types.filter((t) => t === 'OrderDelivered')).toHaveLength(1);
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('a shuffled, duplicated sequence that may stop before DELIVERED ends where the in-order one does', async () => {
    // The final status of each in-order prefix: none sent, SHIPPED, … up to DELIVERED.
    const expected: string[] = [];
    for (let length = 0; length <= SEQUENCE.length; length++) {
      const ordered = await readyShippedOrder();
      const inOrder = SEQUENCE.slice(0, length).map((_, step) => ({ step, webhookId: randomUUID() }));
      expected.push((await deliver(ordered, inOrder)).at(-1)!);
    }
    expect(expected).toEqual(['READY', 'IN_DELIVERY', 'IN_DELIVERY', 'IN_DELIVERY', 'DELIVERED']);

    const scenario = fc.nat(SEQUENCE.length).chain((length) =>
      fc.record({
        length: fc.constant(length),
        order: fc.shuffledSubarray(
          SEQUENCE.slice(0, length).map((_, step) => step),
          { minLength: length, maxLength: length },
        ),
        extras:
          length === 0
            ? fc.constant([])
            : fc.array(fc.record({ step: fc.nat(length - 1), at: fc.nat(20), replay: fc.boolean() }), {
                maxLength: 4,
              }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(scenario, async ({ length, order, extras }) => {
        const orderId = await readyShippedOrder();
        const ids = SEQUENCE.map(() => randomUUID());
        const deliveries = order.map((step) => ({ step, webhookId: ids[step]! }));
        for (const extra of extras) {
          const webhookId = extra.replay ? ids[extra.step]! : randomUUID();
          deliveries.splice(extra.at % (deliveries.length + 1), 0, { step: extra.step, webhookId });
        }
        const seen = await deliver(orderId, deliveries);
        for (let i = 1; i < seen.length; i++) {
          expect(statusRank(seen[i]!)).toBeGreaterThanOrEqual(statusRank(seen[i - 1]!));
        }
        expect(seen.at(-1)).toBe(expected[length]);
        const types = await eventTypes(orderId);
        expect(types.filter((t) => t === 'OrderPickedUp')).toHaveLength(length > 0 ? 1 : 0);
        expect(types.filter((t) => t === 'OrderDelivered')).toHaveLength(length === SEQUENCE.length ? 1 : 0);
      }),
      { numRuns: 20 },
    );
  }, 120_000);

  it('a rebuilt order-info view shows tracking number, carrier, delivered_at and location', async () => {
    const orderId = await readyShippedOrder();
    await deliver(orderId, [
      { step: 0, webhookId: randomUUID() },
      { step: 3, webhookId: randomUUID() },
    ]);
    await rebuildOrderInfo(fixture.storage);
    const summary = await fixture.storage.read.orderSummaries.get(orderId);
    expect(summary?.status).toBe('DELIVERED');
    expect(summary?.details).toMatchObject({
      tracking_number: 'TRK123456789',
      carrier: carrier.display_name,
      delivered_at: new Date(Date.UTC(2030, 0, 1, 10, 3)).toISOString(),
      delivery_location: 'Front door',
    });
  });

  it('refuses a report on an order never handed to this carrier (409) and on an unknown order (404)', async () => {
    const orderId = await readyOrder(fixture);
    const notHanded = await refusal(
      fixture.services.carrierUpdates.apply(carrier, randomUUID(), report(orderId, 'SHIPPED', 0), context),
    );
    expect(notHanded.code).toBe('ORDER_NOT_WITH_CARRIER');
    const unknown = await refusal(
      fixture.services.carrierUpdates.apply(
        carrier,
        randomUUID(),
        report(randomUUID(), 'SHIPPED', 0),
        context,
      ),
    );
    expect(unknown.code).toBe('ORDER_NOT_FOUND');
    expect(await statusOf(orderId)).toBe('READY');
  });

  it('refuses to move a cancelled order (409), keeps unmapped statuses without moving', async () => {
    const orderId = await readyShippedOrder();
    const unmapped = await fixture.services.carrierUpdates.apply(
      carrier,
      randomUUID(),
      report(orderId, 'LABEL_PRINTED', 0),
      context,
    );
    expect(unmapped).toMatchObject({ outcome: 'UNMAPPED', status: 'READY' });
    await fixture.services.cancelOrder.execute(orderId, { userId: 'admin', isAdmin: true }, 'test', context);
    const refused = await refusal(
      fixture.services.carrierUpdates.apply(carrier, randomUUID(), report(orderId, 'DELIVERED', 3), context),
    );
    expect(refused.code).toBe('ORDER_INVALID_TRANSITION');
    expect(await statusOf(orderId)).toBe('CANCELLED');
  });
});

describe.each(STORAGE_MODES)('carrier webhooks: concurrent reports on one order (%s)', (_name, mode) => {
  let fixture: ServicesFixture;
  const carrier = demoCarrier('2030-01-01T00:00:00.000Z');

  beforeAll(async () => {
    fixture = await openServices(mode);
    await fixture.storage.read.carriers.create(carrier);
  }, 60_000);
  afterAll(async () => {
    await fixture?.close();
  });

  const send = (orderId: string, webhookId: string, status: string, minute: number) =>
    fixture.services.carrierUpdates.apply(
      carrier,
      webhookId,
      {
        order_id: orderId,
        status,
        tracking_number: `TRK-${status}`,
        occurred_at: new Date(Date.UTC(2030, 0, 1, 10, minute)).toISOString(),
      },
      context,
    );

  it('one webhook sent ten times at once is applied once; the others are answered as replays', async () => {
    const orderId = await shippedOrder(fixture, carrier);
    const webhookId = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => send(orderId, webhookId, 'SHIPPED', 1)),
    );
    expect(results.filter((r) => r.outcome === 'APPLIED')).toHaveLength(1);
    // Each replay waited for the shipment's lock and read the order under it: after the
    // applied one (a read sent before its lock would still see READY).
    expect(results.filter((r) => r.outcome === 'DUPLICATE').map((r) => r.status)).toEqual(
      Array(9).fill('IN_DELIVERY'),
    );
    const { events } = await fixture.services.commands.load(orderId);
    expect(events.filter((e) => e.type === 'OrderPickedUp')).toHaveLength(1);
    expect(await fixture.storage.read.shipments.history(orderId)).toHaveLength(1);
    expect(await fixture.storage.read.shipments.get(orderId)).toMatchObject({
      tracking_number: 'TRK-SHIPPED',
    });
  });

  it('different reports at once each land once, in some order, and the order ends DELIVERED', async () => {
    const orderId = await shippedOrder(fixture, carrier);
    const reports = ['SHIPPED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED'].flatMap((status, minute) => {
      const webhookId = randomUUID();
      // Each report twice, under one webhook id: a replay racing its original.
      return [send(orderId, webhookId, status, minute), send(orderId, webhookId, status, minute)];
    });
    const results = await Promise.all(reports);
    expect(results.filter((r) => r.outcome === 'DUPLICATE')).toHaveLength(4);
    const { state, events } = await fixture.services.commands.load(orderId);
    expect(state.exists && state.status).toBe('DELIVERED');
    expect(events.filter((e) => e.type === 'OrderPickedUp')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'OrderDelivered')).toHaveLength(1);
    expect(await fixture.storage.read.shipments.history(orderId)).toHaveLength(4);
  });
});
