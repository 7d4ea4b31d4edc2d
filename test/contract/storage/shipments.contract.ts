import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Shipment, type ShipmentUpdate, WebhookReplayed } from '../../../src/contexts/delivery/index.ts';
import { contractCarrier } from './carriers.contract.ts';
import { type CurrentFixture, race, signal, sleep } from './storage-fixture.ts';

/** `ShipmentStore`: one shipment per order, its reports, and the (carrier, webhook-id) replay guard. */
export function shipmentsContract(current: CurrentFixture): void {
  describe('shipments', () => {
    const shipments = () => current().storage.read.shipments;

    const newShipment = async (): Promise<Shipment> => {
      const carrier = contractCarrier();
      await current().storage.read.carriers.create(carrier);
      return {
        order_id: randomUUID(),
        carrier_id: carrier.carrier_id,
        tracking_number: null,
        created_by: 'admin',
        created_at: '2030-01-01T00:00:00.000Z',
      };
    };
    const report = (shipment: Shipment, webhookId: string, status = 'SHIPPED'): ShipmentUpdate => ({
      carrier_id: shipment.carrier_id,
      webhook_id: webhookId,
      order_id: shipment.order_id,
      carrier_status: status,
      mapped_status: 'IN_DELIVERY',
      tracking_number: 'TRK1',
      occurred_at: '2030-01-01T01:00:00.000Z',
      received_at: '2030-01-01T01:00:01.000Z',
      outcome: 'APPLIED',
    });

    it('creates one shipment per order and sets its tracking number', async () => {
      const shipment = await newShipment();
      expect(await shipments().create(shipment)).toBe(true);
      expect(await shipments().create({ ...shipment, created_by: 'other' })).toBe(false);
      expect(await shipments().get(shipment.order_id)).toEqual(shipment);
      await shipments().setTrackingNumber(shipment.order_id, 'TRK-9');
      expect(await shipments().get(shipment.order_id)).toMatchObject({ tracking_number: 'TRK-9' });
      expect(await shipments().get(randomUUID())).toBeUndefined();
      expect(await shipments().get('not-a-uuid')).toBeUndefined();
    });

    it('records each webhook id of a carrier once, and keeps the history in arrival order', async () => {
      const shipment = await newShipment();
      await shipments().create(shipment);
      expect(await shipments().seen(shipment.carrier_id, 'w1')).toBe(false);
      await shipments().record(report(shipment, 'w2', 'DELIVERED'));
      await shipments().record(report(shipment, 'w1'));
      await expect(shipments().record(report(shipment, 'w1', 'OTHER'))).rejects.toBeInstanceOf(
        WebhookReplayed,
      );
      expect(await shipments().seen(shipment.carrier_id, 'w1')).toBe(true);
      expect(await shipments().history(shipment.order_id)).toEqual([
        report(shipment, 'w2', 'DELIVERED'),
        report(shipment, 'w1'),
      ]);
    });

    it('refuses a whole unit of work that records a replay, whatever was written before or after it', async () => {
      const shipment = await newShipment();
      await shipments().create(shipment);
      await shipments().record(report(shipment, 'w1'));
      const replay = current().storage.transaction(async (tx) => {
        await tx.shipments.setTrackingNumber(shipment.order_id, 'TRK-BEFORE');
        await tx.shipments.record(report(shipment, 'w1', 'DELIVERED'));
        await tx.shipments.setTrackingNumber(shipment.order_id, 'TRK-AFTER');
      });
      await expect(replay).rejects.toBeInstanceOf(WebhookReplayed);
      expect(await shipments().get(shipment.order_id)).toMatchObject({ tracking_number: null });
      expect(await shipments().history(shipment.order_id)).toEqual([report(shipment, 'w1')]);
      // A fresh webhook id in the same kind of unit of work commits all of it.
      await current().storage.transaction(async (tx) => {
        await tx.shipments.record(report(shipment, 'w2', 'DELIVERED'));
        await tx.shipments.setTrackingNumber(shipment.order_id, 'TRK-2');
      });
      expect(await shipments().get(shipment.order_id)).toMatchObject({ tracking_number: 'TRK-2' });
      expect(await shipments().history(shipment.order_id)).toHaveLength(2);
    });

    it('answers a lock with the shipment, whether a statement followed it or not', async () => {
      const shipment = await newShipment();
      await shipments().create(shipment);
      const other = await newShipment();
      await shipments().create({ ...other, tracking_number: 'TRK-O' });
      const seen = await current().storage.transaction(async (tx) => {
        const locked = await tx.shipments.lock(shipment.order_id);
        const next = await tx.shipments.get(other.order_id);
        const alone = await (await tx.shipments.lock(other.order_id)).answer();
        const missing = await (await tx.shipments.lock(randomUUID())).answer();
        const invalid = await (await tx.shipments.lock('not-a-uuid')).answer();
        return { locked: await locked.answer(), next, alone, missing, invalid };
      });
      expect(seen).toEqual({
        locked: shipment,
        next: { ...other, tracking_number: 'TRK-O' },
        alone: { ...other, tracking_number: 'TRK-O' },
        missing: undefined,
        invalid: undefined,
      });
      expect(await (await shipments().lock(shipment.order_id)).answer()).toEqual(shipment);
    });

    it('runs the statement sent with a lock after the lock was granted: it sees what the holder committed', async () => {
      const shipment = await newShipment();
      await shipments().create(shipment);
      const storage = current().storage;
      const locked = signal();
      const release = signal();
      const first = storage.transaction(async (tx) => {
        await (await tx.shipments.lock(shipment.order_id)).answer();
        locked.fire();
        await release.promise;
        await tx.shipments.setTrackingNumber(shipment.order_id, 'TRK-HOLDER');
      });
      await locked.promise;
      const second = storage.transaction(async (tx) => {
        const lock = await tx.shipments.lock(shipment.order_id);
        const next = await tx.shipments.get(shipment.order_id);
        return { locked: await lock.answer(), next };
      });
      await sleep(50);
      release.fire();
      await first;
      expect(await second).toEqual({
        locked: { ...shipment, tracking_number: 'TRK-HOLDER' },
        next: { ...shipment, tracking_number: 'TRK-HOLDER' },
      });
    });

    it('holds a shipment locked for update until the unit of work ends', async () => {
      const shipment = await newShipment();
      await shipments().create(shipment);
      let inside = 0;
      let overlapped = false;
      const { lost } = await race(current().storage, 5, async (tx) => {
        const locked = await tx.shipments.lock(shipment.order_id);
        expect(await locked.answer()).toEqual(shipment);
        inside++;
        if (inside > 1) overlapped = true;
        await sleep(10);
        inside--;
      });
      expect(lost).toEqual([]);
      expect(overlapped).toBe(false);
    });
  });
}
